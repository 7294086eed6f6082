import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoSidewaysScroll, launchBrowser, screenshot } from './support/browser.js';
import {
  addVictim,
  type ApiClient,
  openHotlineCase,
  startWithCast,
  type CaseAnswer,
  type CasePersonAnswer,
} from './support/case-fixtures.js';
import type { GuiaServer } from './support/guia-server.js';
import { expectHeading, field, signedInPage, type Credentials } from './support/sign-in-steps.js';

// A victim's requests to erase her identity, through the /data-requests screen. The committee's
// secretariat records the request by case reference and pseudonym (never a name), refuses one
// with a reason and carries another out; the case worker who registered the victim then finds,
// in her own language, that the identity was erased instead of revealed. Once on a phone in
// Chinese, once at a desk in Portuguese.

type Language = 'zh-Hant' | 'pt';

/** What each step is called on screen, in the reader's language (locales/<lang>/retention.json, cases.json). */
const screen = {
  'zh-Hant': {
    title: '刪除或更正資料的申請',
    caseReference: '案件編號',
    find: '尋找案件',
    person: '人士',
    submit: '登記申請',
    erasure: '刪除身份',
    erase: '刪除身份',
    cancel: '取消',
    confirm: /^確認：永久刪除 V-/,
    erased: '身份已刪除',
    open: '待處理',
    carriedOut: '已執行',
    refused: '已拒絕',
    reason: '拒絕理由',
    refuse: '拒絕',
    ongoingProceedings: '進行中的程序需要',
    revealNamed: /^顯示身份：V-/,
    revealDialog: /^為何需要查閱 V-/,
    reveal: '顯示身份',
    purpose: '處理個案',
    erasedAnswer: /的身份已於 .+ 刪除/,
  },
  pt: {
    title: 'Pedidos de apagamento ou retificação de dados',
    caseReference: 'Referência do caso',
    find: 'Procurar o caso',
    person: 'Pessoa',
    submit: 'Registar o pedido',
    erasure: 'Apagar a identidade',
    erase: 'Apagar a identidade',
    cancel: 'Cancelar',
    confirm: /^Confirmar: apagar definitivamente a identidade de V-/,
    erased: 'Identidade apagada',
    open: 'Em aberto',
    carriedOut: 'Executado',
    refused: 'Recusado',
    reason: 'Motivo da recusa',
    refuse: 'Recusar',
    ongoingProceedings: 'Necessário para um processo em curso',
    revealNamed: /^Revelar identidade de V-/,
    revealDialog: /^Para que precisa da identidade de V-/,
    reveal: 'Revelar identidade',
    purpose: 'Trabalho no caso',
    erasedAnswer: /A identidade de V-.+ foi apagada em/,
  },
} as const;

