import type { caseRoles, documentKinds, judicialActKinds, verdicts } from '../../core/cases/case-records.js';
import type { caseStages } from '../../core/cases/case-stages.js';
import type { Language } from '../../core/languages.js';
import type { RoleId } from '../../core/permissions.js';
import type { DIMENSIONS, LIST_IDS } from '../../core/screening/indicator-catalogue.js';
import type { DataRequester, DataRequestKind, DataRequestRefusal, DB } from '../../db/schema.js';
import type { IdentityInput, RevealPurpose, UpdateIdentity } from '../cases/cases.schemas.js';
import type { ServiceUpdate, SupportPlanUpdate } from '../protection/protection.schemas.js';
import type { ProgressUpdate, TaskUpdate } from '../coordination/plan.schemas.js';
import type {
  AssessmentUpdate,
  ClaimUpdate,
  RecommendationUpdate,
  SubmissionUpdate,
} from '../assessments/assessments.schemas.js';
import type {
  AccountEmail,
  CaseReference,
  Code,
  CodesJson,
  HttpMethod,
  Id,
  IsoDate,
  Label,
  Pseudonym,
  Route,
  Timestamp,
  TrailPosition,
} from './audit-values.js';
import type { Changes } from './changed-fields.js';
import type { RejectionSummary } from './rejection-tally.js';

// The closed list of what the audit trail records. Adding a capability adds its events here,
// and its entity type and summary to `AuditEvents` below.
export const auditActions = [
  'instance.initialised',
  'audit.chain_keyed',
  'auth.signed_in',
  'auth.sign_in_failed',
  'auth.locked',
  'auth.second_factor_failed',
  'auth.signed_out',
  'auth.signed_out_everywhere',
  'auth.session_rejected',
  'auth.csrf_failed',
  'auth.permission_denied',
  'account.password_changed',
  'account.language_changed',
  'account.two_factor_setup_started',
  'account.two_factor_enrolled',
  'account.two_factor_disabled',
  'account.recovery_code_used',
  'agency.created',
  'agency.updated',
  'user.created',
  'user.updated',
  'user.disabled',
  'user.enabled',
  'user.password_reset',
  'legal_qualification.created',
  'legal_qualification.updated',
  'case.created',
  'case.updated',
  'case.transitioned',
  'case.qualification_added',
  'case.qualification_removed',
  'case.judicial_act_recorded',
  'case.agency_added',
  'case.member_added',
  'case.member_removed',
  'case.document_added',
  'person.created',
  'person.updated',
  'person.identity_revealed',
  'case_person.added',
  'case_person.updated',
  'case_person.verdict_recorded',
  'historic_event.added',
  'screening.recorded',
  'consent.recorded',
  'consent.withdrawn',
  'referral.sent',
  'referral.sent_without_consent',
  'referral.accepted',
  'referral.declined',
  'referral.completed',
  'service.recorded',
  'service.updated',
  'support_plan.created',
  'support_plan.updated',
  // Need-to-know (docs/access.md)
  'case.text_read',
  'case.agency_left',
  'case.name_searched',
  'case.transition_refused',
  'person.duplicate_flagged',
  'duplicate.resolved',
  // Retention and data-subject requests (issue 11)
  'person.identity_erased',
  'retention.run',
  'data_request.recorded',
  'data_request.refused',
  'data_request.carried_out',
  'link_request.created',
  'link_request.approved',
  'link_request.refused',
  'person_grant.granted',
  'protection.notes_read',
  // Notifications and the daily digest (issue 7)
  'notification.read',
  'digest.sent',
  // The action plan (issue 7)
  'plan.created',
  'plan.imported',
  'objective.created',
  'task.created',
  'task.updated',
  'progress.drafted',
  'progress.updated',
  'progress.submitted',
  'progress.validated',
  'progress.returned',
  'progress.evidence_added',
  'corrective_action.created',
  'corrective_action.completed',
  // Meetings, activity figures, cooperation (issue 7)
  'meeting_group.created',
  'meeting_group.updated',
  'meeting.created',
  'meeting.updated',
  'decision.recorded',
  'decision.updated',
  'decision.task_created',
  'activity.reported',
  'cooperation.recorded',
  'cooperation.updated',
  'cooperation.case_linked',
  // External assessments (issue 9)
  'assessment.source_created',
  'assessment.created',
  'assessment.updated',
  'assessment.split_saved',
  'assessment.claim_updated',
  'assessment.evidence_added',
  'assessment.evidence_removed',
  'assessment.indicium_updated',
  'assessment.response_text_saved',
  'recommendation.updated',
  'recommendation.status_changed',
  'data_submission.recorded',
  'data_submission.updated',
  'data_submission.file_added',
  // Publication of statistics (issue 8)
  'publication.rule_set_created',
  'publication.released',
  'statistics.dataset_imported',
  'statistics.exported',
  // Print and export (issue 12)
  'export.cases',
  'export.referrals',
  'export.audit',
  'case.summary_printed',
  // Handover, journal and attachments (issue 12)
  'referral.assigned',
  'person_grant.revoked',
  'journal.note_added',
  'journal.read',
  'attachment.added',
  'attachment.downloaded',
  'person.summary_printed',
] as const;

