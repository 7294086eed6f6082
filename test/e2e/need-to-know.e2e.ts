import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoSidewaysScroll, launchBrowser, screenshot } from './support/browser.js';
import {
  addVictim,
  type ApiClient,
  openHotlineCase,
  referToShelter,
  startWithCast,
  type CaseAnswer,
  type CasePersonAnswer,
} from './support/case-fixtures.js';
import type { GuiaServer } from './support/guia-server.js';
import {
  chooseLanguage,
  expectHeading,
  field,
  signedInPage,
  type Credentials,
} from './support/sign-in-steps.js';

// Need-to-know through the screens. The Social Welfare Bureau (IAS) opens a case and refers
// its victim to an NGO (ACM): the NGO's case worker reaches that victim only, reads what
// the sender wrote, reveals the identity for a stated purpose, and cannot open the case. A
// police officer whose agency takes part asks to link the victim into his own case, and the
// IAS worker approves. A probable duplicate is decided by the secretariat, without names.

type Person = CasePersonAnswer;
type CaseView = CaseAnswer & { people: Person[] };

const languages = [
  { name: 'en', label: 'English' },
  { name: 'zh-Hant', label: '繁體中文' },
  { name: 'pt', label: 'Português' },
] as const;

/** Switches the language from the header's menu, and waits for the menu to close before looking. */
async function switchLanguage(page: Page, current: string, next: string): Promise<void> {
  await chooseLanguage(page, current, next);
  await page.getByRole('menu').waitFor({ state: 'hidden' });
}

/** Raw catalogue keys on screen mean a missing translation. */
async function expectNoRawKeys(page: Page, scope = page.locator('body')): Promise<void> {
  const text = await scope.innerText();
  expect(text).not.toMatch(
    /\b(cases|web|common):[\w.]+|\b(identity|revealPurpose|links|duplicates)\.[a-z]\w+/,
  );
}

