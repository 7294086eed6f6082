import type { FieldCipher } from '../../crypto/field-cipher.js';
import type { Executor } from '../../db/schema.js';
import type { CaseGrant, PersonGrant } from './case-access.js';
import { casePersonsRepo, casesRepo, personsRepo, type CasePersonRow } from './cases.repo.js';
import type { CasePersonView, CaseSummaryView, CaseView } from './cases.schemas.js';
import { duplicatesFor } from './identities.service.js';
import { parseJson } from './case-record.js';

// Rows become views here: sealed columns are opened only for those the grant lets read
// them, and person ids only for those who may reveal the person.

type ListRow = Awaited<ReturnType<typeof casesRepo.list>>[number];

export function presentCaseSummary(row: ListRow): CaseSummaryView {
  return {
    id: row.id,
    reference: row.reference,
    leadAgency: { id: row.lead_agency_id, code: row.lead_agency_code },
    origin: row.origin,
    stage: row.stage,
    reportDate: row.report_date,
    registrationDate: row.registration_date,
    exploitationTypes: parseJson<string[]>(row.exploitation_types),
    victims: Number(row.victims ?? 0),
    suspects: Number(row.suspects ?? 0),
    isMember: Number(row.is_member) === 1,
  };
}

type TimelineEntry = CaseView['timeline'][number];
type Records = {
  transitions: Awaited<ReturnType<typeof casesRepo.transitions>>;
  acts: Awaited<ReturnType<typeof casesRepo.judicialActs>>;
  qualifications: Awaited<ReturnType<typeof casesRepo.qualifications>>;
  documents: Awaited<ReturnType<typeof casesRepo.documents>>;
};
type TimelineRefs = {
  /** Opens a sealed column for those who may read the case's free text; null for others. */
  open(value: string | null, column: string): string | null;
  agency(id: string | null): { id: string; code: string } | null;
  user(id: string | null): string | null;
};

/** The case's history in the order it happened: by date, and entries of one day in the order recorded. */
export function presentTimeline(records: Records, refs: TimelineRefs): TimelineEntry[] {
  // Each entry with the moment it was recorded: entries of the same day keep the order they happened in.
  const entries: [string, TimelineEntry][] = [
    ...records.transitions.map((t): [string, TimelineEntry] => [
      t.recorded_at,
      {
        type: 'transition',
        id: t.id,
        at: t.decided_on,
        from: t.from_stage,
        to: t.to_stage,
        decidedBy: refs.agency(t.decided_by_agency_id),
        authority: t.authority,
        note: refs.open(t.note_enc, 'case_transitions.note'),
        recordedBy: refs.user(t.recorded_by),
      },
    ]),
    ...records.acts.map((a): [string, TimelineEntry] => [
      a.recorded_at,
      {
        type: 'judicial_act',
        id: a.id,
        at: a.act_date,
        kind: a.kind,
        authority: a.authority,
        description: refs.open(a.description_enc, 'judicial_acts.description'),
        recordedBy: refs.user(a.recorded_by),
      },
    ]),
    ...records.qualifications.flatMap((q): [string, TimelineEntry][] => [
      [
        q.added_at,
        {
          type: 'qualification',
          id: q.id,
          at: q.added_at.slice(0, 10),
          code: q.code,
          change: 'added',
          stage: q.stage,
        },
      ],
      ...(q.removed_at
        ? [
            [
              q.removed_at,
              {
                type: 'qualification',
                id: q.id,
                at: q.removed_at.slice(0, 10),
                code: q.code,
                change: 'removed',
                stage: q.removed_stage ?? q.stage,
              },
            ] satisfies [string, TimelineEntry],
          ]
        : []),
    ]),
    ...records.documents.map((d): [string, TimelineEntry] => [
      d.recorded_at,
      {
        type: 'document',
        id: d.id,
        at: d.document_date ?? d.recorded_at.slice(0, 10),
        kind: d.kind,
        title: refs.open(d.title_enc, 'case_documents.title'),
        reference: d.reference,
        issuedBy: refs.agency(d.issuing_agency_id),
      },
    ]),
  ];
  return entries
    .sort(([recordedA, a], [recordedB, b]) => a.at.localeCompare(b.at) || recordedA.localeCompare(recordedB))
    .map(([, entry]) => entry);
}

function presentRoleFacts(row: CasePersonRow): Pick<CasePersonView, 'victim' | 'suspect'> {
  return {
    victim:
      row.role === 'victim'
        ? {
            traffickingStatus: row.trafficking_status,
            statusDecidedBy: row.status_decided_by,
            statusDecidedOn: row.status_decided_on,
            recruitmentMethod: row.recruitment_method,
            meansOfControl: parseJson(row.means_of_control),
            exploitationTypes: parseJson(row.exploitation_types),
            sexExploitationTypes: parseJson(row.sex_exploitation_types),
            labourSector: row.labour_sector,
            ageWhenTrafficked: row.age_when_trafficked,
            relationshipToTrafficker: row.relationship_to_trafficker,
            migrationStatus: row.migration_status,
          }
        : null,
    suspect:
      row.role === 'suspect'
        ? {
            rolesInProcess: parseJson(row.roles_in_process),
            charges: parseJson(row.charges),
            verdict: row.verdict,
            verdictDate: row.verdict_date,
            sentenceMonths: row.sentence_months,
            suspended: row.sentence_suspended === null ? null : row.sentence_suspended === 1,
            fineAmount: row.fine_amount,
            confiscation: row.confiscation,
            compensationAmount: row.compensation_amount,
          }
        : null,
  };
}

/**
 * People of a case as the viewer may see them: person ids, notes and probable duplicates
 * only for those who may reveal the person (an id links a person across cases).
 */
export async function presentCasePeople(
  db: Executor,
  cipher: FieldCipher,
  rows: CasePersonRow[],
  viewer: CaseGrant | PersonGrant,
): Promise<CasePersonView[]> {
  const reveals = 'leadAgencyId' in viewer ? viewer.can.revealPeople : viewer.can.reveal;
  const events = await casePersonsRepo.events(
    db,
    rows.map((r) => r.id),
  );
  const views: CasePersonView[] = [];
  for (const row of rows) {
    const person = await personsRepo.get(db, row.person_id);
    if (!person) continue;
    const duplicates = reveals ? await duplicatesFor(db, viewer.actor, person) : null;
    views.push({
      id: row.id,
      caseId: row.case_id,
      role: row.role,
      person: {
        id: reveals ? person.id : null,
        pseudonym: person.pseudonym,
        gender: person.gender,
        citizenship: parseJson(person.citizenship),
        version: person.version,
      },
      ...presentRoleFacts(row),
      historicEvents: events
        .filter((e) => e.case_person_id === row.id)
        .map((e) => ({
          id: e.id,
          type: e.type,
          country: e.country,
          locality: e.locality,
          startDate: e.start_date,
          endDate: e.end_date,
          note: reveals ? cipher.decryptOptional(e.note_enc, 'historic_events.note') : null,
        })),
      probableDuplicates: duplicates?.visible ?? [],
      duplicateOutsideYourCases: duplicates?.outside ?? null,
      version: row.version,
    });
  }
  return views;
}
