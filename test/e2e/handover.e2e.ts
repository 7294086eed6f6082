import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './support/browser.js';
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
import { expectHeading, field, signedInPage, type Credentials } from './support/sign-in-steps.js';

// The handover of issue 12 through the screens. The Social Welfare Bureau (IAS) refers a victim
// with details to an NGO (GSC). GSC's officer, at desk width in English, reads the details,
// accepts and assigns the referral to a case worker. The worker, on a phone (390 px) in
// Portuguese, reaches the victim, reads the sender's details, keeps a journal note, attaches a
// file and prints the victim summary. The sender prints the whole case.

const details = 'The employer knows her current address: do not visit her there.';
const note = 'Primeira visita ao abrigo: está segura e pediu apoio jurídico.';

describe('handover of a referral to a named worker', () => {
  let server: GuiaServer;
  let browser: Browser;
  let ias: ApiClient;
  let kase: CaseAnswer;
  let victim: CasePersonAnswer;
  const password = 'harbour kettle 5521 dusk';
  const cast = {
    ias: { email: 'chan.ka.yan@ias.example', name: 'Chan Ka Yan', agency: 'IAS', role: 'agency_officer' },
    officer: { email: 'maria.lopes@gsc.example', name: 'Maria Lopes', agency: 'GSC', role: 'agency_officer' },
    worker: {
      email: 'joana.reis@gsc.example',
      name: 'Joana Reis',
      agency: 'GSC',
      role: 'case_worker',
      language: 'pt',
    },
  } as const;
  let credentials: Record<keyof typeof cast, Credentials>;

  const pageOf = (who: keyof typeof cast, width: number): Promise<Page> =>
    signedInPage(browser, server.baseUrl, credentials[who], {
      viewport: { width, height: width < 768 ? 844 : 900 },
    });

  beforeAll(async () => {
    const started = await startWithCast(cast, password);
    ({ server, credentials } = started);
    ias = started.clients.ias;
    kase = await openHotlineCase(ias, '2025-03-01');
    victim = await addVictim(ias, kase.id, {
      givenNames: 'Ana Paula',
      familyName: 'Lima',
      birthDate: '1998-04-12',
      citizenship: ['BRA'],
    });
    await referToShelter(ias, `/api/v1/cases/${kase.id}/people/${victim.id}`, {
      toAgencyId: started.agencies.GSC,
      details,
      consentGivenOn: '2025-03-02',
      sentOn: '2025-03-03',
    });
    await ias.call('POST', `/api/v1/cases/${kase.id}/journal`, {
      text: 'Hotline call received; referred to GSC.',
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the receiving officer accept the referral and assign it to a named worker (desk, English)', async () => {
    const page = await pageOf('officer', 1280);
    await page.goto('/referrals');
    await expectHeading(page, 'Referral inbox');
    const row = page.getByRole('row', { name: new RegExp(kase.reference) });
    await row.getByText(details).waitFor();
    await row.getByRole('button', { name: /^Accept the referral of V-/ }).click();
    await page.getByTestId('referral-accepted').waitFor();
    await page.locator('label[for$="-accepted"]').click();
    const accepted = page.getByRole('row', { name: new RegExp(kase.reference) });
    await accepted.getByText('Not assigned yet').waitFor();
    await accepted.getByRole('button', { name: /^Assign the referral of V-/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Assign to a worker' });
    await field(dialog, 'Worker').click();
    await page.getByRole('option', { name: 'Joana Reis' }).click();
    await screenshot(page, 'handover-assign-dialog-en');
    await dialog.getByRole('button', { name: 'Assign' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await accepted.getByText('Assigned to Joana Reis').waitFor();
    expect(await accepted.getByRole('button', { name: /^Assign the referral of V-/ }).textContent()).toBe(
      'Reassign',
    );
    await screenshot(page, 'handover-inbox-assigned-en');
  });

  it('lets the assigned worker reach the victim, keep a journal, attach a file and print (390 px, Portuguese)', async () => {
    const page = await pageOf('worker', 390);
    await page.goto(`/cases/${kase.id}/victims/${victim.id}`);
    await expectHeading(page, /V-/);
    await page.getByText(details).first().waitFor();
    await page.getByText('Atribuído a Joana Reis').first().waitFor();

    await page.getByRole('button', { name: 'Acrescentar nota' }).click();
    const noteDialog = page.getByRole('dialog', { name: 'Acrescentar uma nota ao diário' });
    await noteDialog.getByRole('textbox', { name: /^Nota/ }).fill(note);
    await noteDialog.getByRole('button', { name: 'Acrescentar nota' }).click();
    await noteDialog.waitFor({ state: 'hidden' });
    await page.getByText(note).waitFor();

    await page.getByRole('button', { name: 'Anexar ficheiro' }).click();
    const fileDialog = page.getByRole('dialog', { name: 'Anexar um ficheiro' });
    await fileDialog.locator('input[type="file"]').setInputFiles({
      name: 'declaracao.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1'),
    });
    await fileDialog.getByRole('button', { name: 'Anexar ficheiro' }).click();
    await fileDialog.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: 'Descarregar declaracao.pdf' }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'handover-worker-victim-pt-390');

    // The victim summary, in Portuguese, after saying why the identity is needed.
    await page.getByRole('button', { name: 'Resumo da vítima (PDF)' }).click();
    const printDialog = page.getByRole('dialog', { name: 'Resumo da vítima (PDF)' });
    await field(printDialog, 'Porque precisa da identidade em papel?').click();
    await page.getByRole('option', { name: 'Apoio à vítima' }).click();
    const href = await printDialog.getByRole('link', { name: 'Abrir PDF' }).getAttribute('href');
    expect(href).toContain('purpose=victim_support');
    const pdf = await page.request.get(href!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const body = await pdf.body();
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await printDialog
      .getByRole('button', { name: /Fechar|Close/ })
      .click()
      .catch(() => undefined);

    // Printed, the page leaves out the navigation and the buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Acrescentar nota' }).isVisible()).toBe(false);
    await screenshot(page, 'handover-worker-victim-print-pt');
    await page.emulateMedia({ media: 'screen' });
  });

  it('prints the whole case for the sender: every tab, no navigation (desk, English)', async () => {
    const page = await pageOf('ias', 1280);
    await page.goto(`/cases/${kase.id}`);
    await expectHeading(page, new RegExp(kase.reference));
    await page.emulateMedia({ media: 'print' });
    await page.getByText('Hotline call received; referred to GSC.').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).isVisible()).toBe(false);
    expect(await page.getByRole('tablist').isVisible()).toBe(false);
    await screenshot(page, 'handover-case-print-en');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