describe('need-to-know in the screens', () => {
  let server: GuiaServer;
  let browser: Browser;
  let ias: ApiClient;
  let pj: ApiClient;
  const pages: Page[] = [];
  const password = 'cobalt tramway 1887 mist';
  const cast = {
    ias: { email: 'ho.mei.ling@ias.example', name: 'Ho Mei Ling', agency: 'IAS', role: 'case_worker' },
    acm: { email: 'ana.sousa@acm.example', name: 'Ana Sousa', agency: 'ACM', role: 'case_worker' },
    pj: { email: 'lei.chi.fong@pj.example', name: 'Lei Chi Fong', agency: 'PJ', role: 'agency_officer' },
    sec: { email: 'wong.siu.man@cet.example', name: 'Wong Siu Man', agency: 'CET', role: 'secretariat' },
  } as const;
  let credentials: Record<keyof typeof cast, Credentials>;
  let iasCase: CaseView;
  let pjCase: CaseView;
  let victim: Person;

  async function pageOf(who: keyof typeof cast): Promise<Page> {
    const page = await signedInPage(browser, server.baseUrl, credentials[who], { accessibilityChecks: true });
    pages.push(page);
    return page;
  }

  beforeAll(async () => {
    const started = await startWithCast(cast, password);
    ({ server, credentials } = started);
    ({ ias, pj } = started.clients);
    const { ACM: acmId, PJ: pjId } = started.agencies;

    // The same suspect, recorded by IAS and again by the police in a case of their own.
    const suspectChan = {
      role: 'suspect',
      person: { givenNames: 'Tai Man', familyName: 'Chan', birthDate: '1980-02-03' },
      suspect: {},
    };

    // IAS opens the case, with the victim and a suspect, and refers the victim with her consent.
    iasCase = await openHotlineCase<CaseView>(ias, '2025-03-01');
    victim = await addVictim(ias, iasCase.id, {
      givenNames: 'Ana Paula',
      familyName: 'Lima',
      birthDate: '1998-04-12',
      address: 'Rua do Campo 12, 3.º andar',
      citizenship: ['BRA'],
    });
    await ias.call('POST', `/api/v1/cases/${iasCase.id}/people`, suspectChan);
    await referToShelter(ias, `/api/v1/cases/${iasCase.id}/people/${victim.id}`, {
      toAgencyId: acmId,
      details: 'Her employer knows her current address: do not contact her there.',
      consentGivenOn: '2025-03-02',
      sentOn: '2025-03-03',
    });
    // The police take part in the case: their officers read it, without its identities.
    iasCase = await ias.call<CaseView>('POST', `/api/v1/cases/${iasCase.id}/agencies`, { agencyId: pjId });

    // The police officer has a case of his own, where he records someone already known to IAS.
    pjCase = await pj.call<CaseView>('POST', '/api/v1/cases', {
      origin: 'police_operation',
      reportDate: '2025-04-01',
    });
    await pj.call('POST', `/api/v1/cases/${pjCase.id}/people`, suspectChan);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets another agency’s case worker accept a referral and read what the sender wrote', async () => {
    const page = await pageOf('acm');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Referral inbox' })
      .click();
    await expectHeading(page, 'Referral inbox');
    const row = page.getByRole('row', { name: new RegExp(iasCase.reference) });
    await row.getByText('Her employer knows her current address: do not contact her there.').waitFor();
    await screenshot(page, 'ntk-inbox-en');
    await expectAccessible(page);
    await row.getByRole('button', { name: /^Accept the referral of V-/ }).click();
    const accepted = page.getByTestId('referral-accepted');
    await accepted.getByText(/^You can now work with V-/).waitFor();
    await screenshot(page, 'ntk-inbox-accepted-en');
    await accepted.getByRole('link', { name: /^Open the protection and support of V-/ }).click();
    await expectHeading(page, /^Protection of V-/);
  });

  it('shows the referred victim only, and reveals the identity for a stated purpose', async () => {
    const page = pages[0]!;
    await page
      .getByTestId('via-referral')
      .getByText(/you see this person only/)
      .waitFor();
    // The case itself is not the recipient's: no link leads there.
    expect(await page.getByRole('link', { name: /Back to case/ }).count()).toBe(0);
    await page.getByRole('region', { name: 'Consent' }).waitFor();
    expect(await page.getByText('Lima').count()).toBe(0);

    await page.getByRole('button', { name: /^Reveal identity of V-/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Why do you need the identity of V-/ });
    await dialog.getByRole('radio', { name: 'Work on the case' }).waitFor();
    // Contrast is judged once the dialog has finished fading in.
    await page.waitForFunction(() => document.getAnimations().length === 0);
    await expectAccessible(page);
    // Without a purpose nothing is revealed.
    await dialog.getByRole('button', { name: 'Reveal identity' }).click();
    await dialog.getByText('Required.').waitFor();
    await screenshot(page, 'ntk-reveal-purpose-en');
    await dialog.getByRole('radio', { name: 'Support of the victim' }).check();
    await dialog.getByRole('button', { name: 'Reveal identity' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const identity = page.getByTestId('revealed-identity');
    await identity.getByText('Ana Paula').waitFor();
    await identity.getByText('Rua do Campo 12, 3.º andar').waitFor();
    await screenshot(page, 'ntk-victim-revealed-en');
    await expectAccessible(page);
  });

  it('does not open the case to the referral’s recipient', async () => {
    const page = pages[0]!;
    await page.goto(`/cases/${iasCase.id}`);
    await expectHeading(page, 'Page not available');
    // At once (a refusal is not retried), with why and whom to ask.
    await page
      .getByText('ask the supervisor of the lead agency to add you as a member')
      .waitFor({ timeout: 1_500 });
    expect(await page.getByText(/^S-\d{4}-/).count()).toBe(0);
    await page.goBack();
    await expectHeading(page, /^Protection of V-/);
  });

  it('asks for the purpose of a reveal in Chinese and in Portuguese', async () => {
    const page = pages[0]!;
    const expected = {
      'zh-Hant': {
        reveal: /^顯示身份/,
        title: /^為何需要查閱 V-/,
        purposes: ['處理個案', '支援被害人', '刑事偵查'],
      },
      pt: {
        reveal: /^Revelar identidade de V-/,
        title: /^Para que precisa da identidade de V-/,
        purposes: ['Trabalho no caso', 'Apoio à vítima', 'Investigação criminal'],
      },
    } as const;
    // Leaving the page (the previous test) hid the identity revealed in English.
    let current: string = 'English';
    for (const language of ['zh-Hant', 'pt'] as const) {
      const label = languages.find((l) => l.name === language)!.label;
      await switchLanguage(page, current, label);
      current = label;
      await page.getByRole('button', { name: expected[language].reveal }).click();
      const dialog = page.getByRole('dialog', { name: expected[language].title });
      for (const purpose of expected[language].purposes)
        await dialog.getByRole('radio', { name: purpose }).waitFor();
      await expectNoRawKeys(page, dialog);
      await screenshot(page, `ntk-reveal-purpose-${language}`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await expectNoRawKeys(page);
      await screenshot(page, `ntk-victim-${language}`);
    }
    await switchLanguage(page, current, 'English');
    await expectHeading(page, /^Protection of V-/);
  });

  it('keeps the inbox and the victim page usable at phone width', async () => {
    const page = pages[0]!;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expectHeading(page, /^Protection of V-/);
    await page.getByRole('button', { name: /^Reveal identity of V-/ }).waitFor();
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'ntk-victim-phone-en');

    await page.goto('/referrals');
    await expectHeading(page, 'Referral inbox');
    await page.getByText('No referrals here.').waitFor();
    await expectNoSidewaysScroll(page);
    await page.getByText('All', { exact: true }).click();
    const card = page.getByRole('listitem').filter({ hasText: iasCase.reference });
    await card.getByText('Her employer knows her current address: do not contact her there.').waitFor();
    const open = card.getByRole('link', { name: /^Open the protection and support of V-/ });
    expect(await open.isVisible()).toBe(true);
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'ntk-inbox-phone-en');
    await expectAccessible(page);
    await open.click();
    await expectHeading(page, /^Protection of V-/);

    // The case list folds its filters behind one button: the first screen shows cases.
    await page.goto('/cases');
    await expectHeading(page, 'Cases');
    await page.getByRole('button', { name: 'Filters' }).waitFor();
    expect(await page.getByRole('region', { name: 'Filters' }).count()).toBe(0);
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'case-list-phone-en');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('shows a reader outside the case pseudonyms only, and free text as withheld', async () => {
    const page = await pageOf('pj');
    await page.goto(`/cases/${iasCase.id}`);
    await expectHeading(page, `Case ${iasCase.reference}`);
    await page
      .getByTestId('text-withheld')
      .getByText('Notes and titles are shown only to those who work this case.')
      .waitFor();
    await page.getByRole('tab', { name: /^People/ }).click();
    const victimCard = page.getByRole('article', { name: victim.person.pseudonym });
    await victimCard.waitFor();
    expect(await victimCard.getByRole('button', { name: /^Reveal identity/ }).count()).toBe(0);
    // Members are chosen by the lead agency's members, not by a reader from another agency.
    await page.getByRole('tab', { name: /^Members/ }).click();
    await page
      .getByText('Members are chosen by the members of the lead agency (IAS) and by supervisors.')
      .waitFor();
    expect(await page.getByRole('button', { name: 'Add member' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    await screenshot(page, 'ntk-case-reader-en');
    await expectAccessible(page);
  });

  it('tells a worker that a probable match exists in a case he cannot see, and whom to ask', async () => {
    const page = pages[1]!;
    await page.goto(`/cases/${pjCase.id}?tab=people`);
    const warning = page.getByTestId('duplicate-elsewhere');
    await warning.getByText(/To link the records, ask IAS\./).waitFor();
    expect(await warning.getByText(/S-\d{4}-/).count()).toBe(0);
    await screenshot(page, 'ntk-duplicate-elsewhere-en');
  });

  it('sends a link request from a case the officer reads, and the case’s worker approves it', async () => {
    const page = pages[1]!;
    await page.goto(`/cases/${iasCase.id}?tab=people`);
    const victimCard = page.getByRole('article', { name: victim.person.pseudonym });
    await victimCard
      .getByRole('button', { name: `Ask to link to one of my cases: ${victim.person.pseudonym}` })
      .click();
    const dialog = page.getByRole('dialog', { name: `Link ${victim.person.pseudonym} to one of your cases` });
    await field(dialog, 'Your case').click();
    await page.getByRole('option', { name: new RegExp(pjCase.reference) }).click();
    await dialog.getByRole('radio', { name: 'Victim' }).check();
    await screenshot(page, 'ntk-link-request-en');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Send link request' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Link requests' })
      .click();
    await expectHeading(page, 'Link requests');
    const sent = page.getByRole('table', { name: 'Sent by you' });
    await sent
      .getByRole('row', { name: new RegExp(victim.person.pseudonym) })
      .getByText('Waiting for an answer')
      .waitFor();

    const worker = await pageOf('ias');
    await worker
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Link requests' })
      .click();
    await expectHeading(worker, 'Link requests');
    const incoming = worker.getByRole('table', { name: 'For people you work with' });
    await incoming.getByRole('row', { name: new RegExp(pjCase.reference) }).waitFor();
    await screenshot(worker, 'ntk-link-requests-en');
    await expectAccessible(worker);
    await incoming
      .getByRole('button', { name: `Approve linking ${victim.person.pseudonym} to case ${pjCase.reference}` })
      .click();
    await incoming.getByText('Approved').waitFor();
    for (const { name, label } of languages.slice(1)) {
      await switchLanguage(worker, name === 'zh-Hant' ? 'English' : '繁體中文', label);
      await expectNoRawKeys(worker);
      await screenshot(worker, `ntk-link-requests-${name}`);
    }
    await switchLanguage(worker, 'Português', 'English');

    // The officer now has the victim in his own case, and may reveal her there.
    await page.reload();
    await sent
      .getByRole('row', { name: new RegExp(victim.person.pseudonym) })
      .getByText('Approved')
      .waitFor();
    await sent.getByRole('link', { name: pjCase.reference }).click();
    await page
      .getByRole('article', { name: victim.person.pseudonym })
      .getByRole('button', { name: /^Reveal identity/ })
      .waitFor();
    const linked = await pj.call<CaseView>('GET', `/api/v1/cases/${pjCase.id}`);
    expect(linked.people.map((p) => p.person.pseudonym)).toContain(victim.person.pseudonym);
  });

  it('lets the secretariat decide a probable duplicate by pseudonyms and cases, never names', async () => {
    const page = await pageOf('sec');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Probable duplicates' })
      .click();
    await expectHeading(page, 'Probable duplicates');
    const pair = page.getByRole('article').filter({ hasText: pjCase.reference });
    await pair.getByText(iasCase.reference).waitFor();
    expect(await page.getByText(/\bChan\b/).count()).toBe(0);
    await screenshot(page, 'ntk-duplicates-en');
    await expectAccessible(page);
    for (const { name, label } of languages.slice(1)) {
      await switchLanguage(page, name === 'zh-Hant' ? 'English' : '繁體中文', label);
      await expectNoRawKeys(page);
      await screenshot(page, `ntk-duplicates-${name}`);
    }
    await switchLanguage(page, 'Português', 'English');
    await pair
      .getByRole('button', { name: /^Record that S-\d{4}-\d+ and S-\d{4}-\d+ are the same person$/ })
      .click();
    await page.getByText('No probable duplicates to decide.').waitFor();
    await page.getByText('All', { exact: true }).click();
    await pair.getByText('Same person').first().waitFor();
    await screenshot(page, 'ntk-duplicates-decided-en');
  });
});
