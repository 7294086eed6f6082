import {
  CTDC_AGE_BANDS,
  CTDC_COLUMNS,
  CTDC_GENDER,
  emptyVictim,
  FORM_FLAGS,
  MEANS_FAMILIES,
  RECRUITER_FAMILIES,
  SECTOR_FLAGS,
  SEX_TYPE_FLAGS,
  type ImportedVictim,
} from './ctdc.js';
import { ALPHA3, ALPHA3_OF_ALPHA2 } from './ctdc-countries.js';

// Reading CTDC rows: the 2024 codebook (27 columns, `sectorOfLabour*` / `sectorOfSex*` accepted
// for `typeOfLabour*` / `typeOfSex*`) and the older k-anonymised file (63 columns: un-merged
// `meansOfControl*`, Female/Male, alpha-2 citizenship, `-99` for missing). Pure: a header gives a
// row reader; a row gives a victim or the problems, each naming its column.

export type RowProblem = { column: string | null; problem: string; value: string | null };
export type RowResult = { victim: ImportedVictim; problems: RowProblem[] };
export type RowReader = (cells: Record<string, string>) => RowResult;

const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** A cell a spreadsheet would run as a formula: refused, never stored. */
export const isFormula = (v: string) => formulaStart.test(v) && !plainNumber.test(v);

const DURATIONS: Record<string, string> = {
  '0--12': '0--12',
  '0--12 (0-1 yr)': '0--12',
  '13--24': '13--24',
  '13--24 (1-2 yrs)': '13--24',
  '25+': '25+',
  '25+ (2+ yrs)': '25+',
};

const ALIASES: Record<string, string> = {
  sectorOfLabourAgriculture: 'typeOfLabourAgriculture',
  sectorOfLabourConstruction: 'typeOfLabourConstruction',
  sectorOfLabourDomesticWork: 'typeOfLabourDomesticWork',
  sectorOfLabourHospitality: 'typeOfLabourHospitality',
  sectorOfSexProstitution: 'typeOfSexProstitution',
  sectorOfSexPornography: 'typeOfSexPornography',
};

/** Older file: flag columns whose meaning survives into Guia's codes. */
const OLD_MEANS: Record<string, string> = {
  meansOfControlDebtBondage: 'debt_bondage',
  meansOfControlTakesEarnings: 'takes_earnings',
  meansOfControlRestrictsFinancialAccess: 'restricts_financial_access',
  meansOfControlThreats: 'physical_threats',
  meansOfControlPsychologicalAbuse: 'psychological_abuse',
  meansOfControlPhysicalAbuse: 'physical_abuse',
  meansOfControlSexualAbuse: 'sexual_abuse',
  meansOfControlFalsePromises: 'false_promises',
  meansOfControlPsychoactiveSubstances: 'psychoactive_substance',
  meansOfControlRestrictsMovement: 'restricts_movement',
  meansOfControlRestrictsMedicalCare: 'restricts_medical_care',
  meansOfControlExcessiveWorkingHours: 'excessive_working_hours',
  meansOfControlUsesChildren: 'uses_children',
  meansOfControlThreatOfLawEnforcement: 'threats_law_enforcement',
  meansOfControlWithholdsNecessities: 'withholds_necessities',
  meansOfControlWithholdsDocuments: 'withholds_documents',
  meansOfControlOther: 'other',
};
const OLD_FORMS: Record<string, string[]> = {
  isForcedLabour: ['forced_labour'],
  isSexualExploit: ['sexual_exploitation'],
  isOtherExploit: ['other'],
  isSexAndLabour: ['forced_labour', 'sexual_exploitation'],
  isForcedMarriage: ['forced_marriage'],
  isForcedMilitary: ['forced_military_non_state'],
  isOrganRemoval: ['organ_removal'],
  isSlaveryAndPractices: ['servitude'],
  typeOfLabourBegging: ['forced_begging'],
};
const OLD_SECTORS: Record<string, string> = {
  ...SECTOR_FLAGS,
  typeOfLabourAquafarming: 'agriculture_forestry_fishing',
  typeOfLabourManufacturing: 'manufacturing',
  typeOfLabourMiningOrDrilling: 'mining_quarrying',
  typeOfLabourTransportation: 'transportation_storage',
};
const OLD_SEX_TYPES: Record<string, string> = {
  ...SEX_TYPE_FLAGS,
  typeOfSexRemoteInteractiveServices: 'remote_interactive_services',
  typeOfSexPrivateSexualServices: 'private_sexual_services',
};
/** Older columns read but not carried (derived, concatenated or "not specified" columns). */
const OLD_IGNORED = [
  'Datasource',
  'majorityStatus',
  'majorityStatusAtExploit',
  'majorityEntry',
  'meansOfControlNotSpecified',
  'meansOfControlConcatenated',
  'typeOfExploitConcatenated',
  'typeOfLabourIllicitActivities',
  'typeOfLabourPeddling',
  'typeOfLabourOther',
  'typeOfLabourNotSpecified',
  'typeOfLabourConcatenated',
  'typeOfSexConcatenated',
  'isAbduction',
  'RecruiterRelationship',
  'recruiterRelationUnknown',
];
const OLD_COLUMNS = new Set([
  'yearOfRegistration',
  'gender',
  'ageBroad',
  'citizenship',
  'CountryOfExploitation',
  ...Object.keys(OLD_MEANS),
  ...Object.keys(OLD_FORMS),
  ...Object.keys(OLD_SECTORS),
  ...Object.keys(OLD_SEX_TYPES),
  ...Object.keys(RECRUITER_FAMILIES),
  ...OLD_IGNORED,
]);

