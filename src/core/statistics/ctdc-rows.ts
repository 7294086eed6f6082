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

// Rows are read by position: the header is compiled once into the columns' indexes, and each row
// (a million a file) is read straight from the parser's cells, with no record built per row.

type FlagColumn = { index: number; column: string; codes: string[] };
/** Where each column the reader uses sits in the row (-1: not in the file). */
type Layout = {
  year: number;
  gender: number;
  age: number;
  citizenship: number;
  country: number;
  months: number;
  flags: FlagColumn[][];
};

function layoutOf(variant: CtdcVariant, columns: readonly string[]): Layout {
  const at = (column: string) => columns.indexOf(column);
  // In the table's order, as the codes are listed: a victim's codes come out in that order.
  const flags = (table: Record<string, string | string[]>): FlagColumn[] =>
    Object.entries(table)
      .map(([column, codes]) => ({ index: at(column), column, codes: [codes].flat() }))
      .filter((f) => f.index >= 0);
  const tables =
    variant === '2024'
      ? [MEANS_FAMILIES, FORM_FLAGS, SECTOR_FLAGS, SEX_TYPE_FLAGS, RECRUITER_FAMILIES]
      : [OLD_MEANS, OLD_FORMS, OLD_SECTORS, OLD_SEX_TYPES, RECRUITER_FAMILIES];
  return {
    year: at('yearOfRegistration'),
    gender: at('gender'),
    age: at('ageBroad'),
    citizenship: at('citizenship'),
    country: at('CountryOfExploitation'),
    months: variant === '2024' ? at('traffickMonths') : -1,
    flags: tables.map(flags),
  };
}

const OLD_GENDER: Record<string, string> = { Female: 'female', Male: 'male', ...CTDC_GENDER };

type Ctx = { cells: readonly string[]; problems: RowProblem[]; older: boolean };

function cell(ctx: Ctx, index: number): string {
  if (index < 0) return '';
  const v = (ctx.cells[index] ?? '').trim();
  return ctx.older && v === '-99' ? '' : v;
}

function problem(ctx: Ctx, column: string, code: string, value: string): void {
  ctx.problems.push({ column, problem: code, value });
}

/** A flag's codes added once each, in order. */
function setFlags(ctx: Ctx, flags: readonly FlagColumn[], into: string[]): void {
  for (const f of flags) {
    const v = cell(ctx, f.index);
    if (v === '' || v === '0') continue;
    if (v !== '1') {
      problem(ctx, f.column, 'invalid_flag', v);
      continue;
    }
    for (const c of f.codes) if (!into.includes(c)) into.push(c);
  }
}

function country(ctx: Ctx, index: number, column: string): string | null {
  const v = cell(ctx, index);
  if (v === '') return null;
  const code = ctx.older && v.length === 2 ? ALPHA3_OF_ALPHA2.get(v.toUpperCase()) : v.toUpperCase();
  if (!code || !ALPHA3.has(code)) {
    problem(ctx, column, 'unknown_country', v);
    return null;
  }
  return code;
}

function coded(ctx: Ctx, index: number, column: string, codes: Record<string, string>): string | null {
  const v = cell(ctx, index);
  if (v === '') return null;
  // Own codes only: a cell such as `constructor` is an unknown code, not an inherited property.
  if (Object.hasOwn(codes, v)) return codes[v]!;
  problem(ctx, column, 'unknown_code', v);
  return null;
}

const integer = /^-?\d+$/;

/**
 * A reader of the rows under a header (`readCtdcHeader`'s columns, in the file's order): a row's
 * cells, by position, give a victim or the problems. `thisYear` bounds the year of registration.
 */
export function ctdcCellsReader(
  variant: CtdcVariant,
  columns: readonly string[],
  thisYear: number,
): (cells: readonly string[]) => RowResult {
  const at = layoutOf(variant, columns);
  const older = variant === 'older';
  const gender = older ? OLD_GENDER : CTDC_GENDER;
  const [means, forms, sectors, sexTypes, recruiters] = at.flags as [
    FlagColumn[],
    FlagColumn[],
    FlagColumn[],
    FlagColumn[],
    FlagColumn[],
  ];
  return (cells) => {
    const problems: RowProblem[] = [];
    for (let i = 0; i < cells.length; i++) {
      const value = cells[i] ?? ''; // a spreadsheet row may have holes
      if (value === '' || value === '1') continue; // most cells of a file: no formula can hide there
      if (isFormula(value.trim()) && !(older && value.trim() === '-99'))
        problems.push({ column: columns[i]!, problem: 'formula', value });
    }
    if (problems.length > 0) return { victim: emptyVictim(), problems };
    const ctx: Ctx = { cells, problems, older };
    const v = emptyVictim();
    const year = cell(ctx, at.year);
    if (year !== '') {
      const n = Number(year);
      if (!integer.test(year)) problem(ctx, 'yearOfRegistration', 'invalid_year', year);
      else if (n < 1990 || n > thisYear) problem(ctx, 'yearOfRegistration', 'year_out_of_range', year);
      else v.year = n;
    }
    v.sex = coded(ctx, at.gender, 'gender', gender);
    v.ageBand = coded(ctx, at.age, 'ageBroad', CTDC_AGE_BANDS);
    const c = country(ctx, at.citizenship, 'citizenship');
    if (c) v.citizenship = [c];
    v.countryOfExploitation = country(ctx, at.country, 'CountryOfExploitation');
    v.duration = coded(ctx, at.months, 'traffickMonths', DURATIONS);
    setFlags(ctx, means, older ? v.means : v.meansFamilies);
    setFlags(ctx, forms, v.forms);
    setFlags(ctx, sectors, v.sectors);
    setFlags(ctx, sexTypes, v.sexTypes);
    setFlags(ctx, recruiters, v.recruiterFamilies);
    return { victim: v, problems };
  };
}
