import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newContext, screenshot } from './support/browser.js';
import { ApiClient, createMacaoAgency, createUser, startWithAdministrator } from './support/case-fixtures.js';
import type { GuiaServer } from './support/guia-server.js';
import { chooseLanguage, expectHeading, field, firstSignIn } from './support/sign-in-steps.js';

// An officer of the Judiciary Police registers a trafficking case and follows it from the
// investigation to the court's judgment, through the screens, in English; the case page is
// then looked at in Chinese and Portuguese.

describe('a case from the first report to the judgment', () => {
  let server: GuiaServer;
  let browser: Browser;
  let page: Page;
  const officer = { email: 'lei.chi.fong@pj.example', name: 'Lei Chi Fong' };
  const officerPassword = 'junk boat lotus 1999';
  let oneTimePassword = '';
  let caseReference = '';

  beforeAll(async () => {
    let admin: ApiClient;
    ({ server, admin } = await startWithAdministrator());
    const pj = await createMacaoAgency(admin, 'PJ');
    await createMacaoAgency(admin, 'MP');
    oneTimePassword = await createUser(admin, { ...officer, agencyId: pj, roles: ['agency_officer'] });
    browser = await launchBrowser();
    page = await (await newContext(browser, server.baseUrl, { accessibilityChecks: true })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const navigation = () => page.getByRole('navigation', { name: 'Main navigation' });

  /** Opens a select (or multi-select) by its label and picks an option. */
  async function choose(scope: Page | Locator, label: string, option: string | RegExp): Promise<void> {
    await field(scope, label).click();
    await page
      .getByRole('option', typeof option === 'string' ? { name: option, exact: true } : { name: option })
      .first()
      .click();
  }

  async function openTab(name: RegExp): Promise<void> {
    await page.getByRole('tab', { name }).click();
  }

  async function changeStage(
    stage: string,
    details: { agency?: string; authority?: string; note?: string } = {},
  ): Promise<void> {
    await page.getByRole('button', { name: 'Change stage' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the stage of the case' });
    await dialog.getByRole('radio', { name: stage }).check();
    if (details.agency) await choose(dialog, 'Deciding agency', details.agency);
    if (details.authority) await field(dialog, 'Deciding authority').fill(details.authority);
    if (details.note) await field(dialog, 'Note').fill(details.note);
    await dialog.getByRole('button', { name: 'Change stage' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('region', { name: 'Stage' }).getByText(stage, { exact: true }).waitFor();
  }

  it('lets a new officer sign in and register a case', async () => {
    await firstSignIn(page, {
      email: officer.email,
      password: oneTimePassword,
      newPassword: 'junk boat lotus 1999',
    });
    await expectHeading(page, `Welcome, ${officer.name}`);
    await navigation().getByRole('link', { name: 'Referral inbox' }).waitFor();
    await navigation().getByRole('link', { name: 'Cases' }).click();
    await expectHeading(page, 'Cases');
    // With no filter set, an empty list says what to do next, not that filters exclude everything.
    await page.getByText('There are no cases yet. Register the first with “New case”.').waitFor();

    await page.getByRole('button', { name: 'New case' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register a new case' });
    // Without an origin the form says what is missing, on the field.
    await dialog.getByRole('button', { name: 'Register case' }).click();
    await dialog.getByText('Required.').first().waitFor();
    await choose(dialog, 'Origin of the case', 'Labour inspection');
    await choose(dialog, 'Forms of exploitation', 'Forced labour');
    await page.keyboard.press('Escape');
    await choose(dialog, 'Legal qualifications', /Trafficking in persons \(Penal Code, art. 153-A\)/);
    await page.keyboard.press('Escape');
    // Countries are chosen by name; typing the code finds the name too.
    await field(dialog, 'Country of exploitation').fill('MAC');
    await page.getByRole('option', { name: 'Macao, China', exact: true }).click();
    await field(dialog, 'Town or area').fill('Taipa');
    await field(dialog, 'Summary').fill(
      'Construction workers recruited abroad with false promises of wages; passports kept by the employer.',
    );
    await screenshot(page, 'case-create-en');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Register case' }).click();

    const heading = page.getByRole('heading', { level: 1, name: /^Case PJ-\d{4}-0001$/ });
    await heading.waitFor();
    caseReference = ((await heading.textContent()) ?? '').replace(/^Case /, '');
    await page.getByRole('region', { name: 'Stage' }).getByText('Reported', { exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('timeline-transition').count()).toBe(1);
  });

  it('asks to reload when someone else changed the case meanwhile', async () => {
    const caseId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await page.getByRole('button', { name: 'Edit facts' }).click();
    const dialog = page.getByRole('dialog', { name: `Facts of case ${caseReference}` });
    await field(dialog, 'Facts began on').fill('2024-11-01');

    // A colleague (here the same officer, at another computer) corrects the case first.
    const elsewhere = new ApiClient(server.baseUrl);
    await elsewhere.call('POST', '/api/v1/auth/sign-in', { email: officer.email, password: officerPassword });
    const current = await elsewhere.call<{ version: number }>('GET', `/api/v1/cases/${caseId}`);
    await elsewhere.call('PATCH', `/api/v1/cases/${caseId}`, {
      version: current.version,
      sectors: ['construction'],
    });

    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog
      .getByRole('alert')
      .getByText('Someone else changed this record meanwhile', { exact: false })
      .waitFor();
    await screenshot(page, 'case-edit-stale-en');
    await dialog.getByRole('button', { name: 'Reload the record' }).click();
    await field(dialog, 'Facts began on').fill('2024-11-01');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const facts = page.getByRole('region', { name: 'Facts' });
    await facts.getByText('1 Nov 2024').waitFor();
    // Saved over the reloaded record: the colleague's change is kept, not overwritten.
    expect(await facts.getByText('Construction', { exact: true }).count()).toBe(1);
  });

  it('adds a victim and a charged suspect, flagged by pseudonym only', async () => {
    await openTab(/^People/);
    await page.getByRole('button', { name: 'Add person' }).click();
    let dialog = page.getByRole('dialog', { name: 'Add a person to the case' });
    await dialog.getByRole('radio', { name: 'Victim' }).check();
    await field(dialog, 'Given names').fill('Maria Luisa');
    await field(dialog, 'Family name').fill('Reyes');
    await field(dialog, 'Date of birth').fill('1994-05-17');
    await choose(dialog, 'Sex or gender', 'Female');
    await field(dialog, 'Citizenship').fill('Filip');
    await page.getByRole('option', { name: 'Philippines', exact: true }).click();
    // A multi-select stays open for the next choice: close it before the next field.
    await page.keyboard.press('Escape');
    await choose(dialog, 'Status as a victim', 'Possible victim of trafficking');
    await choose(dialog, 'Sector of forced labour', 'Construction');
    await screenshot(page, 'person-add-victim-en');
    await dialog.getByRole('button', { name: 'Add person' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const victim = page.getByRole('article', { name: /^V-\d{4}-0001$/ });
    await victim.waitFor();
    // The name is nowhere on the page until it is revealed.
    expect(await page.getByText('Reyes').count()).toBe(0);

    await page.getByRole('button', { name: 'Add person' }).click();
    dialog = page.getByRole('dialog', { name: 'Add a person to the case' });
    await dialog.getByRole('radio', { name: 'Suspect or defendant' }).check();
    await field(dialog, 'Given names').fill('Kin Wa');
    await field(dialog, 'Family name').fill('Chan');
    await choose(dialog, 'Sex or gender', 'Male');
    await choose(dialog, 'Roles in the trafficking process', 'Recruiter or intermediary');
    await page.keyboard.press('Escape');
    await choose(dialog, 'Charges', /Trafficking in persons \(Penal Code, art. 153-A\)/);
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Add person' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('article', { name: /^S-\d{4}-0001$/ }).waitFor();
  });

  it('reveals the victim’s identity to a member of the case, saying the reveal is recorded', async () => {
    const victim = page.getByRole('article', { name: /^V-\d{4}-0001$/ });
    await victim.getByRole('button', { name: /^Reveal identity of V-/ }).click();
    // The reveal says why: the purpose is recorded with it.
    const dialog = page.getByRole('dialog', { name: /^Why do you need the identity of V-/ });
    await dialog.getByRole('radio', { name: 'Criminal investigation' }).check();
    await dialog.getByRole('button', { name: 'Reveal identity' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const identity = victim.getByTestId('revealed-identity');
    await identity.getByText('Maria Luisa').waitFor();
    await identity.getByText('Reyes').waitFor();
    await identity.getByText(/recorded in the audit trail/).waitFor();
    await screenshot(page, 'case-people-revealed-en');
    await expectAccessible(page);
  });

  it('moves the case to judgment, records a conviction and closes the case', async () => {
    await changeStage('Under investigation', {
      note: 'Labour inspectors found 14 workers living on the site.',
    });
    await changeStage('Referred to prosecution');
    await changeStage('Charged', {
      agency: 'MP – Public Prosecutions Office',
      authority: 'Public Prosecutions Office, indictment 123/2025',
    });
    await changeStage('At trial', { authority: 'Court of First Instance' });
    await changeStage('Judgment', { authority: 'Court of First Instance, judgment of the collegial court' });

    await openTab(/^People/);
    const suspect = page.getByRole('article', { name: /^S-\d{4}-0001$/ });
    await suspect.getByRole('button', { name: /^Record verdict for S-/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Verdict for S-/ });
    await dialog.getByRole('radio', { name: 'Convicted' }).check();
    await field(dialog, 'Prison term (months)').fill('90');
    await field(dialog, 'Compensation awarded to victims').fill('250000');
    await screenshot(page, 'verdict-en');
    await dialog.getByRole('button', { name: 'Record verdict' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await suspect.getByText('Prison term: 90 months').waitFor();

    await changeStage('Closed');
    expect(await page.getByRole('button', { name: 'Change stage' }).count()).toBe(0);
  });

  it('shows every step in the timeline, in order', async () => {
    await openTab(/^Timeline/);
    const text = (await page.getByTestId('timeline-transition').allTextContents()).join('\n');
    const steps = [
      'Case opened: Reported',
      'Stage changed to “Under investigation”',
      'Stage changed to “Referred to prosecution”',
      'Stage changed to “Charged”',
      'Stage changed to “At trial”',
      'Stage changed to “Judgment”',
      'Stage changed to “Closed”',
    ];
    let from = 0;
    for (const step of steps) {
      const at = text.indexOf(step, from);
      expect(at, step).toBeGreaterThanOrEqual(0);
      from = at;
    }
    await page.getByText('Legal qualification added: Trafficking in persons').waitFor();
    await page.getByText('Authority: Court of First Instance', { exact: true }).waitFor();
    await screenshot(page, 'case-timeline-en');
    await expectAccessible(page);
  });

  it('lists the case, searchable by reference and by name for a member', async () => {
    await navigation().getByRole('link', { name: 'Cases' }).click();
    await expectHeading(page, 'Cases');
    await page.getByRole('link', { name: caseReference }).waitFor();
    await field(page, 'Name of a person').fill('reyes');
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    await field(page, 'Name of a person').fill('nobody here');
    await page.getByText('No cases match these filters.').waitFor();
    await field(page, 'Name of a person').fill('');
    await page.getByRole('link', { name: caseReference }).waitFor();
    await screenshot(page, 'case-list-en');
    await expectAccessible(page);
  });

  it('shows a person by pseudonym, with the cases they are in', async () => {
    await page.getByRole('link', { name: caseReference }).click();
    await openTab(/^People/);
    await page.getByRole('link', { name: /^V-\d{4}-0001$/ }).click();
    await expectHeading(page, /^V-\d{4}-0001$/);
    await page
      .getByRole('row', { name: new RegExp(caseReference) })
      .getByText('Victim')
      .waitFor();
    expect(await page.getByText('Reyes').count()).toBe(0);
    await screenshot(page, 'person-en');
    await expectAccessible(page);
    await page.getByRole('link', { name: caseReference }).click();
  });

  it('opens the protection of the victim and a screening form', async () => {
    await openTab(/^People/);
    await page.getByRole('link', { name: /^Protection and support of V-/ }).click();
    await expectHeading(page, /^Protection of V-/);
    await page.getByRole('link', { name: 'New screening' }).click();
    await expectHeading(page, /^Screening of V-/);
    // One dimension per step: the indicators of a later dimension appear after "Next".
    for (const id of ['AL-D1-S01', 'AL-D1-M07', 'AL-D4-S01', 'AL-D4-M03', 'AL-D5-S01', 'AL-D5-S02']) {
      const indicator = page.getByTestId(`indicator-${id}`);
      while (!(await indicator.isVisible())) await page.getByRole('button', { name: 'Next' }).click();
      await indicator.getByRole('radio', { name: 'Yes' }).check();
      if (id === 'AL-D1-M07') {
        await page.getByText('D1 is positive.').waitFor();
        await screenshot(page, 'screening-step-d1-en');
      }
    }
    while (await page.getByRole('button', { name: 'Next' }).isVisible())
      await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Presumed victim of trafficking').first().waitFor();
    await screenshot(page, 'screening-form-en');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Record screening' }).click();
    // Six "yes" among 67 leaves most unanswered: the form asks before recording.
    const confirmation = page.getByRole('dialog', { name: 'Record this screening?' });
    await confirmation.getByText(/6 “yes”, 0 “no” and \d+ not answered/).waitFor();
    await confirmation.getByRole('button', { name: 'Record as it is' }).click();
    await expectHeading(page, /^Protection of V-/);
    await page.getByText('Positive dimensions: D1').waitFor();

    // Without the person's consent, a referral needs a stated reason.
    await page.getByRole('button', { name: 'Send referral' }).click();
    const dialog = page.getByRole('dialog', { name: 'Refer to another agency' });
    await choose(dialog, 'To agency', /^MP/);
    await choose(dialog, 'Service needed', 'Legal aid');
    await choose(dialog, 'Reason', 'Additional services required');
    await dialog.getByRole('button', { name: 'Send referral' }).click();
    await dialog.getByText('No consent to referral on record').waitFor();
    await field(dialog, 'Why the referral cannot wait for consent').fill(
      'The hearing is tomorrow and the person cannot be reached before it.',
    );
    await screenshot(page, 'referral-consent-gate-en');
    await dialog.getByRole('button', { name: 'Send without consent' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Sent without consent').waitFor();
    await screenshot(page, 'victim-protection-en');
    await expectAccessible(page);
  });

  it('reads the same case in Chinese and in Portuguese', async () => {
    await page.getByRole('link', { name: `Back to case ${caseReference}` }).click();
    await expectHeading(page, `Case ${caseReference}`);
    await chooseLanguage(page, 'English', '繁體中文');
    await expectHeading(page, new RegExp(caseReference));
    await openTab(/^涉案人士/);
    await screenshot(page, 'case-people-zh-Hant');
    await openTab(/^時序/);
    await screenshot(page, 'case-timeline-zh-Hant');
    await expectAccessible(page);
    await page.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '個案' }).click();
    await expectHeading(page, '個案');
    await screenshot(page, 'case-list-zh-Hant');

    await chooseLanguage(page, '繁體中文', 'Português');
    await expectHeading(page, 'Casos');
    await screenshot(page, 'case-list-pt');
    await page.getByRole('link', { name: caseReference }).click();
    await expectHeading(page, new RegExp(caseReference));
    await screenshot(page, 'case-timeline-pt');
    await expectAccessible(page);
  });
});