export type CtdcVariant = '2024' | 'older';

/** The variant a header is, or the problems that make it no CTDC header. */
export function readCtdcHeader(header: string[]): {
  variant: CtdcVariant;
  columns: string[];
  problems: RowProblem[];
} {
  const trimmed = header.map((h) => h.trim());
  const older = trimmed.some((h) => h.startsWith('meansOfControl') || h === 'majorityStatus');
  const columns = trimmed.map((h) => (older ? h : (ALIASES[h] ?? h)));
  const known: Set<string> = older ? OLD_COLUMNS : new Set(CTDC_COLUMNS);
  const problems: RowProblem[] = [];
  columns.forEach((c, i) => {
    if (!known.has(c)) problems.push({ column: trimmed[i]!, problem: 'unknown_column', value: null });
  });
  if (new Set(columns).size !== columns.length)
    problems.push({ column: null, problem: 'duplicate_column', value: null });
  for (const required of ['yearOfRegistration', 'gender', 'ageBroad', 'citizenship'])
    if (!columns.includes(required))
      problems.push({ column: required, problem: 'missing_column', value: null });
  return { variant: older ? 'older' : '2024', columns, problems };
}

type Ctx = { cells: Record<string, string>; problems: RowProblem[]; missing: (v: string) => boolean };

function cell(ctx: Ctx, column: string): string {
  const v = (ctx.cells[column] ?? '').trim();
  return ctx.missing(v) ? '' : v;
}

function problem(ctx: Ctx, column: string, code: string, value: string): void {
  ctx.problems.push({ column, problem: code, value });
}

function flag(ctx: Ctx, column: string): boolean {
  const v = cell(ctx, column);
  if (v === '' || v === '0') return false;
  if (v === '1') return true;
  problem(ctx, column, 'invalid_flag', v);
  return false;
}

// A flag table's columns and codes as a list, made once: the reader runs a million times a file.
const flagLists = new WeakMap<Record<string, string | string[]>, [string, string[]][]>();
function flagList(columns: Record<string, string | string[]>): [string, string[]][] {
  let list = flagLists.get(columns);
  if (!list) flagLists.set(columns, (list = Object.entries(columns).map(([k, v]) => [k, [v].flat()])));
  return list;
}