export type AuditAction = (typeof auditActions)[number];

/** The kinds of record an entry may be about. */
export type EntityType =
  | 'agency'
  | 'case'
  | 'case_person'
  | 'consent'
  | 'duplicate'
  | 'legal_qualification'
  | 'link_request'
  | 'member'
  | 'person'
  | 'referral'
  | 'route'
  | 'screening'
  | 'service'
  | 'session'
  | 'support_plan'
  | 'user'
  | 'plan'
  | 'objective'
  | 'task'
  | 'progress'
  | 'corrective_action'
  | 'meeting_group'
  | 'meeting'
  | 'decision'
  | 'activity_report'
  | 'cooperation_exchange'
  | 'assessment_source'
  | 'assessment'
  | 'recommendation'
  | 'assessment_claim'
  | 'data_submission'
  | 'rule_set'
  | 'statistical_release'
  | 'dataset'
  | 'data_request';

type CaseStage = (typeof caseStages)[number];
type CaseRole = (typeof caseRoles)[number];

/**
 * One action's entry: the kind of record it is about (`null`: none; `X | null`: X when there
 * is one) and the exact shape of its summary (`null`: none). Summary values are the kinds of
 * audit-values.ts, numbers, booleans and literal unions, never `string`: so a summary that
 * could carry a name, a note or a reason in words does not type-check.
 */
type Event<E extends EntityType | null, S extends object | null> = { entity: E; summary: S };

type ExportFormat = 'csv' | 'xlsx';
type Victim = { caseId: Id; casePersonId: Id };
type ProgressOf = { taskId: Id; agencyId: Id; period: Code };
/** The fields an update carried (never their values), named by the keys of its input type. */
type Fields<Input> = Exclude<keyof Input & string, 'version'>[];
type Refusal = Event<EntityType | null, { permission: Code; method: HttpMethod; route: Route }>;
type UserChange = Event<
  'user',
  Changes<{ language: Language; agency_id: Id; active: number }, 'name'> & {
    roles?: { from: readonly Code[]; to: readonly Code[] };
  }
>;
type LinkDecision = Event<'case', { linkRequestId: Id; sourceCaseId: Id; pseudonym: Pseudonym }>;
type ReferralSent = Event<
  'referral',
  Victim & { toAgencyId: Id; serviceKind: Code; reason: Code } & (
      { consentId: Id } | { consentOverride: true }
    )
>;
type ReferralAnswered = Event<'referral', Victim & { toAgencyId: Id }>;

