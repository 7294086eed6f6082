import { z } from 'zod';
import { caseRoles, documentKinds, judicialActKinds, verdicts } from '../../core/cases/case-records.js';
import { caseStages } from '../../core/cases/case-stages.js';
import { codeList, type CodeListId } from '../../core/vocabularies/code-list.registry.js';
import { Id, Version } from '../access/access.schemas.js';
import { AgencyRef, Text } from '../shared.schemas.js';
import { isOnOrAfterEarliestDate } from '../../core/dates.js';
import { SafeName } from '../../core/text.js';

/** A value of a code list: an unknown code is a field error naming the field. */
export function code(listId: CodeListId) {
  const codes = codeList(listId).codes.map((c) => c.code) as [string, ...string[]];
  return z.enum(codes);
}

export const IsoDate = z.iso.date().refine(isOnOrAfterEarliestDate, 'before_1900');
export const Country = z.string().regex(/^[A-Z]{3}$/, 'country_code');

export const Place = z.strictObject({ country: Country, locality: z.string().trim().max(200).optional() });

export const CaseStage = z.enum(caseStages);

export const CaseCreate = z.strictObject({
  leadAgencyId: Id.optional(),
  origin: code('case_origin'),
  factsDate: IsoDate.optional(),
  reportDate: IsoDate,
  registrationDate: IsoDate.optional(),
  places: z.array(Place).max(20).default([]),
  exploitationTypes: z.array(code('type_of_exploitation')).max(20).default([]),
  sectors: z.array(code('forced_labour_industry')).max(21).default([]),
  qualifications: z.array(z.string().min(1).max(64)).max(20).default([]),
  participatingAgencyIds: z.array(Id).max(30).default([]),
  summary: Text(20_000).optional(),
});
export type CaseCreate = z.infer<typeof CaseCreate>;

export const CaseUpdate = z.strictObject({
  version: Version,
  origin: code('case_origin').optional(),
  factsDate: IsoDate.nullable().optional(),
  reportDate: IsoDate.optional(),
  places: z.array(Place).max(20).optional(),
  exploitationTypes: z.array(code('type_of_exploitation')).max(20).optional(),
  sectors: z.array(code('forced_labour_industry')).max(21).optional(),
  summary: Text(20_000).nullable().optional(),
});
export type CaseUpdate = z.infer<typeof CaseUpdate>;

export const TransitionBody = z.strictObject({
  version: Version,
  to: CaseStage,
  decidedOn: IsoDate,
  decidedByAgencyId: Id.optional(),
  authority: Text(300).optional(),
  note: Text(5000).optional(),
});
export type TransitionBody = z.infer<typeof TransitionBody>;

export const QualificationChange = z.strictObject({
  version: Version,
  add: z.array(z.string().min(1).max(64)).max(20).default([]),
  remove: z.array(z.string().min(1).max(64)).max(20).default([]),
  note: Text(2000).optional(),
});
export type QualificationChange = z.infer<typeof QualificationChange>;

export const JudicialActBody = z.strictObject({
  kind: z.enum(judicialActKinds),
  authority: Text(300),
  actDate: IsoDate,
  description: Text(5000).optional(),
});
export type JudicialActBody = z.infer<typeof JudicialActBody>;

export const DocumentBody = z.strictObject({
  kind: z.enum(documentKinds),
  title: Text(500),
  documentDate: IsoDate.optional(),
  issuingAgencyId: Id.optional(),
  reference: Text(100).optional(),
});
export type DocumentBody = z.infer<typeof DocumentBody>;

export const QualificationView = z.object({
  id: Id,
  code: z.string(),
  stage: CaseStage,
  addedAt: z.string(),
  removedAt: z.string().nullable(),
  removedStage: CaseStage.nullable(),
});