describe('requests to erase a victim’s identity in the screens', () => {
  let server: GuiaServer;
  let browser: Browser;
  const password = 'saffron lighthouse 5521 dusk';
  // The secretariat's accounts in the committee's secretariat, the case workers' at IAS.
  const secretariat = { agency: 'CET', role: 'secretariat' } as const;
  const caseWorker = { agency: 'IAS', role: 'case_worker' } as const;
  const cast = {
    secZh: { ...secretariat, email: 'chan.ka.wai@cet.example', name: 'Chan Ka Wai', language: 'zh-Hant' },
    secPt: { ...secretariat, email: 'rita.lopes@cet.example', name: 'Rita Lopes', language: 'pt' },
    iasZh: { ...caseWorker, email: 'leong.sio.kei@ias.example', name: 'Leong Sio Kei', language: 'zh-Hant' },
    iasPt: { ...caseWorker, email: 'joana.reis@ias.example', name: 'Joana Reis', language: 'pt' },
  } as const;
  type Who = keyof typeof cast;
  let credentials: Record<Who, Credentials>;
  // One case on each side: the Chinese-speaking worker's with one victim, the Portuguese-speaking
  // worker's with two (one request refused, one carried out).
  let zhCase: CaseAnswer;
  let zhVictim: CasePersonAnswer;
  let ptCase: CaseAnswer;
  let ptKept: CasePersonAnswer;
  let ptErased: CasePersonAnswer;

  const pageOf = (who: Who, width: number): Promise<Page> =>
    signedInPage(browser, server.baseUrl, credentials[who], {
      accessibilityChecks: true,
      viewport: { width, height: 844 },
    });

  beforeAll(async () => {
    let clients: Record<Who, ApiClient>;
    ({ server, clients, credentials } = await startWithCast(cast, password));
    const victimNamed = (client: ApiClient, caseId: string, givenNames: string) =>
      addVictim(client, caseId, {
        givenNames,
        familyName: 'Lima',
        birthDate: '1998-04-12',
        citizenship: ['BRA'],
      });
    zhCase = await openHotlineCase(clients.iasZh, '2025-03-01');
    zhVictim = await victimNamed(clients.iasZh, zhCase.id, 'Ana Paula');
    ptCase = await openHotlineCase(clients.iasPt, '2025-05-01');
    ptKept = await victimNamed(clients.iasPt, ptCase.id, 'Maria Clara');
    ptErased = await victimNamed(clients.iasPt, ptCase.id, 'Beatriz');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Records an erasure request for one person of a case, found by the case's reference. */
  async function recordErasure(page: Page, language: Language, kase: CaseAnswer, victim: CasePersonAnswer) {
    const words = screen[language];
    const form = page.getByRole('region', { name: language === 'pt' ? 'Registar um pedido' : '登記申請' });
    if ((await field(form, words.caseReference).inputValue()) !== kase.reference) {
      await field(form, words.caseReference).fill(kase.reference);
      await form.getByRole('button', { name: words.find }).click();
    }
    await field(form, words.person).click();
    await page.getByRole('option', { name: victim.person.pseudonym, exact: true }).click();
    // Erasure is the request the form starts with (its radio is hidden behind the segmented control).
    expect(await form.getByRole('radio', { name: words.erasure }).isChecked()).toBe(true);
    await screenshot(page, `data-requests-form-${language}-${page.viewportSize()?.width}`);
    await form.getByRole('button', { name: words.submit }).click();
    const card = page.getByRole('article', { name: `${victim.person.pseudonym} · ${words.erasure}` });
    await card.getByText(words.open, { exact: true }).waitFor();
    return card;
  }

  /** Carries an open erasure out, through its confirmation. */
  async function erase(page: Page, language: Language, victim: CasePersonAnswer) {
    const words = screen[language];
    const card = page.getByRole('article', { name: `${victim.person.pseudonym} · ${words.erasure}` });
    // Erasing is for good: the first click asks to confirm, and the confirmation can be withdrawn.
    await card.getByRole('button', { name: words.erase, exact: true }).click();
    await card.getByRole('button', { name: words.cancel, exact: true }).click();
    expect(await card.getByRole('button', { name: words.confirm }).count()).toBe(0);
    await card.getByRole('button', { name: words.erase, exact: true }).click();
    await card.getByRole('button', { name: words.confirm }).click();
    await card.getByText(words.erased, { exact: true }).waitFor();
    await card.getByText(words.carriedOut, { exact: true }).waitFor();
    expect(await card.getByRole('button').count()).toBe(0);
    return card;
  }

  /** The victim's worker asks to reveal her identity and is told, in her language, that it was erased. */
  async function revealErased(page: Page, language: Language, kase: CaseAnswer, victim: CasePersonAnswer) {
    const words = screen[language];
    await page.goto(`/cases/${kase.id}/victims/${victim.id}`);
    await page.getByRole('button', { name: words.revealNamed }).click();
    const dialog = page.getByRole('dialog', { name: words.revealDialog });
    await dialog.getByRole('radio', { name: words.purpose }).check();
    await dialog.getByRole('button', { name: words.reveal, exact: true }).click();
    await page.getByText(words.erasedAnswer).waitFor();
    expect(await page.getByText('Lima').count()).toBe(0);
  }

  it('records and carries out an erasure on a phone in Chinese, and the reveal says it was erased', async () => {
    const words = screen['zh-Hant'];
    const page = await pageOf('secZh', 390);
    await page.goto('/data-requests');
    await expectHeading(page, words.title);
    const card = await recordErasure(page, 'zh-Hant', zhCase, zhVictim);
    // The fields are listed as Chinese lists them, not with English commas.
    await card.getByText('涉及：名字、姓氏、身份證明文件編號、出生日期、聯絡方式、地址和身份備註').waitFor();
    await screenshot(page, 'data-requests-recorded-zh-Hant-390');
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await erase(page, 'zh-Hant', zhVictim);
    await screenshot(page, 'data-requests-erased-zh-Hant-390');
    await expectNoSidewaysScroll(page);

    const worker = await pageOf('iasZh', 390);
    await revealErased(worker, 'zh-Hant', zhCase, zhVictim);
    await screenshot(worker, 'data-requests-reveal-erased-zh-Hant-390');
    await expectNoSidewaysScroll(worker);
  });

  it('refuses one request with a reason and carries out another at a desk in Portuguese', async () => {
    const words = screen.pt;
    const page = await pageOf('secPt', 1280);
    await page.goto('/data-requests');
    await expectHeading(page, words.title);
    const kept = await recordErasure(page, 'pt', ptCase, ptKept);
    await recordErasure(page, 'pt', ptCase, ptErased);
    await screenshot(page, 'data-requests-two-open-pt');

    // Refusing needs a reason; the refused request keeps it and offers nothing more to do.
    await field(kept, words.reason).click();
    await page.getByRole('option', { name: words.ongoingProceedings }).click();
    await kept.getByRole('button', { name: words.refuse, exact: true }).click();
    await kept.getByText(words.refused, { exact: true }).waitFor();
    await kept.getByText(words.ongoingProceedings).waitFor();
    expect(await kept.getByRole('button').count()).toBe(0);
    expect(await kept.getByText(words.erased, { exact: true }).count()).toBe(0);

    await erase(page, 'pt', ptErased);
    await screenshot(page, 'data-requests-decided-pt');
    await expectAccessible(page);

    // A correction writes the identity: the screen says who may apply it, and the secretariat,
    // not a member of the case, is refused and the request stays open.
    const form = page.getByRole('region', { name: 'Registar um pedido' });
    await field(form, words.person).click();
    await page.getByRole('option', { name: ptKept.person.pseudonym, exact: true }).click();
    await form.getByText('Retificar a identidade', { exact: true }).click();
    // The multi-select's box sits over its input and opens the list just the same.
    await field(form, 'Campos a retificar').click({ force: true });
    await page.getByRole('option', { name: 'Morada', exact: true }).click();
    await form.getByRole('button', { name: words.submit }).click();
    const correction = page.getByRole('article', {
      name: `${ptKept.person.pseudonym} · Retificar a identidade`,
    });
    await correction.getByText(/^Só um membro do caso que possa revelar a identidade/).waitFor();
    await field(correction, 'Morada').fill('Rua Nova 3');
    await correction.getByRole('button', { name: 'Aplicar a retificação' }).click();
    await correction.getByRole('alert').waitFor();
    await correction.getByText(words.open, { exact: true }).waitFor();
    await screenshot(page, 'data-requests-correction-refused-pt');

    const worker = await pageOf('iasPt', 1280);
    await revealErased(worker, 'pt', ptCase, ptErased);
    await screenshot(worker, 'data-requests-reveal-erased-pt');
    // The refused request erased nothing: the other victim's identity is still there.
    await worker.goto(`/cases/${ptCase.id}/victims/${ptKept.id}`);
    await worker.getByRole('button', { name: words.revealNamed }).click();
    const dialog = worker.getByRole('dialog', { name: words.revealDialog });
    await dialog.getByRole('radio', { name: words.purpose }).check();
    await dialog.getByRole('button', { name: words.reveal, exact: true }).click();
    await worker.getByTestId('revealed-identity').getByText('Maria Clara').waitFor();
  });
});
