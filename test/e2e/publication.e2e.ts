import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, phoneScreen, screenshot } from './support/browser.js';
import { type ApiClient, startWithCast } from './support/case-fixtures.js';
import type { GuiaServer } from './support/guia-server.js';
import {
  chooseLanguage,
  expectHeading,
  field,
  signIn,
  signedInPage,
  type Credentials,
} from './support/sign-in-steps.js';

// The secretariat previews a table of victims by sex and age group in which two boys are the
// only male children, releases it through the UNODC rule set (counts under 5 hidden), and a
// member of the public, not signed in, reads the released table with that cell shown as `<5`,
// never as 2.

const title = 'Victims identified by sex and age group';

describe('publishing a table with a small count to the public page', () => {
  let server: GuiaServer;
  let browser: Browser;
  let secretariatPage: Page;
  let publicPage: Page;
  const cast = {
    secretary: {
      email: 'lei.man.wai@sec.example',
      name: 'Lei Man Wai',
      password: 'lotus bridge monsoon 2026',
      agency: 'SECRETARIAT',
      role: 'secretariat',
    },
    analyst: {
      email: 'ana.sousa@sec.example',
      name: 'Ana Sousa',
      password: 'cotai ferry pastel 2026',
      agency: 'SECRETARIAT',
      role: 'analyst',
    },
  } as const;
  let credentials: Record<keyof typeof cast, Credentials>;

  beforeAll(async () => {
    let clients: Record<keyof typeof cast, ApiClient>;
    ({ server, clients, credentials } = await startWithCast(cast));
    await importVictims(clients.secretary);
    browser = await launchBrowser();
    secretariatPage = await newPage(browser, server.baseUrl);
    publicPage = await newPage(browser, server.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Clicks what starts a download and waits for the file: its suggested name and its bytes. */
  async function download(page: Page, start: Locator): Promise<{ name: string; bytes: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent('download'), start.click()]);
    return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
  }

  /** Picks an option of a select; its list of options carries the same label as its input. */
  async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
    await field(page, label).and(page.locator('input')).click();
    await page
      .getByRole('option', typeof option === 'string' ? { name: option, exact: true } : { name: option })
      .click();
  }

  const cellTexts = (table: Locator) => table.locator('td').allTextContents();

  it('previews the table as it would be published, the small count hidden, and releases it', async () => {
    const page = secretariatPage;
    const { email, password, secret } = credentials.secretary;
    await signIn(page, email, password, secret);
    await page.goto('/publication');
    await expectHeading(page, 'Publish statistics');
    await choose(page, 'Rule set', /^unodc-under-5 v1/);
    await choose(page, 'Rows', 'sex');
    await choose(page, 'Columns', 'ageGroup');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('table', { name: 'Preview' });
    await preview.waitFor();
    await page.getByText('The auditor found no hidden value that can be worked out exactly.').waitFor();
    const shown = await cellTexts(preview);
    expect(shown).toContain('<5');
    // Two boys: that number must not be readable from the table anywhere.
    expect(shown).not.toContain('2');
    // The grand total (31 victims) is published.
    expect(shown).toContain('31');

    await field(page, 'Title (English)').fill(title);
    await field(page, 'Title (Chinese)').fill('按性別及年齡組別劃分的已識別被害人');
    await field(page, 'Title (Portuguese)').fill('Vítimas identificadas por sexo e grupo etário');
    await page.getByRole('button', { name: 'Release to the public page' }).click();
    await page.getByText('Table released.').waitFor();
    await page.getByText(title, { exact: true }).waitFor();
  });

  it('shows a signed-out visitor the released table with the small count as <5', async () => {
    await publicPage.goto('/public/statistics');
    await expectHeading(publicPage, 'Trafficking in persons: published statistics');
    const section = publicPage.getByRole('region', { name: title });
    const table = section.getByRole('table', { name: `Table of ${title}` });
    await table.waitFor();
    const shown = await cellTexts(table);
    expect(shown).toContain('<5');
    expect(shown).not.toContain('2');
    expect(shown).toContain('31');
    await section.getByText('x: hidden so that a small count cannot be worked out.').waitFor();
    // Dimension values read as words, never as the codes the engine keeps.
    const heads = () => table.locator('th').allTextContents();
    expect(await heads()).toEqual(expect.arrayContaining(['Female', 'Male', 'Adult', 'Child (under 18)']));
  });

  it('shows the released table in Chinese with words, not codes', async () => {
    await chooseLanguage(publicPage, 'English', '繁體中文');
    await expectHeading(publicPage, /已公佈的統計/);
    const table = publicPage.getByRole('table', { name: /按性別及年齡組別劃分的已識別被害人/ });
    await expect
      .poll(async () => table.locator('th').allTextContents())
      .toEqual(expect.arrayContaining(['女性', '男性', '成年人', '兒童（未滿18歲）']));
    const text = (await table.textContent()) ?? '';
    expect(text).not.toMatch(/female|male|child|adult/i);
    await screenshot(publicPage, 'public-statistics-zh-Hant');
  });

  it("prints the secretariat's yearly report without the navigation, and downloads it as a PDF", async () => {
    const page = secretariatPage;
    await page.goto('/statistics');
    await page.getByRole('link', { name: 'Yearly report' }).click();
    await expectHeading(page, 'Yearly statistics report');
    await choose(page, 'Year', '2021');
    await page.getByText(/Calendar year 2021: .*2021 to .*2021/).waitFor();
    const victims = page.getByTestId('report-victims');
    await expect.poll(async () => victims.textContent()).toContain('13');
    // Nationalities by name.
    const nationality = page.getByTestId('report-victimsByNationality');
    await expect
      .poll(async () => nationality.locator('td').allTextContents())
      .toEqual(['Philippines', '13', '13']);
    await screenshot(page, 'statistics-report');
    // Printed: no navigation, no controls, every section.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.locator('.guia-report section').count()).toBe(14);
    await screenshot(page, 'statistics-report-print');
    await page.emulateMedia({ media: 'screen' });
    const pdf = await download(page, page.getByRole('link', { name: 'Download PDF' }));
    expect(pdf.name).toBe('guia-report-2021-en.pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lets the analyst read the yearly trend, in words and numbers, beside the chart', async () => {
    const page = await signedInPage(browser, server.baseUrl, credentials.analyst, { viewport: phoneScreen });
    await page.goto('/statistics');
    await expectHeading(page, 'Statistics dashboard');
    const trend = page.getByTestId('trend-victims');
    // 13, 9, 6 and 3 victims in 2021–2024: the whole interval of the rate ratio is below 1.
    await trend.getByText('Declining', { exact: true }).waitFor();
    const words = await trend.textContent();
    expect(words).toMatch(/From 2021 to 2024 the count fell by about \d+% a year/);
    // The maximum-likelihood fit: rate ratio 0.638, interval 0.453–0.898, p 0.0099.
    expect(words).toContain('Change per year: ×0.64');
    expect(words).toContain('95% interval 0.45 to 0.90');
    expect(words).toContain('p = 0.010');
    // The same figures as a table, for those who do not read charts.
    const panel = page.getByTestId('panel-victimsByPeriod');
    await panel.getByText('Table', { exact: true }).click();
    const table = panel.getByRole('table', { name: 'Victims identified' });
    expect(await table.locator('tbody tr').allTextContents()).toEqual(['202113', '20229', '20236', '20243']);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'statistics-dashboard-phone');

    // Breakdowns for one year: the 13 victims of 2021 by sex, as a table and as a CSV file.
    await choose(page, 'Breakdowns for', '2021');
    await page.getByRole('heading', { name: 'Breakdowns, 2021' }).waitFor();
    const bySex = page.getByTestId('panel-victimsBySex');
    await bySex.getByText('Table', { exact: true }).click();
    const sexTable = bySex.getByRole('table', { name: 'Victims by sex' });
    await expect
      .poll(async () =>
        (await sexTable.locator('tbody td').allTextContents()).reduce((s, c) => s + Number(c), 0),
      )
      .toBe(13);
    // Values read as words of the code lists, not as codes.
    expect((await sexTable.locator('tbody th').allTextContents()).sort()).toEqual(['Female', 'Male']);
    const csv = await download(page, bySex.getByRole('button', { name: 'CSV' }));
    expect(csv.name).toBe('victimsBySex.csv');
    expect(
      csv.bytes
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .split('\r\n')[0],
    ).toBe('Sex,Count');
    // The workbook is made in the browser, under the server's CSP.
    const workbook = await download(page, bySex.getByRole('button', { name: 'XLSX' }));
    expect(workbook.name).toBe('victimsBySex.xlsx');
    expect(workbook.bytes.subarray(0, 2).toString()).toBe('PK');
  });
});

/**
 * 31 victims in a small CTDC file, 2021–2024, falling each year (13, 9, 6, 3): 12 women and 9 men
 * adults, 8 girls and 2 boys (the small count).
 */
async function importVictims(secretariat: ApiClient): Promise<void> {
  const header = readFileSync('test/fixtures/statistics/ctdc-2024-sample.csv', 'utf8').split('\n')[0]!;
  const columns = header.split(',');
  const groups: [gender: string, ageBroad: string, count: number][] = [
    ['Woman', '21--23', 12],
    ['Man', '30--38', 9],
    ['Woman', '9--17', 8],
    ['Man', '9--17', 2],
  ];
  const years = [2021, 2021, 2021, 2021, 2022, 2022, 2022, 2023, 2023, 2024];
  const rows: string[] = [];
  for (const [gender, ageBroad, count] of groups) {
    for (let i = 0; i < count; i++) {
      const values: Record<string, string> = {
        yearOfRegistration: String(years[(rows.length * 7) % years.length]),
        gender,
        ageBroad,
        citizenship: 'PHL',
        CountryOfExploitation: 'MAC',
        isForcedLabour: '1',
      };
      rows.push(columns.map((c) => values[c] ?? '').join(','));
    }
  }
  const { status, json } = await secretariat.send(
    'POST',
    '/api/v1/statistics/imports?format=ctdc&dataset=e2e-victims',
    [header, ...rows].join('\n') + '\n',
    'text/csv',
  );
  if (status !== 200) throw new Error(`import answered ${status}: ${JSON.stringify(json)}`);
}
