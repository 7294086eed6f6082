import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext } from './support/browser.js';
import {
  type ApiClient,
  createPlanWithTask,
  createSignedInAccount,
  secretariatAgencyId,
  startWithAdministrator,
} from './support/case-fixtures.js';
import type { GuiaServer } from './support/guia-server.js';
import { expectHeading, field, signIn } from './support/sign-in-steps.js';

// The secretariat pastes the 2020 narrative on Macau, reviews the split, links a recommendation to an
// action-plan task, and downloads the point-by-point response — on a phone-sized screen.

const narrative = readFileSync(
  new URL('../fixtures/assessments/macau-2020-prioritized.txt', import.meta.url),
  'utf8',
);

describe('a TIP narrative from paste to response', () => {
  let server: GuiaServer;
  let browser: Browser;
  let page: Page;
  let secret: string | null = null;
  const secretary = {
    email: 'lei.hou.in@sec.example',
    name: 'Lei Hou In',
    password: 'lotus bridge monsoon 2026',
  };
  const taskTitle = 'Train judges and prosecutors on Law 6/2008';

  beforeAll(async () => {
    let admin: ApiClient;
    ({ server, admin } = await startWithAdministrator());
    const secretariat = await secretariatAgencyId(admin);
    const signedIn = await createSignedInAccount(
      server,
      admin,
      { email: secretary.email, name: secretary.name, agencyId: secretariat, roles: ['secretariat'] },
      secretary.password,
    );
    secret = signedIn.secret;
    await seedTask(signedIn.client, secretariat, taskTitle);
    browser = await launchBrowser();
    page = await (await newContext(browser, server.baseUrl)).newPage();
    await page.setViewportSize({ width: 390, height: 844 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('splits a pasted narrative for review and saves it as the 2020 assessment', async () => {
    await signIn(page, secretary.email, secretary.password, secret);
    await page.goto('/assessments');
    await expectHeading(page, 'External assessments');
    await field(page, 'Narrative text').fill(narrative);
    await field(page, 'Report year').fill('2020');
    await page.getByRole('button', { name: 'Split', exact: true }).click();
    const review = page.getByTestId('narrative-review');
    await review.waitFor();
    await review.getByText('Tier stated: Tier 2 Watch List').waitFor();
    expect(await page.getByTestId('review-recommendation').count()).toBe(7);
    // The reviewer corrects one recommendation before saving.
    await page.getByLabel('Recommendation 7').fill('Establish a minimum wage for foreign domestic workers.');
    await page.getByRole('button', { name: 'Save the reviewed split' }).click();
    await expectHeading(page, /Macau 2020/);
  });

  it('links a recommendation to an action-plan task on the board', async () => {
    await page.getByRole('link', { name: 'Recommendations board' }).click();
    await expectHeading(page, 'Recommendations board');
    const card = page.getByTestId('recommendation-card').filter({ hasText: 'Train prosecutors and judges' });
    await card.getByRole('button', { name: 'Follow up' }).click();
    const dialog = page.getByRole('dialog', { name: 'Follow up' });
    await field(dialog, 'Status').click();
    await page.getByRole('option', { name: 'In progress' }).click();
    await field(dialog, 'Linked plan tasks').click();
    await page.getByRole('option', { name: taskTitle }).click();
    // Leaving the field closes its list of options, which covers the dialog's buttons on a phone.
    await field(dialog, 'Linked plan tasks').press('Tab');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const moved = page
      .getByRole('region', { name: 'In progress' })
      .getByTestId('recommendation-card')
      .filter({ hasText: 'Train prosecutors and judges' });
    await moved.getByText('1 plan task', { exact: false }).waitFor();
    expect(await moved.textContent()).toContain('1 plan task ·');
  });

  it('downloads the response as a document', async () => {
    const card = page.getByTestId('recommendation-card').filter({ hasText: 'Train prosecutors and judges' });
    await card.getByRole('link', { name: 'Open' }).click();
    await expectHeading(page, /Macau 2020/);
    await page.getByRole('tab', { name: 'Response' }).click();
    await page.getByTestId('response-point').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download DOCX' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('response-MAC-2020-en.docx');
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
  });
});

async function seedTask(secretariat: ApiClient, agencyId: string, title: string): Promise<void> {
  await createPlanWithTask(
    secretariat,
    { title: 'Prosecute traffickers', pillar: 'prosecution' },
    {
      title,
      leadAgencyId: agencyId,
      indicator: 'Judges and prosecutors trained',
      unit: 'people',
      target: 40,
    },
  );
}
