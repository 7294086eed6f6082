import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, phoneScreen } from './support/browser.js';
import { type ApiClient, createPlanWithTask, startWithCast } from './support/case-fixtures.js';
import type { GuiaServer } from './support/guia-server.js';
import { expectHeading, field, signIn, type Credentials } from './support/sign-in-steps.js';

// An officer of the Labour Affairs Bureau reports progress on the bureau's task from a phone,
// the secretariat validates it on the validation screen, and the officer sees it validated on
// the task page and on the home page.

describe('progress on a task, from the agency to the secretariat and back', () => {
  let server: GuiaServer;
  let browser: Browser;
  let officerPage: Page;
  let secretariatPage: Page;
  let taskId = '';
  const cast = {
    officer: {
      email: 'rui.carvalho@dsal.example',
      name: 'Rui Carvalho',
      password: 'harbour tram lychee 2026',
      agency: 'DSAL',
      role: 'agency_officer',
    },
    secretary: {
      email: 'wong.ka.yan@sec.example',
      name: 'Wong Ka Yan',
      password: 'typhoon signal eight 2026',
      agency: 'SECRETARIAT',
      role: 'secretariat',
    },
  } as const;
  let credentials: Record<keyof typeof cast, Credentials>;

  beforeAll(async () => {
    const started = await startWithCast(cast);
    ({ server, credentials } = started);
    taskId = await seedPlan(started.clients.secretary, started.agencies.DSAL);
    browser = await launchBrowser();
    // The officer works from a phone.
    officerPage = await newPage(browser, server.baseUrl, { viewport: phoneScreen });
    secretariatPage = await newPage(browser, server.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the agency report a figure for a quarter and submit it', async () => {
    const { email, password, secret } = credentials.officer;
    await signIn(officerPage, email, password, secret);
    await officerPage.goto(`/tasks/${taskId}`);
    await expectHeading(officerPage, 'Inspect employment agencies for debt bondage');
    await officerPage.getByRole('button', { name: 'Report progress' }).click();
    const dialog = officerPage.getByRole('dialog', { name: 'Report progress' });
    await field(dialog, 'Figure reached (inspections)').fill('35');
    await field(dialog, 'What was done').fill(
      '35 employment agencies inspected with the police; 2 referred to the PJ.',
    );
    await dialog.getByRole('button', { name: 'Save draft' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const report = officerPage.locator('[data-progress-status]').first();
    await expect(report.getAttribute('data-progress-status')).resolves.toBe('draft');
    await report.getByRole('button', { name: 'Submit' }).click();
    const confirm = officerPage.getByRole('dialog', { name: /Submit the report/ });
    await confirm.getByRole('button', { name: 'Submit' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await officerPage.locator('[data-progress-status="submitted"]').waitFor();
    // At phone width nothing spills sideways.
    const overflow = await officerPage.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(1);
  });

  it("puts it in the secretariat's home work queue and lets it be validated on the validation screen", async () => {
    const { email, password, secret } = credentials.secretary;
    await signIn(secretariatPage, email, password, secret);
    // The home page is the secretariat's work queue: the report waits there.
    const waiting = secretariatPage.locator('section[aria-labelledby="queue-validation"]');
    await waiting.getByText('Inspect employment agencies for debt bondage').waitFor();
    await secretariatPage.getByRole('navigation').getByRole('link', { name: 'Progress to validate' }).click();
    await expectHeading(secretariatPage, 'Progress to validate');
    const report = secretariatPage.locator('[data-progress-status="submitted"]').filter({ hasText: 'DSAL' });
    await report.getByText('Inspect employment agencies for debt bondage').waitFor();
    await report.getByRole('button', { name: 'Validate' }).click();
    const confirm = secretariatPage.getByRole('dialog', { name: /Validate the report/ });
    await confirm.getByRole('button', { name: 'Validate' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await secretariatPage.getByText('Report validated.').waitFor();
    expect(await secretariatPage.locator('[data-progress-status="submitted"]').count()).toBe(0);
  });

  it('shows the agency its report validated, and the task back on its line', async () => {
    await officerPage.reload();
    await expectHeading(officerPage, 'Inspect employment agencies for debt bondage');
    const report = officerPage.locator('[data-progress-status]').first();
    await expect(report.getAttribute('data-progress-status')).resolves.toBe('validated');
    await report.getByText('Validated', { exact: true }).waitFor();
    await officerPage.getByText(/decided by Wong Ka Yan/).waitFor();
    await officerPage.getByRole('img', { name: /Indicator chart/ }).waitFor();
  });

  it('shows the agency its validated report on its home page', async () => {
    await officerPage.goto('/');
    const validated = officerPage.locator('section[aria-labelledby="queue-validated"]');
    await validated.getByText('Progress validated in the last two weeks').waitFor();
    await validated.getByText('Inspect employment agencies for debt bondage').waitFor();
    expect(await validated.getByText('Inspect employment agencies for debt bondage').count()).toBe(1);
  });
});

/** The secretariat's plan, with one task of the bureau running from last year to next year. */
function seedPlan(secretariat: ApiClient, dsal: string): Promise<string> {
  return createPlanWithTask(
    secretariat,
    { title: 'Detect forced labour in recruitment', pillar: 'prevention' },
    {
      title: 'Inspect employment agencies for debt bondage',
      leadAgencyId: dsal,
      indicator: 'Employment agencies inspected',
      unit: 'inspections',
      target: 60,
    },
  );
}
