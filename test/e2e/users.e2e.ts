import type { Browser, Locator, Page } from 'playwright-core';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newContext, screenshot } from './support/browser.js';
import { adminEmail, startGuiaServer, type GuiaServer } from './support/guia-server.js';
import { expectHeading, field, firstSignIn } from './support/sign-in-steps.js';

describe('administration of agencies and users', () => {
  let server: GuiaServer;
  let browser: Browser;
  let page: Page;
  const newUser = { name: 'Ana Lopes', email: 'ana.lopes@pj.example' };
  let oneTimePassword = '';

  beforeAll(async () => {
    server = await startGuiaServer();
    browser = await launchBrowser();
    page = await (await newContext(browser, server.baseUrl, { accessibilityChecks: true })).newPage();
    await firstSignIn(page, {
      email: adminEmail,
      password: server.adminPassword,
      newPassword: 'cormorant dusk ledger 88',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const navigation = () => page.getByRole('navigation', { name: 'Main navigation' });

  /** Picks an option of a select; its list of options carries the same label as its input. */
  async function choose(scope: Page | Locator, label: string, option: string): Promise<void> {
    await field(scope, label).and(scope.locator('input')).click();
    await page.getByRole('option', { name: option }).click();
  }

  it('adds an agency with its names in three languages', async () => {
    await navigation().getByRole('link', { name: 'Agencies' }).click();
    await expectHeading(page, 'Agencies');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Add agency' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an agency' });
    await field(dialog, 'Code').fill('pj');
    await choose(dialog, 'Kind', 'Police');
    await field(dialog, 'Name in English').fill('Judiciary Police');
    await field(dialog, 'Name in Chinese').fill('司法警察局');
    await field(dialog, 'Name in Portuguese').fill('Polícia Judiciária');
    await screenshot(page, 'agency-dialog-en');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Add agency' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: 'Judiciary Police' }).waitFor();
    await screenshot(page, 'agencies-en');
  });

  it('refuses an edit made on a stale copy and offers to reload it', async () => {
    await page.getByRole('button', { name: 'Edit PJ' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit agency PJ' });

    // Meanwhile, in another tab, someone else renames the agency.
    const otherTab = await page.context().newPage();
    await otherTab.goto('/agencies');
    await otherTab.getByRole('button', { name: 'Edit PJ' }).click();
    await field(otherTab, 'Name in English').fill('Judiciary Police Bureau');
    await otherTab.getByRole('button', { name: 'Save changes' }).click();
    await otherTab.getByRole('cell', { name: 'Judiciary Police Bureau' }).waitFor();
    await otherTab.close();

    await field(dialog, 'Name in Portuguese').fill('Polícia Judiciária de Macau');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'Someone else changed this record meanwhile' })
      .waitFor();
    await screenshot(page, 'agency-stale-en');
    await dialog.getByRole('button', { name: 'Reload the record' }).click();
    await expect.poll(() => field(dialog, 'Name in English').inputValue()).toBe('Judiciary Police Bureau');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('adds a user and shows the one-time password once', async () => {
    await navigation().getByRole('link', { name: 'Users' }).click();
    await expectHeading(page, 'Users');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a user' });
    // Submitting empty shows each problem on its field.
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await dialog.getByText('Required.').first().waitFor();
    await screenshot(page, 'user-dialog-errors-en');

    await field(dialog, 'Name').fill(newUser.name);
    await field(dialog, 'E-mail address').fill(newUser.email);
    await choose(dialog, 'Agency', 'PJ – Judiciary Police');
    await dialog.getByRole('checkbox', { name: 'Auditor' }).check();
    await dialog.getByRole('checkbox', { name: 'Agency officer' }).check();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Add user' }).click();

    const secret = dialog.getByTestId('one-time-password');
    await secret.waitFor();
    oneTimePassword = await secret.inputValue();
    expect(oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await dialog.getByRole('button', { name: /Copy/ }).waitFor();
    await screenshot(page, 'user-created-en');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await field(page, 'Search').fill('lopes');
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    await page.getByRole('cell', { name: newUser.email }).waitFor();
    await screenshot(page, 'users-en');
  });

  it('lets the new user sign in with the one-time password and read the audit trail', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectHeading(page, 'Sign in');
    await firstSignIn(page, {
      email: newUser.email,
      password: oneTimePassword,
      newPassword: 'velvet quay orchid 2040',
    });
    await expectHeading(page, 'Welcome, Ana Lopes');

    await navigation().getByRole('link', { name: 'Audit trail' }).click();
    await expectHeading(page, 'Audit trail');
    await page.getByRole('cell', { name: 'User created' }).first().waitFor();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText('The audit trail is intact').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'audit-en');

    await choose(page, 'Action', 'Agency created');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    // The secretariat, created at the first start, and the agency added above; nothing else.
    await expect.poll(() => page.getByRole('row').count()).toBe(3);
    expect(await page.getByRole('cell', { name: 'Agency created' }).count()).toBe(2);
  });

  it('lets a user turn on two-factor sign-in from their account', async () => {
    await navigation().getByRole('link', { name: 'Account' }).click();
    await expectHeading(page, 'Your account');
    await page.getByText('Off', { exact: true }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set up two-factor sign-in' });
    await dialog.getByRole('img', { name: /QR code/ }).waitFor();
    const secret = await dialog.getByTestId('totp-secret').inputValue();
    await field(dialog, 'Code from the app').fill(await generate({ secret }));
    await dialog.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();

    const codes = page.getByRole('dialog', { name: 'Save your recovery codes' });
    await expect.poll(() => codes.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await screenshot(page, 'account-recovery-codes-en');
    await codes.getByLabel('I have stored these codes in a safe place').check();
    await codes.getByRole('button', { name: 'Continue' }).click();
    await codes.waitFor({ state: 'hidden' });
    await page.getByText('On', { exact: true }).waitFor();
    await screenshot(page, 'account-en');
  });
});
