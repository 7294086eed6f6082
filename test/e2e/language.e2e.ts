import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot } from './support/browser.js';
import { adminEmail, startGuiaServer, type GuiaServer } from './support/guia-server.js';
import { chooseLanguage, expectHeading, firstSignIn, signIn } from './support/sign-in-steps.js';

/** Collects what the browser refused under the server's Content Security Policy. */
function watchContentSecurityPolicy(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

const htmlLanguage = (page: Page) => page.getAttribute('html', 'lang');

describe('languages', () => {
  let server: GuiaServer;
  let browser: Browser;
  const newPassword = 'monsoon ferry tangerine 42';

  beforeAll(async () => {
    server = await startGuiaServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('switches the sign-in screen and remembers the choice on this computer', async () => {
    // No CSP bypass here: the app must run under the server's policy as it is.
    const page = await (await newContext(browser, server.baseUrl)).newPage();
    const violations = watchContentSecurityPolicy(page);
    await page.goto('/sign-in');
    await expectHeading(page, 'Sign in');

    await chooseLanguage(page, 'English', '繁體中文');
    await expectHeading(page, '登入');
    expect(await htmlLanguage(page)).toBe('zh-Hant');
    await screenshot(page, 'sign-in-zh-Hant');
    await page.reload();
    await expectHeading(page, '登入');
    await page.getByRole('button', { name: '登入' }).waitFor();

    await chooseLanguage(page, '繁體中文', 'Português');
    await expectHeading(page, 'Iniciar sessão');
    expect(await htmlLanguage(page)).toBe('pt');
    expect(await page.title()).toBe('Iniciar sessão – Guia');
    await screenshot(page, 'sign-in-pt');
    await page.reload();
    await expectHeading(page, 'Iniciar sessão');
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('keeps a signed-in user’s language on the server, for every computer', async () => {
    const page = await (await newContext(browser, server.baseUrl)).newPage();
    const violations = watchContentSecurityPolicy(page);
    const { secret } = await firstSignIn(page, {
      email: adminEmail,
      password: server.adminPassword,
      newPassword,
    });

    await chooseLanguage(page, 'English', '繁體中文');
    await expectHeading(page, '歡迎，Administrator');
    expect(await htmlLanguage(page)).toBe('zh-Hant');
    expect(await page.title()).toBe('歡迎，Administrator – Guia');
    await screenshot(page, 'home-zh-Hant');
    const navigation = page.getByRole('navigation', { name: '主選單' });
    await navigation.getByRole('link', { name: '用戶' }).click();
    await expectHeading(page, '用戶');
    await screenshot(page, 'users-zh-Hant');
    await navigation.getByRole('link', { name: '機構' }).click();
    await expectHeading(page, '機構');
    await screenshot(page, 'agencies-zh-Hant');

    // Without this computer's memory of the choice, the server's still brings Chinese back.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await expectHeading(page, '機構');

    await chooseLanguage(page, '繁體中文', 'Português');
    await expectHeading(page, 'Entidades');
    await page.reload();
    await expectHeading(page, 'Entidades');
    expect(await htmlLanguage(page)).toBe('pt');
    await screenshot(page, 'agencies-pt');
    const navegacao = page.getByRole('navigation', { name: 'Navegação principal' });
    await navegacao.getByRole('link', { name: 'Utilizadores' }).click();
    await expectHeading(page, 'Utilizadores');
    await screenshot(page, 'users-pt');
    await navegacao.getByRole('link', { name: 'Conta' }).click();
    await expectHeading(page, 'A sua conta');
    await screenshot(page, 'account-pt');
    await navegacao.getByRole('link', { name: 'Início' }).click();
    await expectHeading(page, 'Bem-vindo(a), Administrator');
    await screenshot(page, 'home-pt');
    expect(violations).toEqual([]);
    await page.context().close();

    // Another browser, with no memory of this one: the sign-in opens in Portuguese.
    const elsewhere = await (await newContext(browser, server.baseUrl)).newPage();
    await signIn(elsewhere, adminEmail, newPassword, secret);
    await expectHeading(elsewhere, 'Bem-vindo(a), Administrator');
    expect(await htmlLanguage(elsewhere)).toBe('pt');
    await elsewhere.context().close();
  });
});
