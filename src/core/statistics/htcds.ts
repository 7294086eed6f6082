import { codeList, toHtcds, type CodeListId } from '../vocabularies/code-list.registry.js';
import { emptyVictim, type ImportedVictim } from './ctdc.js';
import { ALPHA3 } from './ctdc-countries.js';
import { isFormula, type RowProblem, type RowResult } from './ctdc-rows.js';

// HTCDS 2.0 at the edges: the non-identifying victim fields Guia imports and exports. Picklist
// values are matched in either spelling (the standard's own misspellings, and any case, spaces
// or underscores: "Forced Labour", "forced_labour", "ForcedLabour"). Multi-selects are
// separated by `;` (`,` and `|` are accepted on import). Identity fields are refused: imported
// rows are statistics, not people.

type Field =
  | {
      column: string;
      kind: 'list';
      list: CodeListId;
      multi: boolean;
      set: (v: ImportedVictim, codes: string[]) => void;
      get: (v: ImportedVictim) => string[];
    }
  | { column: string; kind: 'custom' };

const one = (codes: string[]) => codes[0] ?? null;
const listField = (
  column: string,
  list: CodeListId,
  multi: boolean,
  set: (v: ImportedVictim, codes: string[]) => void,
  get: (v: ImportedVictim) => (string | null)[],
): Field => ({
  column,
  kind: 'list',
  list,
  multi,
  set,
  get: (v) => get(v).filter((x): x is string => !!x),
});

export const HTCDS_FIELDS: Field[] = [
  { column: 'cas_IncomingReferralDate', kind: 'custom' },
  listField(
    'prs_Gender',
    'gender',
    false,
    (v, c) => (v.sex = one(c)),
    (v) => [v.sex],
  ),
  { column: 'prs_Citizenship', kind: 'custom' },
  { column: 'vic_AgeWhenTrafficked', kind: 'custom' },
  listField(
    'vic_TraffickingStatus',
    'trafficking_status',
    false,
    (v, c) => (v.traffickingStatus = one(c)),
    (v) => [v.traffickingStatus],
  ),
  listField(
    'vic_MethodOfRecruitment',
    'method_of_recruitment',
    false,
    (v, c) => (v.recruitmentMethod = one(c)),
    (v) => [v.recruitmentMethod],
  ),
  listField(
    'vic_MethodsOfControl',
    'means_of_control',
    true,
    (v, c) => (v.means = c),
    (v) => v.means,
  ),
  listField(
    'vic_TypeOfExploitation',
    'type_of_exploitation',
    true,
    (v, c) => (v.forms = c),
    (v) => v.forms,
  ),
  listField(
    'vic_ForcedLabourIndustry',
    'forced_labour_industry',
    true,
    (v, c) => (v.sectors = c),
    (v) => v.sectors,
  ),
  listField(
    'vic_TypeOfSexExploitation',
    'type_of_sex_exploitation',
    true,
    (v, c) => (v.sexTypes = c),
    (v) => v.sexTypes,
  ),
  listField(
    'vic_RelationshipToTrafficker',
    'relationship_to_trafficker',
    false,
    (v, c) => (v.relationship = one(c)),
    (v) => [v.relationship],
  ),
  { column: 'cas_Status', kind: 'custom' },
];
export const HTCDS_COLUMNS = HTCDS_FIELDS.map((f) => f.column);
const CASE_STATUSES = ['Active', 'FollowUp', 'Closed', 'ClosedReferred'];

/** Identity and contact fields of HTCDS: a file carrying any is refused whole. */
const IDENTITY = /^prs_(FirstName|SecondName|Salutation|Title|Birthdate|Email|HomePhone|MobilePhone|Mailing)/;