export const TimelineEntry = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('transition'),
    id: Id,
    at: z.string(),
    from: CaseStage.nullable(),
    to: CaseStage,
    decidedBy: AgencyRef.nullable(),
    authority: z.string().nullable(),
    note: z.string().nullable(),
    recordedBy: z.string().nullable(),
  }),
  z.object({
    type: z.literal('judicial_act'),
    id: Id,
    at: z.string(),
    kind: z.enum(judicialActKinds),
    authority: z.string(),
    description: z.string().nullable(),
    recordedBy: z.string().nullable(),
  }),
  z.object({
    type: z.literal('qualification'),
    id: Id,
    at: z.string(),
    code: z.string(),
    change: z.enum(['added', 'removed']),
    stage: CaseStage,
  }),
  z.object({
    type: z.literal('document'),
    id: Id,
    at: z.string(),
    kind: z.enum(documentKinds),
    /** Withheld (null) from those who do not work the case: titles often name people. */
    title: z.string().nullable(),
    reference: z.string().nullable(),
    issuedBy: AgencyRef.nullable(),
  }),
]);

export const CaseSummaryView = z.object({
  id: Id,
  reference: z.string(),
  leadAgency: AgencyRef,
  origin: z.string(),
  stage: CaseStage,
  reportDate: z.string(),
  registrationDate: z.string(),
  exploitationTypes: z.array(z.string()),
  victims: z.number().int(),
  suspects: z.number().int(),
  /** Whether the viewer works the case (is one of its members). */
  isMember: z.boolean(),
});
export type CaseSummaryView = z.infer<typeof CaseSummaryView>;

export const CaseList = z.object({ items: z.array(CaseSummaryView), nextCursor: z.string().nullable() });

