import {
  ageBandOf,
  formFamilyOf,
  meansFamiliesOf,
  recruiterFamiliesOf,
  type ImportedVictim,
} from '../../core/statistics/ctdc.js';
import { ageBand } from '../../core/vocabularies/person.codes.js';
import type { Executor } from '../../db/schema.js';
import { indicatorSourcesRepo as repo } from './indicator-sources.repo.js';
import type { DimValue, Fact, KindSpec } from './indicators.js';
import type { Dimension, RecordKind } from './statistics.schemas.js';

// Where each record kind's facts come from. A kind plugs in by registering its spec (what it can
// be broken down by) and a loader of its facts for a set of cases; the coordination module's
// activities register the same way when they land (`registerKind`).

// A victim may hold several of each of these (two nationalities, forms, sectors …).
const victimMultiValued: readonly Dimension[] = [
  'nationality',
  'countryOfExploitation',
  'form',
  'formFamily',
  'sector',
  'sexType',
  'means',
  'recruiter',
];
const victimSpec: KindSpec = {
  kind: 'victim',
  dimensions: ['sex', 'ageBand', 'ageGroup', ...victimMultiValued, 'duration', 'stage', 'agency'],
  multiValued: victimMultiValued,
  measure: null,
  // importedFact gives neither: an imported row is no case of an agency.
  importedWithout: ['stage', 'agency'],
};
const personSpec = (kind: RecordKind): KindSpec => ({
  kind,
  dimensions: ['sex', 'ageBand', 'ageGroup', 'nationality', 'stage', 'agency'],
  multiValued: ['nationality'],
  measure: null,
});

export const kindSpecs = new Map<RecordKind, KindSpec>([
  ['victim', victimSpec],
  [
    'case',
    {
      kind: 'case',
      dimensions: ['form', 'formFamily', 'sector', 'stage', 'agency'],
      multiValued: ['form', 'formFamily', 'sector'],
      measure: null,
    },
  ],
  ['suspect', personSpec('suspect')],
  ['prosecution', personSpec('prosecution')],
  ['conviction', personSpec('conviction')],
  [
    'sentence',
    {
      kind: 'sentence',
      dimensions: ['sex', 'nationality', 'suspended', 'sentenceBand', 'agency'],
      multiValued: ['nationality'],
      measure: 'sentenceMonths',
    },
  ],
  ['service', { kind: 'service', dimensions: ['kind', 'agency'], multiValued: [], measure: null }],
  [
    'referral',
    { kind: 'referral', dimensions: ['kind', 'status', 'agency'], multiValued: [], measure: null },
  ],
]);

/** Loads the facts of a kind for some cases (null = all), from Guia's own records. */
export type FactLoader = (db: Executor, caseIds: readonly string[] | null) => Promise<Fact[]>;
const loaders: FactLoader[] = [caseFacts];

/** How another module's records join the engine: its spec and the loader of its facts. */
export function registerKind(spec: KindSpec, loader: FactLoader): void {
  kindSpecs.set(spec.kind, spec);
  loaders.push(loader);
}

export async function guiaFacts(db: Executor, caseIds: readonly string[] | null): Promise<Fact[]> {
  const facts: Fact[] = [];
  for (const load of loaders) facts.push(...(await load(db, caseIds)));
  return facts;
}

const json = (text: string): string[] => {
  const parsed = JSON.parse(text) as unknown;
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
};
const orNull = (v: string | null | undefined): DimValue[] => (v ? [v] : []);
const sexOf = (gender: string | null): DimValue[] => (gender && gender !== 'unknown' ? [gender] : []);

/** Sentence length bands (months): under 1 year, 1–3, 3–5, 5–10, 10 years or more. */
export function sentenceBand(months: number): string {
  if (months < 12) return 'under_1y';
  if (months < 36) return '1_3y';
  if (months < 60) return '3_5y';
  if (months < 120) return '5_10y';
  return '10y_plus';
}

