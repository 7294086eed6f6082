import { toCtdc } from '../vocabularies/code-list.registry.js';
import { ageBand } from '../vocabularies/person.codes.js';

// CTDC (Counter Trafficking Data Collaborative) at the edges, and the canonical victim record an
// imported row becomes. Guia's codes are finer than CTDC's flag families; the families are what
// CTDC counts, so the statistics keep them as their own dimensions (means, recruiter, formFamily).

/** An imported victim row, in Guia's codes, with nothing that identifies anyone. */
export type ImportedVictim = {
  year: number | null;
  /** A full date when the source has one (HTCDS cas_IncomingReferralDate). */
  date: string | null;
  /** GENDER code (`unknown` when the source says so, null when it is silent). */
  sex: string | null;
  ageBand: string | null;
  age: number | null;
  /** ISO 3166-1 alpha-3 */
  citizenship: string[];
  countryOfExploitation: string | null;
  duration: string | null;
  /** TYPE_OF_EXPLOITATION codes */
  forms: string[];
  /** FORCED_LABOUR_INDUSTRY codes */
  sectors: string[];
  /** TYPE_OF_SEX_EXPLOITATION codes */
  sexTypes: string[];
  /** MEANS_OF_CONTROL codes (HTCDS) */
  means: string[];
  /** CTDC means families, when the source only has those */
  meansFamilies: string[];
  /** RELATIONSHIP_TO_TRAFFICKER codes (HTCDS) */
  relationship: string | null;
  /** CTDC recruiter families, when the source only has those */
  recruiterFamilies: string[];
  traffickingStatus: string | null;
  recruitmentMethod: string | null;
  caseStatus: string | null;
};

export const emptyVictim = (): ImportedVictim => ({
  year: null,
  date: null,
  sex: null,
  ageBand: null,
  age: null,
  citizenship: [],
  countryOfExploitation: null,
  duration: null,
  forms: [],
  sectors: [],
  sexTypes: [],
  means: [],
  meansFamilies: [],
  relationship: null,
  recruiterFamilies: [],
  traffickingStatus: null,
  recruitmentMethod: null,
  caseStatus: null,
});

const VICTIM_FIELDS = Object.keys(emptyVictim()) as (keyof ImportedVictim)[];

/**
 * An imported victim as stored (a row of stat_import_rows): its JSON without the fields it does
 * not hold, null or empty. A CTDC row holds half its fields: half the bytes a million rows write.
 */
export function storedVictim(v: ImportedVictim): string {
  const held: Record<string, unknown> = {};
  for (const field of VICTIM_FIELDS) {
    const value = v[field];
    if (value !== null && !(Array.isArray(value) && value.length === 0)) held[field] = value;
  }
  return JSON.stringify(held);
}

/** A stored victim read back, the fields it does not hold empty (rows stored whole read the same). */
export function victimOfStored(json: string): ImportedVictim {
  return { ...emptyVictim(), ...(JSON.parse(json) as Partial<ImportedVictim>) };
}

/** CTDC means columns ↔ Guia's family codes. */
export const MEANS_FAMILIES: Record<string, string> = {
  meansDebtBondageEarnings: 'debt_bondage_earnings',
  meansThreats: 'threats',
  meansAbusePsyPhySex: 'abuse',
  meansFalsePromises: 'false_promises',
  meansDrugsAlcohol: 'drugs_alcohol',
  meansDenyBasicNeeds: 'deny_basic_needs',
  meansExcessiveWorkHours: 'excessive_work_hours',
  meansWithholdDocs: 'withhold_documents',
};

export const RECRUITER_FAMILIES: Record<string, string> = {
  recruiterRelationIntimatePartner: 'intimate_partner',
  recruiterRelationFriend: 'friend',
  recruiterRelationFamily: 'family',
  recruiterRelationOther: 'other',
};

/** CTDC form flags ↔ the TYPE_OF_EXPLOITATION code an imported flag becomes. */
export const FORM_FLAGS: Record<string, string> = {
  isForcedLabour: 'forced_labour',
  isSexualExploit: 'sexual_exploitation',
  isOtherExploit: 'other',
};

/** Sector flags (2024 names); `sectorOfLabour*` / `sectorOfSex*` are accepted as aliases. */
export const SECTOR_FLAGS: Record<string, string> = {
  typeOfLabourAgriculture: 'agriculture_forestry_fishing',
  typeOfLabourConstruction: 'construction',
  typeOfLabourDomesticWork: 'households_as_employers',
  typeOfLabourHospitality: 'accommodation_food_service',
};
export const SEX_TYPE_FLAGS: Record<string, string> = {
  typeOfSexProstitution: 'prostitution',
  typeOfSexPornography: 'pornography',
};