export function readHtcdsHeader(header: string[]): { columns: string[]; problems: RowProblem[] } {
  const columns = header.map((h) => h.trim());
  const problems: RowProblem[] = [];
  for (const c of columns) {
    if (IDENTITY.test(c)) problems.push({ column: c, problem: 'identity_not_accepted', value: null });
    else if (!HTCDS_COLUMNS.includes(c)) problems.push({ column: c, problem: 'unknown_column', value: null });
  }
  if (new Set(columns).size !== columns.length)
    problems.push({ column: null, problem: 'duplicate_column', value: null });
  return { columns, problems };
}

const normal = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The Guia code of a picklist value in any of its spellings. */
export function htcdsCode(list: CodeListId, value: string): string | undefined {
  const wanted = normal(value);
  const codes = codeList(list).codes;
  return (
    codes.find((c) => c.htcds !== undefined && normal(c.htcds) === wanted)?.code ??
    codes.find((c) => (c.htcdsAliases ?? []).some((a) => normal(a) === wanted))?.code ??
    codes.find((c) => normal(c.code) === wanted)?.code
  );
}

const splitMulti = (v: string) =>
  v
    .split(/[;,|]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads one HTCDS row; `today` bounds dates. */
export function readHtcdsRow(cells: Record<string, string>, today: string): RowResult {
  const problems: RowProblem[] = [];
  const v = emptyVictim();
  const bad = (column: string, problem: string, value: string) => problems.push({ column, problem, value });
  for (const [column, raw] of Object.entries(cells)) {
    const value = raw.trim();
    if (value === '') continue;
    if (isFormula(value)) {
      bad(column, 'formula', raw);
      continue;
    }
    const field = HTCDS_FIELDS.find((f) => f.column === column);
    if (!field) continue;
    if (field.kind === 'list') {
      const values = field.multi ? splitMulti(value) : [value];
      const codes: string[] = [];
      for (const x of values) {
        const code = htcdsCode(field.list, x);
        if (code) codes.push(code);
        else bad(column, 'unknown_code', x);
      }
      field.set(v, [...new Set(codes)]);
    } else readCustom(column, value, v, today, bad);
  }
  return { victim: v, problems };
}

function readCustom(
  column: string,
  value: string,
  v: ImportedVictim,
  today: string,
  bad: (column: string, problem: string, value: string) => void,
): void {
  if (column === 'cas_IncomingReferralDate') {
    const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
    if (!ok) bad(column, 'invalid_date', value);
    else if (value > today || value < '1990-01-01') bad(column, 'date_out_of_range', value);
    else {
      v.date = value;
      v.year = Number(value.slice(0, 4));
    }
  } else if (column === 'prs_Citizenship') {
    for (const c of splitMulti(value)) {
      if (ALPHA3.has(c.toUpperCase())) v.citizenship.push(c.toUpperCase());
      else bad(column, 'unknown_country', c);
    }
  } else if (column === 'vic_AgeWhenTrafficked') {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n > 120)
      bad(column, n < 0 || value.startsWith('-') ? 'negative' : 'invalid_age', value);
    else v.age = n;
  } else if (column === 'cas_Status') {
    const status = CASE_STATUSES.find((s) => normal(s) === normal(value));
    if (status) v.caseStatus = status;
    else bad(column, 'unknown_code', value);
  }
}

/** A canonical victim as an HTCDS row (multi-selects joined with `;`). */
export function toHtcdsRow(v: ImportedVictim): Record<string, string> {
  const row: Record<string, string> = {};
  for (const f of HTCDS_FIELDS) {
    if (f.kind === 'list')
      row[f.column] = f
        .get(v)
        .map((code) => toHtcds(f.list, code) ?? '')
        .filter(Boolean)
        .join(';');
  }
  row.cas_IncomingReferralDate = v.date ?? '';
  row.prs_Citizenship = v.citizenship.join(';');
  row.vic_AgeWhenTrafficked = v.age === null ? '' : String(v.age);
  row.cas_Status = v.caseStatus ?? '';
  return Object.fromEntries(HTCDS_COLUMNS.map((c) => [c, row[c] ?? '']));
}