export type AuditEvents = {
  'instance.initialised': Event<null, { administrator: AccountEmail }>;
  'audit.chain_keyed': Event<null, { sha256Entries: number; sha256EndAtMigration?: TrailPosition }>;
  'auth.signed_in': Event<'user', null>;
  'auth.sign_in_failed': Event<
    'user' | null,
    { reason: 'throttled' | 'unknown_email' | 'disabled' | 'wrong_password' | 'second_factor_locked' }
  >;
  'auth.locked': Event<
    'user' | null,
    { scope: 'email_and_address'; until: Timestamp } | { scope: 'second_factor'; failures: number }
  >;
  'auth.second_factor_failed': Event<
    'user',
    | { reason: 'second_factor_locked' }
    | {
        during: 'sign_in' | 'enrolment';
        attemptFailures: number;
        accountFailures: number;
        attemptEnded?: true;
      }
  >;
  'auth.signed_out': Event<'session', null>;
  'auth.signed_out_everywhere': Event<'user', null>;
  'auth.session_rejected': Event<null, RejectionSummary>;
  'auth.csrf_failed': Event<null, { method: HttpMethod; path: Route }>;
  'auth.permission_denied': Refusal;
  'account.password_changed': Event<'user', null>;
  'account.language_changed': Event<'user', { language: { from: Language; to: Language } }>;
  'account.two_factor_setup_started': Event<'user', null>;
  'account.two_factor_enrolled': Event<'user', null>;
  'account.two_factor_disabled': Event<'user', null>;
  'account.recovery_code_used': Event<'user', null>;
  'agency.created': Event<'agency', { code: Code; kind: Code }>;
  'agency.updated': Event<
    'agency',
    Changes<{
      name_en: Label;
      name_zh_hant: Label;
      name_pt: Label;
      kind: Code;
      active: number;
      case_reference_pattern: Label;
    }>
  >;
  'user.created': Event<'user', { email: AccountEmail; agencyId: Id; roles: readonly RoleId[] }>;
  'user.updated': UserChange;
  'user.disabled': UserChange;
  'user.enabled': UserChange;
  'user.password_reset': Event<'user', null>;
  'legal_qualification.created': Event<
    'legal_qualification',
    { law: Label; article: Label; trafficking: boolean }
  >;
  'legal_qualification.updated': Event<
    'legal_qualification',
    { fields: ('labels' | 'trafficking' | 'active')[] }
  >;
  'case.created': Event<
    'case',
    { reference: CaseReference; leadAgency: Code; origin: Code; qualifications: readonly Code[] }
  >;
  'case.updated': Event<
    'case',
    Changes<
      {
        origin: Code;
        facts_date: IsoDate;
        report_date: IsoDate;
        exploitation_types: CodesJson;
        sectors: CodesJson;
      },
      'places' | 'summary_enc'
    >
  >;
  'case.transitioned': Event<'case', { from: CaseStage; to: CaseStage; decidedOn: IsoDate }>;
  'case.qualification_added': Event<'case', { code: Code; stage: CaseStage }>;
  'case.qualification_removed': Event<'case', { code: Code; stage: CaseStage }>;
  'case.judicial_act_recorded': Event<'case', { kind: (typeof judicialActKinds)[number]; actDate: IsoDate }>;
  'case.agency_added': Event<'case', { agencyId: Id }>;
  'case.member_added': Event<'case', { userId: Id }>;
  'case.member_removed': Event<'case', { userId: Id }>;
  'case.document_added': Event<'case', { kind: (typeof documentKinds)[number] }>;
  'person.created': Event<'person', { pseudonym: Pseudonym }>;
  'person.updated': Event<'person', { fields: Fields<UpdateIdentity> }>;
  'person.identity_revealed': Event<
    'person',
    Victim & { pseudonym: Pseudonym; purpose: RevealPurpose; via: 'member' | 'referral' | 'case' }
  >;
  'case_person.added': Event<'case', { casePersonId: Id; pseudonym: Pseudonym; role: CaseRole }>;
  'case_person.updated': Event<
    'case',
    { casePersonId: Id; fields: ((keyof DB['case_persons'] & string) | 'gender' | 'citizenship')[] }
  >;
  'case_person.verdict_recorded': Event<
    'case',
    {
      casePersonId: Id;
      verdict: (typeof verdicts)[number];
      sentenceMonths: number | null;
      suspended: boolean | null;
    }
  >;
  'historic_event.added': Event<'case', { casePersonId: Id; type: Code }>;
  'screening.recorded': Event<
    'screening',
    Victim & {
      list: (typeof LIST_IDS)[number];
      catalogueVersion: Code;
      status: 'complete' | 'incomplete';
      presumedVictim: boolean | null;
      positiveDimensions: readonly (typeof DIMENSIONS)[number][];
      /** The interview's language and whether an interpreter took part; the notes never. */
      interviewLanguage: Code | null;
      interpreter: boolean | null;
    }
  >;
  'consent.recorded': Event<'consent', Victim & { purpose: Code; informedOf: readonly Code[] }>;
  'consent.withdrawn': Event<'consent', Victim & { purpose: Code }>;
  'referral.sent': ReferralSent;
  'referral.sent_without_consent': ReferralSent;
  'referral.accepted': ReferralAnswered;
  'referral.declined': ReferralAnswered;
  'referral.completed': ReferralAnswered;
  'service.recorded': Event<
    'service',
    Victim & { kind: Code; providerAgencyId: Id | null; referralId: Id | null }
  >;
  'service.updated': Event<'service', Victim & { fields: Fields<ServiceUpdate> }>;
  'support_plan.created': Event<'support_plan', Victim & { type: Code }>;
  'support_plan.updated': Event<'support_plan', Victim & { fields: Fields<SupportPlanUpdate> }>;
  'case.text_read': Event<'case', null>;
  'case.agency_left': Event<'case', { agencyId: Id }>;
  'case.name_searched': Event<null, { cases: number }>;
  'case.transition_refused': Refusal;
  'person.duplicate_flagged': Event<'person', { pseudonym: Pseudonym; matches: number }>;
  'duplicate.resolved': Event<'duplicate', { status: 'distinct' | 'same' }>;
  // Retention (issue 11): whose identity went, why, and each run's period and count.
  'person.identity_erased': Event<
    'person',
    (
      | { pseudonym: Pseudonym; reason: 'retention'; closedOn: IsoDate }
      | { pseudonym: Pseudonym; reason: 'request'; requestId: Id }
    ) & { redactedTexts: number; redactedMentions: number }
  >;
  'retention.run': Event<null, { years: number; cutoff: IsoDate; erased: number }>;
  'data_request.recorded': Event<
    'data_request',
    Victim & {
      kind: DataRequestKind;
      requestedBy: DataRequester;
      fields: readonly (keyof IdentityInput & string)[];
    }
  >;
  'data_request.refused': Event<
    'data_request',
    Victim & { kind: DataRequestKind; reason: DataRequestRefusal }
  >;
  'data_request.carried_out': Event<'data_request', Victim & { kind: DataRequestKind }>;
  'link_request.created': Event<
    'case',
    { linkRequestId: Id; sourceCaseId: Id; pseudonym: Pseudonym; role: CaseRole }
  >;
  'link_request.approved': LinkDecision;
  'link_request.refused': LinkDecision;
  'person_grant.granted': Event<
    'case_person',
    { caseId: Id; grantId: Id; userId: Id; referralId: Id; identity: boolean }
  >;
  'protection.notes_read': Event<
    'case_person',
    {
      caseId: Id;
      records: 'screenings' | 'consents' | 'referrals' | 'services' | 'support_plans';
      notes: number;
    }
  >;
  'notification.read': Event<'user', { notifications: number }>;
  'digest.sent': Event<null, { date: IsoDate; recipients: number; items: number; transport: 'smtp' | 'log' }>;
  'plan.created': Event<'plan', { startDate: IsoDate; endDate: IsoDate }>;
  'plan.imported': Event<'plan', { objectives: number; tasks: number; format: 'csv' | 'xlsx' }>;
  'objective.created': Event<'objective', { planId: Id; pillar: Code }>;
  'task.created': Event<
    'task',
    { planId: Id | null; objectiveId: Id | null; decisionId: Id | null; leadAgencyId: Id; due: IsoDate }
  >;
  'task.updated': Event<'task', { fields: Fields<TaskUpdate> }>;
  'progress.drafted': Event<'progress', ProgressOf>;
  'progress.updated': Event<'progress', ProgressOf & { fields: Fields<ProgressUpdate> }>;
  'progress.submitted': Event<'progress', ProgressOf>;
  'progress.validated': Event<'progress', ProgressOf>;
  'progress.returned': Event<'progress', ProgressOf>;
  'progress.evidence_added': Event<'progress', ProgressOf & { evidenceId: Id; bytes: number }>;
  'corrective_action.created': Event<'corrective_action', { taskId: Id; agencyId: Id; due: IsoDate }>;
  'corrective_action.completed': Event<'corrective_action', { taskId: Id; on: IsoDate }>;
  'meeting_group.created': Event<'meeting_group', { kind: 'plenary' | 'working_group'; members: number }>;
  'meeting_group.updated': Event<
    'meeting_group',
    { fields: ('name' | 'chairUserId' | 'memberIds' | 'active')[]; members: number }
  >;
  'meeting.created': Event<'meeting', { groupId: Id; heldOn: IsoDate; language: Language }>;
  'meeting.updated': Event<
    'meeting',
    {
      fields: (
        'title' | 'heldOn' | 'location' | 'language' | 'minutes' | 'guests' | 'agenda' | 'attendance'
      )[];
    }
  >;
  'decision.recorded': Event<
    'decision',
    { meetingId: Id; number: number; assigneeUserId: Id | null; assigneeAgencyId: Id | null }
  >;
  'decision.updated': Event<
    'decision',
    {
      meetingId: Id;
      status: 'open' | 'done' | 'dropped';
      fields: ('text' | 'assigneeUserId' | 'assigneeAgencyId' | 'dueOn' | 'status')[];
    }
  >;
  'decision.task_created': Event<'decision', { meetingId: Id; taskId: Id }>;
  'activity.reported': Event<'activity_report', { agencyId: Id; period: Code; first: boolean }>;
  'cooperation.recorded': Event<
    'cooperation_exchange',
    { agencyId: Id; kind: Code; counterpartKind: Code; cases: number; tasks: number }
  >;
  'cooperation.updated': Event<
    'cooperation_exchange',
    {
      fields: (
        | 'kind'
        | 'counterpartKind'
        | 'counterpart'
        | 'country'
        | 'subject'
        | 'startedOn'
        | 'endedOn'
        | 'outcome'
        | 'caseIds'
        | 'taskIds'
      )[];
    }
  >;
  'cooperation.case_linked': Event<'cooperation_exchange', { caseId: Id }>;
  'assessment.source_created': Event<'assessment_source', { kind: Code }>;
  'assessment.created': Event<
    'assessment',
    { sourceId: Id; jurisdiction: Code; year: number; tier: Code | null; waiver: boolean }
  >;
  'assessment.updated': Event<'assessment', { fields: Fields<AssessmentUpdate> }>;
  'assessment.split_saved': Event<
    'assessment',
    { sections: number; recommendations: number; claims: number; removed: number }
  >;
  'assessment.claim_updated': Event<'assessment_claim', { assessmentId: Id; fields: Fields<ClaimUpdate> }>;
  'assessment.evidence_added': Event<
    'recommendation' | 'assessment_claim' | 'assessment',
    { evidenceId: Id; kind: Code; category: Code; caseId: Id | null; indicium: number | null }
  >;
  'assessment.evidence_removed': Event<
    'recommendation' | 'assessment_claim' | 'assessment',
    { evidenceId: Id; caseId: Id | null }
  >;
  'assessment.indicium_updated': Event<'assessment', { indicium: number }>;
  'assessment.response_text_saved': Event<'assessment', { targetId: Id; language: Language }>;
  'recommendation.updated': Event<
    'recommendation',
    { fields: Fields<RecommendationUpdate>; agencies: number; tasks: number; previousId: Id | null }
  >;
  'recommendation.status_changed': Event<'recommendation', { from: Code; to: Code }>;
  'data_submission.recorded': Event<'data_submission', { sourceId: Id; year: number; submitted: boolean }>;
  'data_submission.updated': Event<'data_submission', { fields: Fields<SubmissionUpdate> }>;
  'data_submission.file_added': Event<'data_submission', { fileId: Id; bytes: number }>;
  'publication.rule_set_created': Event<'rule_set', { name: Code; version: number; threshold: number }>;
  'statistics.dataset_imported': Event<'dataset', { format: 'ctdc' | 'htcds'; rows: number; sha256: Code }>;
  /** Tables exported for publication through a rule set (GLOTIP): which, and how many values hidden. */
  'statistics.exported': Event<
    null,
    { layout: Code; ruleSet: Code; ruleSetVersion: number; year?: number; tables: number; hidden: number }
  >;
  'publication.released': Event<
    'statistical_release',
    {
      ruleSetId: Id;
      ruleSetVersion: number;
      kind: Code;
      rows: Code;
      cols: Code;
      hidden: number;
      noise: boolean;
    }
  >;
  // Print and export (issue 12): how many rows left, in which format and language, under which filters.
  'export.cases': Event<
    null,
    {
      format: ExportFormat;
      language: Language;
      rows: number;
      stage?: CaseStage;
      agencyId?: Id;
      year?: number;
      exploitationType?: Code;
      byReference: boolean;
      byName: boolean;
    }
  >;
  'export.referrals': Event<null, { format: ExportFormat; language: Language; rows: number; status?: Code }>;
  'export.audit': Event<
    null,
    {
      format: ExportFormat;
      language: Language;
      rows: number;
      action?: Code;
      actorId?: Id;
      byRecord: boolean;
      from?: IsoDate;
      to?: IsoDate;
    }
  >;
  'case.summary_printed': Event<'case', { language: Language; identities: boolean }>;
  'referral.assigned': Event<
    'referral',
    Victim & { toAgencyId: Id; assigneeId: Id; previousAssigneeId: Id | null }
  >;
  'person_grant.revoked': Event<'case_person', { caseId: Id; grantId: Id; referralId: Id }>;
  /** On the case, or on one victim of it (`casePersonId`); the note's text never. */
  'journal.note_added': Event<'case', { entryId: Id; casePersonId: Id | null; noteDate: IsoDate }>;
  'journal.read': Event<'case', { casePersonId: Id | null; notes: number }>;
  'attachment.added': Event<
    'case',
    {
      attachmentId: Id;
      casePersonId: Id | null;
      documentId: Id | null;
      mediaType: Code;
      sizeBytes: number;
      scanned: boolean;
    }
  >;
  'attachment.downloaded': Event<'case', { attachmentId: Id; casePersonId: Id | null }>;
  'person.summary_printed': Event<'case_person', { caseId: Id; language: Language; identity: boolean }>;
};

// Every action has its entry shape, and nothing else has one.
type Same<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;
const everyActionTyped: Same<keyof AuditEvents, AuditAction> = true;
void everyActionTyped;

type About<E> = null extends E
  ? [Exclude<E, null>] extends [never]
    ? { entityType?: never; entityId?: never }
    : { entityType?: Exclude<E, null>; entityId?: string }
  : { entityType: E; entityId: string };
type SummaryPart<S> = [S] extends [null] ? { summary?: never } : { summary: S };

/** What an entry of `action` holds besides who and when: its record, and its summary. */
export type AuditDetails<A extends AuditAction> = About<AuditEvents[A]['entity']> &
  SummaryPart<AuditEvents[A]['summary']>;

type KeysOf<T> = T extends unknown ? keyof T : never;
type NoExtra<T, Shape> = T & { [K in Exclude<KeysOf<T>, KeysOf<Shape>>]?: never };
/**
 * Details with no property beyond their action's shape, summary included — also when they
 * come from a variable or a spread, which the compiler's excess-property check lets through.
 */
export type ExactDetails<D, A extends AuditAction> = NoExtra<D, AuditDetails<A>> &
  (D extends { summary: infer S } ? { summary: NoExtra<S, AuditEvents[A]['summary']> } : unknown);