/** CTDC's traffickMonths band of an exploitation span. */
export function durationBand(start: string, end: string): string {
  const months =
    (Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 +
    Number(end.slice(5, 7)) -
    Number(start.slice(5, 7));
  if (months <= 12) return '0--12 (0-1 yr)';
  if (months <= 24) return '13--24 (1-2 yrs)';
  return '25+ (2+ yrs)';
}

type CaseRow = Awaited<ReturnType<typeof repo.cases>>[number];
type PersonRow = Awaited<ReturnType<typeof repo.casePersons>>[number];
type EventRow = Awaited<ReturnType<typeof repo.exploitationEvents>>[number];

function base(kind: RecordKind, recordId: string, caseId: string, date: string | null): Fact {
  return { kind, recordId, caseId, source: 'guia', date, year: null, measure: 0, dims: {} };
}

function victimFact(p: PersonRow, c: CaseRow, events: EventRow[]): Fact {
  const forms = json(p.exploitation_types).length ? json(p.exploitation_types) : json(c.exploitation_types);
  const spans = events.filter((e) => e.start_date && e.end_date);
  const start = spans.map((e) => e.start_date!).sort()[0];
  const end = spans
    .map((e) => e.end_date!)
    .sort()
    .at(-1);
  const means = json(p.means_of_control);
  return {
    ...base('victim', p.id, c.id, c.registration_date),
    dims: {
      sex: sexOf(p.gender),
      ageBand: orNull(p.age_when_trafficked === null ? null : ageBand(p.age_when_trafficked)),
      nationality: json(p.citizenship),
      countryOfExploitation: [...new Set(events.map((e) => e.country).filter((x): x is string => !!x))],
      form: forms,
      formFamily: [...new Set(forms.map(formFamilyOf))],
      sector: orNull(p.labour_sector),
      sexType: json(p.sex_exploitation_types),
      means: meansFamiliesOf({ means, meansFamilies: [] }),
      recruiter: recruiterFamiliesOf({ relationship: p.relationship_to_trafficker, recruiterFamilies: [] }),
      duration: orNull(start && end ? durationBand(start, end) : null),
      stage: [c.stage],
      agency: [c.agency],
    },
  };
}

function personDims(p: PersonRow, c: CaseRow): Fact['dims'] {
  return {
    sex: sexOf(p.gender),
    ageBand: orNull(p.age_when_trafficked === null ? null : ageBand(p.age_when_trafficked)),
    nationality: json(p.citizenship),
    stage: [c.stage],
    agency: [c.agency],
  };
}

/** The suspect, prosecution, conviction and sentence facts of one suspect. */
function suspectFacts(p: PersonRow, c: CaseRow, chargedOn: string | undefined): Fact[] {
  const facts: Fact[] = [{ ...base('suspect', p.id, c.id, c.registration_date), dims: personDims(p, c) }];
  if (json(p.charges).length > 0)
    facts.push({
      ...base('prosecution', p.id, c.id, chargedOn ?? c.registration_date),
      dims: personDims(p, c),
    });
  if (p.verdict === 'convicted') {
    const date = p.verdict_date ?? c.registration_date;
    facts.push({ ...base('conviction', p.id, c.id, date), dims: personDims(p, c) });
    if (p.sentence_months !== null)
      facts.push({
        ...base('sentence', p.id, c.id, date),
        measure: p.sentence_months,
        dims: {
          sex: sexOf(p.gender),
          nationality: json(p.citizenship),
          suspended: orNull(p.sentence_suspended === null ? null : p.sentence_suspended ? 'yes' : 'no'),
          sentenceBand: [sentenceBand(p.sentence_months)],
          agency: [c.agency],
        },
      });
  }
  return facts;
}

/** Every fact Guia's case records give for the cases (victims, suspects, cases, services, referrals). */
async function caseFacts(db: Executor, caseIds: readonly string[] | null): Promise<Fact[]> {
  const cases = new Map((await repo.cases(db, caseIds)).map((c) => [c.id, c]));
  const events = new Map<string, EventRow[]>();
  for (const e of await repo.exploitationEvents(db, caseIds))
    events.set(e.case_person_id, [...(events.get(e.case_person_id) ?? []), e]);
  const charged = new Map(
    (await repo.chargedOn(db, caseIds)).map((r) => [r.case_id, r.decided_on as string]),
  );
  const facts: Fact[] = [];
  for (const c of cases.values())
    facts.push({
      ...base('case', c.id, c.id, c.registration_date),
      dims: {
        form: json(c.exploitation_types),
        formFamily: [...new Set(json(c.exploitation_types).map(formFamilyOf))],
        sector: json(c.sectors),
        stage: [c.stage],
        agency: [c.agency],
      },
    });
  for (const p of await repo.casePersons(db, caseIds)) {
    const c = cases.get(p.case_id)!;
    if (p.role === 'victim') facts.push(victimFact(p, c, events.get(p.id) ?? []));
    if (p.role === 'suspect') facts.push(...suspectFacts(p, c, charged.get(c.id)));
  }
  for (const s of await repo.services(db, caseIds))
    facts.push({
      ...base('service', s.id, s.case_id, s.start_date),
      dims: { kind: [s.kind], agency: orNull(s.agency) },
    });
  for (const r of await repo.referrals(db, caseIds))
    facts.push({
      ...base('referral', r.id, r.case_id, r.sent_on),
      dims: { kind: [r.service_kind], status: [r.status], agency: [r.agency] },
    });
  return facts;
}

/** The fact of an imported victim row (tagged with its dataset, no case). */
export function importedFact(dataset: string, rowNo: number, v: ImportedVictim): Fact {
  return {
    kind: 'victim',
    recordId: `${dataset}#${rowNo}`,
    caseId: null,
    source: dataset,
    date: v.date,
    year: v.year,
    measure: 0,
    dims: {
      sex: sexOf(v.sex),
      ageBand: orNull(ageBandOf(v)),
      nationality: v.citizenship,
      countryOfExploitation: orNull(v.countryOfExploitation),
      form: v.forms,
      formFamily: [...new Set(v.forms.map(formFamilyOf))],
      sector: v.sectors,
      sexType: v.sexTypes,
      means: meansFamiliesOf(v),
      recruiter: recruiterFamiliesOf(v),
      duration: orNull(v.duration),
    },
  };
}