export const CaseListQuery = z.strictObject({
  stage: CaseStage.optional(),
  agencyId: Id.optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  exploitationType: code('type_of_exploitation').optional(),
  reference: z.string().trim().max(64).optional(),
  name: z.string().trim().min(2).max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

const VictimFields = {
  traffickingStatus: code('trafficking_status').nullable(),
  statusDecidedBy: code('trafficking_status_decided_by').nullable(),
  statusDecidedOn: IsoDate.nullable(),
  recruitmentMethod: code('method_of_recruitment').nullable(),
  meansOfControl: z.array(code('means_of_control')).max(30),
  exploitationTypes: z.array(code('type_of_exploitation')).max(20),
  sexExploitationTypes: z.array(code('type_of_sex_exploitation')).max(10),
  labourSector: code('forced_labour_industry').nullable(),
  ageWhenTrafficked: z.number().int().min(0).max(120).nullable(),
  relationshipToTrafficker: code('relationship_to_trafficker').nullable(),
  migrationStatus: code('migration_status').nullable(),
};
const SuspectFields = {
  rolesInProcess: z.array(code('role_in_process')).max(20),
  charges: z.array(z.string().min(1).max(64)).max(20),
};

export const VictimInput = z.strictObject(VictimFields).partial();
export const SuspectInput = z.strictObject(SuspectFields).partial();

export const IdentityInput = z.strictObject({
  givenNames: SafeName(200).nullable().optional(),
  familyName: SafeName(200).nullable().optional(),
  identityNumber: Text(100).nullable().optional(),
  birthDate: IsoDate.nullable().optional(),
  contacts: Text(2000).nullable().optional(),
  address: Text(2000).nullable().optional(),
  notes: Text(20_000).nullable().optional(),
});
export type IdentityInput = z.infer<typeof IdentityInput>;

export const PersonInput = IdentityInput.extend({
  gender: code('gender').nullable().optional(),
  citizenship: z.array(Country).max(5).default([]),
});
export type PersonInput = z.infer<typeof PersonInput>;

export const AddCasePerson = z.strictObject({
  role: z.enum(caseRoles),
  personId: Id.optional(),
  person: PersonInput.optional(),
  victim: VictimInput.optional(),
  suspect: SuspectInput.optional(),
});
export type AddCasePerson = z.infer<typeof AddCasePerson>;

export const UpdateCasePerson = z.strictObject({
  version: Version,
  gender: code('gender').nullable().optional(),
  citizenship: z.array(Country).max(5).optional(),
  victim: VictimInput.optional(),
  suspect: SuspectInput.optional(),
});
export type UpdateCasePerson = z.infer<typeof UpdateCasePerson>;

export const UpdateIdentity = IdentityInput.extend({ version: Version });
export type UpdateIdentity = z.infer<typeof UpdateIdentity>;

export const VerdictBody = z.strictObject({
  version: Version,
  verdict: z.enum(verdicts),
  verdictDate: IsoDate,
  sentenceMonths: z.number().int().nullable().optional(),
  suspended: z.boolean().nullable().optional(),
  fineAmount: z.number().int().nullable().optional(),
  confiscation: Text(1000).nullable().optional(),
  compensationAmount: z.number().int().nullable().optional(),
});
export type VerdictBody = z.infer<typeof VerdictBody>;

export const HistoricEventBody = z.strictObject({
  type: code('historic_event_type'),
  country: Country.optional(),
  locality: z.string().trim().max(200).optional(),
  startDate: IsoDate.optional(),
  endDate: IsoDate.optional(),
  note: Text(5000).optional(),
});
export type HistoricEventBody = z.infer<typeof HistoricEventBody>;

export const HistoricEventView = z.object({
  id: Id,
  type: z.string(),
  country: z.string().nullable(),
  locality: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  note: z.string().nullable(),
});

export const CasePersonView = z.object({
  id: Id,
  caseId: Id,
  role: z.enum(caseRoles),
  person: z.object({
    /** Withheld (null) from those who cannot see the person's identity: an id links a person across cases. */
    id: Id.nullable(),
    pseudonym: z.string(),
    gender: z.string().nullable(),
    citizenship: z.array(z.string()),
    /** The person record's version, which identity corrections are made against. */
    version: z.number().int(),
  }),
  victim: z.object(VictimFields).nullable(),
  suspect: z
    .object({
      ...SuspectFields,
      verdict: z.enum(verdicts).nullable(),
      verdictDate: z.string().nullable(),
      sentenceMonths: z.number().nullable(),
      suspended: z.boolean().nullable(),
      fineAmount: z.number().nullable(),
      confiscation: z.string().nullable(),
      compensationAmount: z.number().nullable(),
    })
    .nullable(),
  historicEvents: z.array(HistoricEventView),
  /** Probable duplicates the viewer may see (people of cases whose identities the viewer can reveal). */
  probableDuplicates: z.array(z.object({ personId: Id, pseudonym: z.string() })),
  /**
   * A probable duplicate in a case the viewer cannot see: only that one exists and which
   * agencies lead the cases holding it, to ask; never who, where or in which role.
   */
  duplicateOutsideYourCases: z.object({ ask: z.array(z.object({ id: Id, code: z.string() })) }).nullable(),
  version: z.number().int(),
});
export type CasePersonView = z.infer<typeof CasePersonView>;

export const IdentityView = z.object({
  personId: Id,
  pseudonym: z.string(),
  version: z.number().int(),
  givenNames: z.string().nullable(),
  familyName: z.string().nullable(),
  identityNumber: z.string().nullable(),
  birthDate: z.string().nullable(),
  contacts: z.string().nullable(),
  address: z.string().nullable(),
  notes: z.string().nullable(),
});
export type IdentityView = z.infer<typeof IdentityView>;

export const CaseView = z.object({
  id: Id,
  reference: z.string(),
  leadAgency: AgencyRef,
  participatingAgencies: z.array(AgencyRef),
  origin: z.string(),
  factsDate: z.string().nullable(),
  reportDate: z.string(),
  registrationDate: z.string(),
  places: z.array(z.object({ country: z.string(), locality: z.string().optional() })),
  exploitationTypes: z.array(z.string()),
  sectors: z.array(z.string()),
  stage: CaseStage,
  /** When the stage change was recorded (an instant). */
  stageChangedAt: z.string(),
  /** The date of the decision that brought the case to its stage: what "since" means on the case page. */
  stageDecidedOn: z.string(),
  allowedNextStages: z.array(CaseStage),
  qualifications: z.array(QualificationView),
  summary: z.string().nullable(),
  members: z.array(z.object({ userId: Id, name: z.string(), agencyCode: z.string() })),
  isMember: z.boolean(),
  /** What the viewer may do on this case, decided by the server (docs/access.md). */
  can: z.object({
    read: z.boolean(),
    readText: z.boolean(),
    update: z.boolean(),
    transition: z.boolean(),
    workPeople: z.boolean(),
    revealPeople: z.boolean(),
    manageMembers: z.boolean(),
    protectionRead: z.boolean(),
    protectionWrite: z.boolean(),
  }),
  /** Free text (summary, notes, document titles) is withheld from those who do not work the case. */
  textWithheld: z.boolean(),
  people: z.array(CasePersonView),
  timeline: z.array(TimelineEntry),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseView = z.infer<typeof CaseView>;

export const CaseIdParams = z.strictObject({ id: Id });

/** Why an identity is looked at: recorded with every reveal. */
export const revealPurposes = [
  'casework',
  'victim_support',
  'investigation',
  'prosecution',
  'identity_correction',
  'duplicate_check',
] as const;
export const RevealBody = z.strictObject({ purpose: z.enum(revealPurposes) });
export type RevealBody = z.infer<typeof RevealBody>;
export type RevealPurpose = RevealBody['purpose'];

export const PersonAbilitiesView = z.object({
  view: z.boolean(),
  reveal: z.boolean(),
  editIdentity: z.boolean(),
  update: z.boolean(),
  protectionRead: z.boolean(),
  protectionWrite: z.boolean(),
});

/** One person of a case as the viewer may see them, with the case's reference: for referral recipients too. */
export const CasePersonPage = z.object({
  /** The person's case; `readable` when the viewer may also open it. */
  case: z.object({ id: Id, reference: z.string(), leadAgency: AgencyRef, readable: z.boolean() }),
  person: CasePersonView,
  via: z.enum(['member', 'referral', 'case']),
  can: PersonAbilitiesView,
});
export type CasePersonPage = z.infer<typeof CasePersonPage>;

/** Asking the members of a case that holds a person to link the person into one's own case. */
export const LinkRequestBody = z.strictObject({
  sourceCasePersonId: Id,
  role: z.enum(caseRoles),
});
export type LinkRequestBody = z.infer<typeof LinkRequestBody>;
export const LinkRequestStatus = z.enum(['pending', 'approved', 'refused']);
export const LinkRequestView = z.object({
  id: Id,
  status: LinkRequestStatus,
  role: z.enum(caseRoles),
  source: z.object({ caseId: Id, reference: z.string(), casePersonId: Id, pseudonym: z.string() }),
  target: z.object({ caseId: Id, reference: z.string(), leadAgency: AgencyRef }),
  requestedBy: z.object({ id: Id, name: z.string() }).nullable(),
  requestedAt: z.string(),
  decidedBy: z.object({ id: Id, name: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  /** The case person created in the requesting case on approval. */
  casePersonId: Id.nullable(),
});
export type LinkRequestView = z.infer<typeof LinkRequestView>;
export const LinkRequestList = z.object({
  incoming: z.array(LinkRequestView),
  outgoing: z.array(LinkRequestView),
});
export const LinkRequestParams = z.strictObject({ requestId: Id });

/** Probable duplicates across cases, for the secretariat: pseudonyms and cases, never names. */
export const DuplicateFlagView = z.object({
  id: Id,
  status: z.enum(['open', 'distinct', 'same']),
  people: z.array(
    z.object({
      pseudonym: z.string(),
      cases: z.array(z.object({ caseId: Id, reference: z.string(), leadAgency: AgencyRef })),
    }),
  ),
  flaggedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export const DuplicateResolution = z.strictObject({ status: z.enum(['distinct', 'same']) });
export const DuplicateParams = z.strictObject({ flagId: Id });
export const CasePersonParams = z.strictObject({ id: Id, casePersonId: Id });
export const MemberBody = z.strictObject({ userId: Id });
export const MemberParams = z.strictObject({ id: Id, userId: Id });
export const AgencyBody = z.strictObject({ agencyId: Id });

export const LegalQualificationView = z.object({
  code: z.string(),
  law: z.string(),
  article: z.string(),
  labels: z.object({ en: z.string(), 'zh-Hant': z.string(), pt: z.string() }),
  trafficking: z.boolean(),
  active: z.boolean(),
});

export type PersonView = z.infer<typeof PersonView>;
export const PersonView = z.object({
  id: Id,
  pseudonym: z.string(),
  gender: z.string().nullable(),
  citizenship: z.array(z.string()),
  cases: z.array(
    z.object({
      caseId: Id,
      reference: z.string(),
      role: z.enum(caseRoles),
      casePersonId: Id,
      stage: CaseStage,
    }),
  ),
});
