import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, phoneScreen, screenshot } from './support/browser.js';
import {
  addVictim,
  type ApiClient,
  createMacaoAgency,
  createSignedInAccount,
  openHotlineCase,
  startWithAdministrator,
  type CaseAnswer,
  type CasePersonAnswer,
} from './support/case-fixtures.js';
import type { GuiaServer } from './support/guia-server.js';
import { expectHeading, field, signIn } from './support/sign-in-steps.js';

// A social worker screens a 16-year-old on a phone, in Chinese: the victim's page prompts for the
// children's list, the form keeps it on, goes one dimension per step, and asks before recording
// a screening with no "yes".

describe('screening a child, step by step, on a phone in Chinese', () => {
  let server: GuiaServer;
  let browser: Browser;
  let page: Page;
  let kase: CaseAnswer;
  let victim: CasePersonAnswer;
  const password = 'harbour kettle 5521 dusk';
  const email = 'chan.ka.yan@ias.example';

  beforeAll(async () => {
    let admin: ApiClient;
    ({ server, admin } = await startWithAdministrator());
    const ias = await createMacaoAgency(admin, 'IAS');
    const signedIn = await createSignedInAccount(
      server,
      admin,
      { email, name: 'Chan Ka Yan', agencyId: ias, roles: ['agency_officer'], language: 'zh-Hant' },
      password,
    );
    kase = await openHotlineCase(signedIn.client, '2025-03-01');
    const sixteen = `${new Date().getUTCFullYear() - 16}-01-15`;
    victim = await addVictim(signedIn.client, kase.id, {
      givenNames: 'Thi Lan',
      familyName: 'Nguyen',
      birthDate: sixteen,
      citizenship: ['VNM'],
    });
    browser = await launchBrowser();
    page = await newPage(browser, server.baseUrl, { viewport: phoneScreen });
    await signIn(page, email, password, signedIn.secret);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('prompts to screen a person under 18 with the children’s list, and keeps that list on', async () => {
    await page.goto(`/cases/${kase.id}/victims/${victim.id}`);
    await expectHeading(page, /的保護$/);
    const prompt = page.getByTestId('under-18-prompt');
    await prompt
      .getByText(/未滿 18 歲/)
      .first()
      .waitFor();
    await screenshot(page, 'screening-under-18-prompt-zh-Hant-390');
    await prompt.getByRole('link', { name: '以兒童清單篩查' }).click();
    await expectHeading(page, /的篩查$/);
    const child = page.getByRole('switch', { name: '被招募時未滿 18 歲' });
    expect(await child.isChecked()).toBe(true);
    expect(await child.isDisabled()).toBe(true);
    await page.getByText(/因此適用兒童清單/).waitFor();
  });

  it('goes one dimension per step, asks before recording all “No”, and shows the summary', async () => {
    await field(page, '面談語言').first().click();
    await field(page, '面談語言').first().fill('越南');
    await page.getByRole('option', { name: /越南/ }).first().click();
    await page.getByRole('radio', { name: '有傳譯員參與' }).check();
    await screenshot(page, 'screening-list-zh-Hant-390');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText(/一個範疇在以下情況成立/).waitFor();
    await page.getByText('D1 尚未成立。').waitFor();
    await screenshot(page, 'screening-step-d1-zh-Hant-390');
    await page.getByRole('button', { name: '其餘各項均答「否」' }).click();
    while (await page.getByRole('button', { name: '下一步' }).isVisible())
      await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('並非推定被害人').first().waitFor();
    await page
      .getByText(/兒童的規則/)
      .first()
      .waitFor();
    await field(page, '觀察所得').fill('面談時神情緊張，護照由僱主保管。');
    await screenshot(page, 'screening-summary-zh-Hant-390');
    await page.getByRole('button', { name: '記錄篩查' }).click();
    const confirmation = page.getByRole('dialog', { name: '確定記錄此篩查？' });
    await confirmation.getByText(/「是」0 項、「否」\d+ 項、未回答 0 項/).waitFor();
    await screenshot(page, 'screening-confirm-zh-Hant-390');
    await confirmation.getByRole('button', { name: '按現狀記錄' }).click();
    await expectHeading(page, /的保護$/);
    const interview = page.getByTestId('screening-interview');
    await interview.getByText(/面談語言：越南.*有傳譯員參與/).waitFor();
    await interview.getByText('觀察所得：面談時神情緊張，護照由僱主保管。').waitFor();
    expect(await page.getByTestId('under-18-prompt').count()).toBe(0);
    await screenshot(page, 'victim-screening-zh-Hant-390');
  });
});