export const CTDC_GENDER: Record<string, string> = {
  Woman: 'female',
  Man: 'male',
  'Trans/Transgender/NonConforming': 'non_conforming',
};
export const CTDC_AGE_BANDS: Record<string, string> = {
  '0--8': 'age_0_8',
  '9--17': 'age_9_17',
  '18--20': 'age_18_20',
  '21--23': 'age_21_23',
  '24--26': 'age_24_26',
  '27--29': 'age_27_29',
  '30--38': 'age_30_38',
  '39--47': 'age_39_47',
  '48+': 'age_48_plus',
};
export const CTDC_DURATIONS = ['0--12 (0-1 yr)', '13--24 (1-2 yrs)', '25+ (2+ yrs)'] as const;

/** The 27 columns of the 2024 codebook, in its order. */
export const CTDC_COLUMNS = [
  'yearOfRegistration',
  'gender',
  'ageBroad',
  'citizenship',
  'CountryOfExploitation',
  'traffickMonths',
  ...Object.keys(MEANS_FAMILIES),
  ...Object.keys(FORM_FLAGS),
  ...Object.keys(SECTOR_FLAGS),
  ...Object.keys(SEX_TYPE_FLAGS),
  ...Object.keys(RECRUITER_FAMILIES),
] as const;

const invert = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));
const GENDER_TO_CTDC: Record<string, string> = {
  ...invert(CTDC_GENDER),
  transgender_female: 'Trans/Transgender/NonConforming',
  transgender_male: 'Trans/Transgender/NonConforming',
};
const AGE_TO_CTDC = invert(CTDC_AGE_BANDS);

/** The CTDC means families of a victim (from HTCDS means codes, or as imported). */
export function meansFamiliesOf(v: Pick<ImportedVictim, 'means' | 'meansFamilies'>): string[] {
  const families = new Set(v.meansFamilies);
  for (const code of v.means) {
    const column = toCtdc('means_of_control', code);
    if (column && MEANS_FAMILIES[column]) families.add(MEANS_FAMILIES[column]);
  }
  return [...families];
}

export function recruiterFamiliesOf(v: Pick<ImportedVictim, 'relationship' | 'recruiterFamilies'>): string[] {
  const families = new Set(v.recruiterFamilies);
  if (v.relationship) {
    const column = toCtdc('relationship_to_trafficker', v.relationship);
    if (column && RECRUITER_FAMILIES[column]) families.add(RECRUITER_FAMILIES[column]);
  }
  return [...families];
}

/** CTDC family of an exploitation form: forced_labour, sexual_exploitation or other. */
export function formFamilyOf(form: string): string {
  const column = toCtdc('type_of_exploitation', form);
  return column ? (FORM_FLAGS[column] ?? 'other') : 'other';
}

export function ageBandOf(v: Pick<ImportedVictim, 'ageBand' | 'age'>): string | null {
  if (v.ageBand) return v.ageBand;
  if (v.age === null) return null;
  return ageBand(v.age);
}

/** A canonical victim as a CTDC 2024 row (flags `1` or empty, missing values empty). */
export function toCtdcRow(v: ImportedVictim): Record<string, string> {
  const row: Record<string, string> = Object.fromEntries(CTDC_COLUMNS.map((c) => [c, '']));
  row.yearOfRegistration = v.year !== null ? String(v.year) : v.date ? v.date.slice(0, 4) : '';
  row.gender = v.sex ? (GENDER_TO_CTDC[v.sex] ?? '') : '';
  const band = ageBandOf(v);
  row.ageBroad = band ? (AGE_TO_CTDC[band] ?? '') : '';
  row.citizenship = v.citizenship[0] ?? '';
  row.CountryOfExploitation = v.countryOfExploitation ?? '';
  row.traffickMonths = v.duration ?? '';
  const set = (columns: Record<string, string>, codes: Iterable<string>) => {
    const wanted = new Set(codes);
    for (const [column, code] of Object.entries(columns)) if (wanted.has(code)) row[column] = '1';
  };
  set(MEANS_FAMILIES, meansFamiliesOf(v));
  set(FORM_FLAGS, v.forms.map(formFamilyOf));
  set(SECTOR_FLAGS, v.sectors);
  set(SEX_TYPE_FLAGS, v.sexTypes);
  set(RECRUITER_FAMILIES, recruiterFamiliesOf(v));
  return row;
}
