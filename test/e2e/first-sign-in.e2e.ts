import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newContext, screenshot } from './support/browser.js';
import { adminEmail, startGuiaServer, type GuiaServer } from './support/guia-server.js';
import { expectHeading, field, firstSignIn, nextTotp, submitCredentials } from './support/sign-in-steps.js';

describe('first sign-in of the administrator', () => {
  let server: GuiaServer;
  let browser: Browser;
  let page: Page;
  const newPassword = 'harbour kite seventeen blue';

  beforeAll(async () => {
    server = await startGuiaServer();
    browser = await launchBrowser();
    page = await (await newContext(browser, server.baseUrl, { accessibilityChecks: true })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sends a visitor to the sign-in screen, which is accessible', async () => {
    await page.goto('/users');
    await expectHeading(page, 'Sign in');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.title()).toBe('Sign in – Guia');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await screenshot(page, 'sign-in-en');
    await expectAccessible(page);
  });

  it('shows the server’s message for a wrong password on the form', async () => {
    await submitCredentials(page, adminEmail, 'not the password at all');
    await page.getByRole('alert').filter({ hasText: 'The e-mail or password is wrong.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await screenshot(page, 'sign-in-error-en');
  });

  it('makes the administrator choose a password, enrol an authenticator and keep recovery codes', async () => {
    const { secret, recoveryCodes } = await firstSignIn(page, {
      email: adminEmail,
      password: server.adminPassword,
      newPassword,
      screenshots: 'first-sign-in',
    });
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
    await expect.poll(() => page.title()).toBe('Welcome, Administrator – Guia');
    await screenshot(page, 'home-en');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectHeading(page, 'Sign in');

    // The next sign-in asks for a code from the authenticator app.
    await submitCredentials(page, adminEmail, newPassword);
    await expectHeading(page, 'Confirm it is you');
    await screenshot(page, 'second-factor-en');
    await field(page, 'Verification code').fill(await nextTotp(secret ?? ''));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expectHeading(page, 'Welcome, Administrator');
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    for (const item of ['Home', 'Agencies', 'Users', 'Account']) {
      await navigation.getByRole('link', { name: item }).waitFor();
    }
    // The administrator does not hold audit.read: the audit trail is not offered.
    expect(await navigation.getByRole('link', { name: 'Audit trail' }).count()).toBe(0);
  });
});
