import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CTDC_COLUMNS, emptyVictim, toCtdcRow, type ImportedVictim } from '../src/core/statistics/ctdc.js';
import { HTCDS_COLUMNS, toHtcdsRow } from '../src/core/statistics/htcds.js';

// A seeded synthetic dataset of victim records (issue 10), written as CTDC CSV and HTCDS CSV —
// the files `guia import ctdc|htcds` reads. The same seed gives the same files, byte for byte.
// Distributions are shaped like CTDC's global dataset (more women than men, most victims
// 18–38, sexual exploitation and forced labour the main forms, registrations rising to a peak
// in the late 2010s); they are plausible, not facts about any country.

type Weighted<T> = readonly (readonly [T, number])[];

/** mulberry32: small, fast, and good enough for synthetic data (never for anything secret). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function picker<T>(table: Weighted<T>): (r: number) => T {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  const cumulative = table.map(
    ([value], i) => [value, table.slice(0, i + 1).reduce((s, [, w]) => s + w, 0) / total] as const,
  );
  return (r) => cumulative.find(([, upTo]) => r < upTo)?.[0] ?? table[table.length - 1]![0];
}

const years = picker<number>(
  Array.from(
    { length: 21 },
    (_, i) => [2002 + i, 1 + Math.exp(-((2002 + i - 2018) ** 2) / 18) * 12] as const,
  ),
);
const sexes = picker<string | null>([
  ['female', 68],
  ['male', 29],
  ['non_conforming', 0.5],
  [null, 2.5],
]);
const ages = picker<number | null>([
  [5, 3],
  [14, 17],
  [19, 11],
  [22, 12],
  [25, 11],
  [28, 9],
  [34, 18],
  [43, 8],
  [52, 4],
  [null, 7],
]);
const nationalities = picker<string>([
  ['PHL', 14],
  ['VNM', 10],
  ['IDN', 9],
  ['UKR', 8],
  ['MDA', 6],
  ['CHN', 7],
  ['THA', 5],
  ['KHM', 4],
  ['NGA', 4],
  ['ROU', 4],
  ['UZB', 3],
  ['MMR', 4],
  ['NPL', 3],
  ['USA', 5],
  ['MEX', 4],
  ['MAC', 1],
  ['HKG', 1],
  ['BGD', 3],
  ['LKA', 2],
  ['ETH', 3],
]);
const destinations = picker<string>([
  ['USA', 14],
  ['RUS', 6],
  ['THA', 6],
  ['MYS', 6],
  ['SAU', 5],
  ['ARE', 5],
  ['MAC', 3],
  ['HKG', 3],
  ['CHN', 5],
  ['JPN', 3],
  ['DEU', 3],
  ['GBR', 3],
  ['ITA', 3],
  ['TUR', 3],
]);
const formsOf = picker<string[]>([
  [['sexual_exploitation'], 48],
  [['forced_labour'], 38],
  [['forced_labour', 'sexual_exploitation'], 3],
  [['forced_begging'], 3],
  [['forced_marriage'], 3],
  [['forced_criminal_activity'], 3],
  [['other'], 2],
]);
const sectors = picker<string | null>([
  ['households_as_employers', 33],
  ['construction', 20],
  ['agriculture_forestry_fishing', 20],
  ['accommodation_food_service', 15],
  ['manufacturing', 5],
  [null, 7],
]);
const sexTypes = picker<string | null>([
  ['prostitution', 82],
  ['pornography', 8],
  ['remote_interactive_services', 4],
  [null, 6],
]);
const durations = picker<string | null>([
  ['0--12 (0-1 yr)', 58],
  ['13--24 (1-2 yrs)', 19],
  ['25+ (2+ yrs)', 11],
  [null, 12],
]);
const relationships = picker<string | null>([
  ['friend', 24],
  ['acquainted', 22],
  ['familial', 14],
  ['intimate_partner', 10],
  ['unacquainted', 15],
  [null, 15],
]);
const statuses = picker<string>([
  ['actual_victim', 70],
  ['possible_victim', 28],
  ['not_a_victim', 2],
]);
const meansOfControl: Weighted<string> = [
  ['false_promises', 0.35],
  ['psychological_abuse', 0.3],
  ['takes_earnings', 0.25],
  ['debt_bondage', 0.2],
  ['physical_threats', 0.22],
  ['physical_abuse', 0.18],
  ['withholds_documents', 0.17],
  ['restricts_movement', 0.2],
  ['excessive_working_hours', 0.14],
  ['sexual_abuse', 0.1],
  ['withholds_necessities', 0.08],
  ['psychoactive_substance', 0.06],
  ['threats_law_enforcement', 0.05],
];

/** One victim record, drawn from `r`; every field is optional in the standards, and some are left empty. */
export function syntheticVictim(r: () => number): ImportedVictim {
  const v = emptyVictim();
  v.year = years(r());
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  v.date = `${v.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  v.sex = sexes(r());
  v.age = ages(r());
  const nationality = nationalities(r());
  v.citizenship = [nationality];
  v.countryOfExploitation = r() < 0.3 ? nationality : destinations(r());
  v.duration = durations(r());
  v.forms = formsOf(r());
  if (v.forms.includes('forced_labour')) {
    const sector = sectors(r());
    if (sector) v.sectors = [sector];
  }
  if (v.forms.includes('sexual_exploitation')) {
    const kind = sexTypes(r());
    if (kind) v.sexTypes = [kind];
  }
  // A third of records say nothing of the means of control: CTDC's denominators exist for them.
  if (r() < 0.67) v.means = meansOfControl.filter(([, p]) => r() < p).map(([code]) => code);
  v.relationship = relationships(r());
  v.traffickingStatus = statuses(r());
  return v;
}

const csvCell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const csvLine = (columns: readonly string[], row: Record<string, string>) =>
  `${columns.map((c) => csvCell(row[c] ?? '')).join(',')}\n`;

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return stream.write(text)
    ? Promise.resolve()
    : new Promise((resolve) => stream.once('drain', () => resolve()));
}

/** Writes `victims` records seeded by `seed` as ctdc.csv and htcds.csv in `out`. */
export async function generate(
  victims: number,
  seed: number,
  out: string,
): Promise<{ ctdc: string; htcds: string }> {
  mkdirSync(out, { recursive: true });
  const files = { ctdc: path.join(out, 'ctdc.csv'), htcds: path.join(out, 'htcds.csv') };
  const ctdc = createWriteStream(files.ctdc);
  const htcds = createWriteStream(files.htcds);
  ctdc.write(`${CTDC_COLUMNS.join(',')}\n`);
  htcds.write(`${HTCDS_COLUMNS.join(',')}\n`);
  const r = random(seed);
  const batch = 10_000;
  for (let done = 0; done < victims; done += batch) {
    let ctdcText = '';
    let htcdsText = '';
    for (let i = done; i < Math.min(victims, done + batch); i++) {
      const victim = syntheticVictim(r);
      ctdcText += csvLine(CTDC_COLUMNS, toCtdcRow(victim));
      htcdsText += csvLine(HTCDS_COLUMNS, toHtcdsRow(victim));
    }
    // Both listeners are in place before either is awaited: a drain that fires while the other
    // is awaited would otherwise be missed, and the process would end with the files half written.
    await Promise.all([write(ctdc, ctdcText), write(htcds, htcdsText)]);
  }
  await Promise.all([ctdc, htcds].map((s) => new Promise<void>((resolve) => s.end(() => resolve()))));
  return files;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      victims: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: 'data/synthetic' },
    },
  });
  const victims = Number(values.victims);
  const seed = Number(values.seed);
  if (!Number.isInteger(victims) || victims < 1 || victims > 10_000_000)
    throw new Error('--victims: a whole number from 1 to 10,000,000');
  if (!Number.isInteger(seed)) throw new Error('--seed: a whole number');
  const started = performance.now();
  const files = await generate(victims, seed, values.out);
  process.stderr.write(
    `${victims} victims (seed ${seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s: ${files.ctdc}, ${files.htcds}\n`,
  );
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
