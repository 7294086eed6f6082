import { generate } from 'otplib';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { newPage, screenshot } from './browser.js';

// The sign-in steps as a person goes through them, by the English labels on screen.

/**
 * A TOTP code for the next 30-second step. The server accepts each step once only, and
 * the step now may already have been used (at enrolment, or by the previous sign-in).
 */
export function nextTotp(secret: string): Promise<string> {
  return generate({ secret, epoch: (Math.floor(Date.now() / 30_000) + 1) * 30 });
}

/**
 * A form field by its label. Required fields' labels end in an asterisk that assistive
 * technology does not read (it is aria-hidden), but Playwright's label matching sees it.
 */
export function field(scope: Page | Locator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

export async function submitCredentials(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await field(page, 'E-mail address').fill(email);
  await field(page, 'Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

type FirstSignIn = {
  email: string;
  /** The one-time (or initial) password given by the administrator. */
  password: string;
  newPassword: string;
  /** Screenshots of each step are saved under this prefix. */
  screenshots?: string;
};

export type EnrolledAccount = { secret: string | null; recoveryCodes: string[] };

/** Signs in for the first time: new password, then two-factor enrolment if the role requires it. */
export async function firstSignIn(page: Page, account: FirstSignIn): Promise<EnrolledAccount> {
  const shot = async (step: string) => {
    if (account.screenshots) await screenshot(page, `${account.screenshots}-${step}`);
  };
  await submitCredentials(page, account.email, account.password);

  await expectHeading(page, 'Choose your own password');
  await field(page, 'Current password').fill(account.password);
  await field(page, 'New password').fill(account.newPassword);
  await field(page, 'New password again').fill(account.newPassword);
  await shot('password-change');
  await page.getByRole('button', { name: 'Change password' }).click();

  const next = page.getByRole('heading', { level: 1, name: /Set up two-factor sign-in|Welcome/ });
  await next.waitFor();
  if (!(await next.textContent())?.startsWith('Set up')) return { secret: null, recoveryCodes: [] };

  // The key and the QR code appear together, once the server has made the secret.
  await page.getByRole('img', { name: /QR code/ }).waitFor();
  const secret = await page.getByTestId('totp-secret').inputValue();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await shot('two-factor-enrolment');
  await field(page, 'Code from the app').fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();

  await expectHeading(page, 'Save your recovery codes');
  const recoveryCodes = await page.getByTestId('recovery-codes').locator('li').allTextContents();
  await shot('recovery-codes');
  await page.getByLabel('I have stored these codes in a safe place').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectHeading(page, /Welcome/);
  return { secret, recoveryCodes };
}

/** Signs in with a password and, for an enrolled account, a fresh TOTP code. */
export async function signIn(
  page: Page,
  email: string,
  password: string,
  secret: string | null,
): Promise<void> {
  await submitCredentials(page, email, password);
  if (secret) {
    // Once the password is accepted the screens speak the user's own language, whichever it is.
    const code = page.locator('input[autocomplete="one-time-code"]');
    await code.fill(await nextTotp(secret));
    await code.press('Enter');
  }
  await page.getByRole('navigation').waitFor();
}

/** What signIn needs to sign an account in: its e-mail address, password and authenticator secret (null without one). */
export type Credentials = { email: string; password: string; secret: string | null };

/** A page of a context of its own (see newPage) on which `account` has signed in. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  account: Credentials,
  options: Parameters<typeof newPage>[2] = {},
): Promise<Page> {
  const page = await newPage(browser, baseUrl, options);
  await signIn(page, account.email, account.password, account.secret);
  return page;
}

/** Picks a language from the header's language menu, which is labelled in the current one. */
export async function chooseLanguage(page: Page, current: string, next: string): Promise<void> {
  await page.getByRole('button', { name: current }).click();
  await page.getByRole('menuitem', { name: next }).click();
}