function setFlags(ctx: Ctx, columns: Record<string, string | string[]>, into: string[]): void {
  for (const [column, codes] of flagList(columns))
    if (column in ctx.cells && flag(ctx, column)) for (const c of codes) if (!into.includes(c)) into.push(c);
}

function country(ctx: Ctx, column: string, alpha2: boolean): string | null {
  const v = cell(ctx, column);
  if (v === '') return null;
  const code = alpha2 && v.length === 2 ? ALPHA3_OF_ALPHA2.get(v.toUpperCase()) : v.toUpperCase();
  if (!code || !ALPHA3.has(code)) {
    problem(ctx, column, 'unknown_country', v);
    return null;
  }
  return code;
}

function common(ctx: Ctx, v: ImportedVictim, thisYear: number, gender: Record<string, string>): void {
  const year = cell(ctx, 'yearOfRegistration');
  if (year !== '') {
    const n = Number(year);
    if (!/^-?\d+$/.test(year)) problem(ctx, 'yearOfRegistration', 'invalid_year', year);
    else if (n < 1990 || n > thisYear) problem(ctx, 'yearOfRegistration', 'year_out_of_range', year);
    else v.year = n;
  }
  const g = cell(ctx, 'gender');
  if (g !== '') {
    if (gender[g]) v.sex = gender[g];
    else problem(ctx, 'gender', 'unknown_code', g);
  }
  const age = cell(ctx, 'ageBroad');
  if (age !== '') {
    if (CTDC_AGE_BANDS[age]) v.ageBand = CTDC_AGE_BANDS[age];
    else problem(ctx, 'ageBroad', 'unknown_code', age);
  }
}

/** A reader of the rows under a header; `thisYear` bounds the year of registration. */
export function ctdcRowReader(variant: CtdcVariant, thisYear: number): RowReader {
  return (cells) => {
    const problems: RowProblem[] = [];
    for (const column in cells) {
      const value = cells[column]!;
      if (value === '' || value === '1') continue; // most cells of a file: no formula can hide there
      if (isFormula(value.trim()) && !(variant === 'older' && value.trim() === '-99'))
        problems.push({ column, problem: 'formula', value });
    }
    if (problems.length > 0) return { victim: emptyVictim(), problems };
    const ctx: Ctx = { cells, problems, missing: variant === 'older' ? (v) => v === '-99' : () => false };
    const v = emptyVictim();
    if (variant === '2024') {
      common(ctx, v, thisYear, CTDC_GENDER);
      const c = country(ctx, 'citizenship', false);
      if (c) v.citizenship = [c];
      v.countryOfExploitation = country(ctx, 'CountryOfExploitation', false);
      const d = cell(ctx, 'traffickMonths');
      if (d !== '') {
        if (DURATIONS[d]) v.duration = DURATIONS[d];
        else problem(ctx, 'traffickMonths', 'unknown_code', d);
      }
      setFlags(ctx, MEANS_FAMILIES, v.meansFamilies);
      setFlags(ctx, FORM_FLAGS, v.forms);
      setFlags(ctx, SECTOR_FLAGS, v.sectors);
      setFlags(ctx, SEX_TYPE_FLAGS, v.sexTypes);
      setFlags(ctx, RECRUITER_FAMILIES, v.recruiterFamilies);
    } else {
      common(ctx, v, thisYear, { Female: 'female', Male: 'male', ...CTDC_GENDER });
      const c = country(ctx, 'citizenship', true);
      if (c) v.citizenship = [c];
      v.countryOfExploitation = country(ctx, 'CountryOfExploitation', true);
      setFlags(ctx, OLD_MEANS, v.means);
      setFlags(ctx, OLD_FORMS, v.forms);
      setFlags(ctx, OLD_SECTORS, v.sectors);
      setFlags(ctx, OLD_SEX_TYPES, v.sexTypes);
      setFlags(ctx, RECRUITER_FAMILIES, v.recruiterFamilies);
    }
    return { victim: v, problems };
  };
}
