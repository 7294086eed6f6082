import type { Generated, Kysely } from 'kysely';
import type { CaseRole, DocumentKind, JudicialActKind } from '../core/cases/case-records.js';
import type { CaseStage, VerdictOutcome } from '../core/cases/case-stages.js';

// Row types of every table. Timestamps are ISO-8601 UTC strings and flags are 0/1 on
// both databases: one representation that round-trips identically through SQLite and
// PostgreSQL, which the audit hash chain depends on.

type Stamped = {
  id: string;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  updated_by: string | null;
  version: number;
};

export type InstanceSettingTable = { key: string; value: string };

export type AgencyTable = Stamped & {
  code: string;
  name_en: string;
  name_zh_hant: string;
  name_pt: string;
  kind: string;
  active: number;
  /** e.g. `{AGENCY}-{YYYY}-{SEQ:4}`; null uses the default pattern. */
  case_reference_pattern: string | null;
};

export type RoleTable = { id: string };

export type RolePermissionTable = { role_id: string; permission: string; scope: string };

export type UserTable = Stamped & {
  email: string;
  name: string;
  language: string;
  agency_id: string;
  active: number;
  password_hash: string;
  must_change_password: number;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  failed_sign_ins: number;
  locked_until: string | null;
  last_sign_in_at: string | null;
  /** Wrong second-factor codes since `second_factor_failed_since` (a rolling day). */
  second_factor_failures: Generated<number>;
  second_factor_failed_since: string | null;
  /** Set when too many wrong codes locked the second factor; cleared by an administrator. */
  second_factor_locked_at: string | null;
};

export type UserRoleTable = { user_id: string; role_id: string };

export type RecoveryCodeTable = { id: string; user_id: string; code_hash: string; used_at: string | null };

export type SessionTable = {
  id: string;
  token_hash: string;
  user_id: string;
  /** What the holder must still do before the session is fully signed in. */
  stage: 'second_factor' | 'password_change' | 'two_factor_enrolment' | 'active';
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  /** Wrong second-factor codes in this sign-in attempt. */
  failed_codes: Generated<number>;
};

/** Sign-in attempts per (e-mail, client address), keyed by a hash of both. */
export type SignInThrottleTable = { key: string; attempts: number; window_started_at: string };

export type AuditLogTable = {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_label: string;
  actor_agency_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  summary: string;
  prev_hash: string;
  hash: string;
};

export type ReferenceCounterTable = { scope: string; last: number };

export type LegalQualificationTable = {
  code: string;
  law: string;
  article: string;
  label_en: string;
  label_zh_hant: string;
  label_pt: string;
  trafficking: number;
  active: number;
  sort: number;
};

export type CaseTable = Stamped & {
  reference: string;
  lead_agency_id: string;
  origin: string;
  facts_date: string | null;
  report_date: string;
  registration_date: string;
  /** JSON array of { country, locality } */
  places: string;
  /** JSON arrays of codes */
  exploitation_types: string;
  sectors: string;
  stage: CaseStage;
  stage_changed_at: string;
  summary_enc: string | null;
};

export type CaseExploitationTypeTable = { case_id: string; code: string };

/** `kept`: 1 when the agency was brought in on purpose, 0 when it came with a member and leaves with its last one. */
export type CaseAgencyTable = { case_id: string; agency_id: string; added_at: string; kept: number };
export type CaseMemberTable = { case_id: string; user_id: string; added_at: string; added_by: string | null };

export type CaseQualificationTable = {
  id: string;
  case_id: string;
  code: string;
  stage: CaseStage;
  added_at: string;
  added_by: string | null;
  removed_at: string | null;
  removed_by: string | null;
  removed_stage: CaseStage | null;
  note_enc: string | null;
};

export type CaseTransitionTable = {
  id: string;
  case_id: string;
  from_stage: CaseStage | null;
  to_stage: CaseStage;
  decided_on: string;
  decided_by_agency_id: string | null;
  authority: string | null;
  note_enc: string | null;
  recorded_by: string | null;
  recorded_at: string;
};

export type JudicialActTable = {
  id: string;
  case_id: string;
  kind: JudicialActKind;
  authority: string;
  act_date: string;
  description_enc: string | null;
  recorded_by: string | null;
  recorded_at: string;
};

export type PersonTable = Stamped & {
  pseudonym: string;
  given_names_enc: string | null;
  family_name_enc: string | null;
  identity_number_enc: string | null;
  birth_date_enc: string | null;
  contacts_enc: string | null;
  address_enc: string | null;
  notes_enc: string | null;
  gender: string | null;
  /** JSON array of ISO 3166-1 alpha-3 codes */
  citizenship: string;
  duplicate_key: string | null;
};

export type PersonNameTokenTable = { person_id: string; token_hash: string };

export type CasePersonTable = Stamped & {
  case_id: string;
  person_id: string;
  role: CaseRole;
  trafficking_status: string | null;
  status_decided_by: string | null;
  status_decided_on: string | null;
  recruitment_method: string | null;
  means_of_control: string;
  exploitation_types: string;
  sex_exploitation_types: string;
  labour_sector: string | null;
  age_when_trafficked: number | null;
  relationship_to_trafficker: string | null;
  migration_status: string | null;
  roles_in_process: string;
  charges: string;
  verdict: VerdictOutcome | null;
  verdict_date: string | null;
  sentence_months: number | null;
  sentence_suspended: number | null;
  fine_amount: number | null;
  confiscation: string | null;
  compensation_amount: number | null;
};

export type HistoricEventTable = {
  id: string;
  case_person_id: string;
  type: string;
  country: string | null;
  locality: string | null;
  start_date: string | null;
  end_date: string | null;
  note_enc: string | null;
  recorded_by: string | null;
  recorded_at: string;
};

export type CaseDocumentTable = {
  id: string;
  case_id: string;
  kind: DocumentKind;
  title_enc: string;
  document_date: string | null;
  issuing_agency_id: string | null;
  reference: string | null;
  recorded_by: string | null;
  recorded_at: string;
};

/** A dated note on a case, or on one victim of it (migration 0016); the text is sealed. */
export type CaseJournalTable = {
  id: string;
  case_id: string;
  case_person_id: string | null;
  note_date: string;
  text_enc: string;
  created_at: string;
  created_by: string;
};

/** A file on a case, on one victim, or on an entry of the documents register; content sealed. */
export type CaseAttachmentTable = {
  id: string;
  case_id: string;
  case_person_id: string | null;
  document_id: string | null;
  file_name_enc: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content_enc: string;
  created_at: string;
  created_by: string;
};

/** The indicator lists of the screening catalogue (src/core/screening/indicator-catalogue.ts). */
export type ScreeningListId = 'adult-labour' | 'adult-sexual' | 'child-labour' | 'child-sexual';
export type ScreeningStatus = 'complete' | 'incomplete';

export type ScreeningTable = Stamped & {
  case_person_id: string;
  catalogue_version: string;
  list_id: ScreeningListId;
  child: number;
  /** JSON object indicator id → 'yes' | 'no' | 'unanswered' */
  answers: string;
  status: ScreeningStatus;
  presumed_victim: number | null;
  positive_dimensions: string;
  screened_on: string;
  /** JSON object dimension → { strong, medium, weak, positive } as scored when recorded */
  dimension_counts: string;
  /** What the officer observed, sealed (screenings.notes). */
  notes_enc: string | null;
  /** The language the person was heard in (a BCP 47 tag such as tl, zh-Hant, vi). */
  interview_language: string | null;
  /** 1 when an interpreter took part, 0 when not, null when not recorded. */
  interpreter: number | null;
};

export type ConsentTable = Stamped & {
  case_person_id: string;
  purpose: string;
  informed_of: string;
  given_on: string;
  withdrawn_on: string | null;
  note_enc: string | null;
};

export type ReferralStatus = 'sent' | 'accepted' | 'declined' | 'completed';

export type ReferralTable = Stamped & {
  case_person_id: string;
  from_agency_id: string;
  to_agency_id: string;
  service_kind: string;
  reason: string;
  details_enc: string | null;
  status: ReferralStatus;
  sent_on: string;
  responded_on: string | null;
  responded_by: string | null;
  decline_reason_enc: string | null;
  completed_on: string | null;
  consent_override_reason_enc: string | null;
  /** The worker of the receiving agency an accepted referral is given to (migration 0016). */
  assigned_to: string | null;
  assigned_at: string | null;
  assigned_by: string | null;
};

/** Access to one person of a case without membership of the case (docs/access.md). */
export type PersonGrantTable = {
  id: string;
  user_id: string;
  case_id: string;
  case_person_id: string;
  /** `referral`: the acceptor; `assignment`: the worker the accepted referral was given to. */
  reason: 'referral' | 'assignment';
  referral_id: string | null;
  /** 1 when the grant includes the person's identity (the referral was covered by consent). */
  identity: number;
  granted_by: string;
  granted_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
};

export type LinkRequestStatus = 'pending' | 'approved' | 'refused';
export type LinkRequestTable = {
  id: string;
  source_case_person_id: string;
  target_case_id: string;
  role: 'victim' | 'suspect' | 'witness';
  status: LinkRequestStatus;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  /** The case person created in the target case on approval. */
  case_person_id: string | null;
};

export type DuplicateFlagStatus = 'open' | 'distinct' | 'same';
export type DuplicateFlagTable = {
  id: string;
  person_id: string;
  match_person_id: string;
  status: DuplicateFlagStatus;
  flagged_at: string;
  flagged_by: string;
  resolved_by: string | null;
  resolved_at: string | null;
};

/** Retention (modules/retention): whose identity was erased, why and when. */
export type ErasureReason = 'retention' | 'request';
export type PersonErasureTable = {
  person_id: string;
  reason: ErasureReason;
  request_id: string | null;
  erased_at: string;
  erased_by: string | null;
};

export type DataRequestKind = 'erasure' | 'correction';
export type DataRequestStatus = 'open' | 'refused' | 'carried_out';
export type DataRequester = 'data_subject' | 'legal_representative' | 'lawyer';
export type DataRequestRefusal =
  'identity_not_verified' | 'legal_obligation' | 'ongoing_proceedings' | 'rights_of_others';
/** A victim's request to erase or correct their identity; codes and ids only. */
export type DataRequestTable = Stamped & {
  person_id: string;
  case_id: string;
  case_person_id: string;
  kind: DataRequestKind;
  requested_by: DataRequester;
  received_on: string;
  /** JSON array of identity field names (givenNames, familyName, …) the request is about. */
  fields: string;
  status: DataRequestStatus;
  refusal_reason: DataRequestRefusal | null;
  decided_by: string | null;
  decided_at: string | null;
};

export type ServiceTable = Stamped & {
  case_person_id: string;
  kind: string;
  provider_agency_id: string | null;
  referral_id: string | null;
  start_date: string;
  end_date: string | null;
  note_enc: string | null;
};

export type SupportPlanTable = Stamped & {
  case_person_id: string;
  type: string;
  objectives_enc: string;
  start_date: string;
  planned_end_date: string | null;
  actual_end_date: string | null;
};

/** A notification to one user: what happened (kind) and ids/codes only (params, JSON). */
export type NotificationTable = {
  id: string;
  recipient_id: string;
  kind: string;
  params: string;
  created_at: string;
  created_by: string | null;
  read_at: string | null;
  digested_at: string | null;
};

// Meetings, activity figures and cooperation (migration 0009).
export type MeetingGroupKind = 'plenary' | 'working_group';
export type MeetingGroupTable = Stamped & {
  kind: MeetingGroupKind;
  name: string;
  chair_user_id: string | null;
  active: number;
};
export type MeetingGroupMemberTable = { group_id: string; user_id: string };
export type MeetingTable = Stamped & {
  group_id: string;
  title: string;
  held_on: string;
  location: string | null;
  language: 'en' | 'zh-Hant' | 'pt';
  minutes: string | null;
  guests: string | null;
};
export type MeetingAgendaItemTable = {
  id: string;
  meeting_id: string;
  position: number;
  title: string;
  notes: string | null;
};
export type AttendanceStatus = 'present' | 'absent' | 'excused';
export type MeetingAttendanceTable = { meeting_id: string; user_id: string; status: AttendanceStatus };
export type DecisionStatus = 'open' | 'done' | 'dropped';
export type MeetingDecisionTable = Stamped & {
  meeting_id: string;
  number: number;
  text: string;
  assignee_user_id: string | null;
  assignee_agency_id: string | null;
  due_on: string | null;
  status: DecisionStatus;
  closed_on: string | null;
};
export type ActivityReportTable = Stamped & {
  agency_id: string;
  period_key: string;
  period_start: string;
  period_end: string;
};
export type ActivityFigureTable = { report_id: string; metric: string; dimension: string; value: number };
export type ActivityCampaignTable = {
  id: string;
  report_id: string;
  position: number;
  kind: string;
  /** JSON array of language codes. */
  languages: string;
  reach: number;
};
export type CooperationExchangeTable = Stamped & {
  agency_id: string;
  kind: string;
  counterpart_kind: string;
  counterpart: string;
  country: string | null;
  subject: string;
  started_on: string;
  ended_on: string | null;
  outcome: string | null;
};
export type CooperationExchangeCaseTable = {
  exchange_id: string;
  case_id: string;
  linked_by: string;
  linked_at: string;
};
export type CooperationExchangeTaskTable = { exchange_id: string; task_id: string };

// --- the action plan (0008) ---

export type Pillar = 'prevention' | 'protection' | 'prosecution' | 'partnership';
export type Periodicity = 'monthly' | 'quarterly' | 'yearly' | 'tip';
export type ProgressStatus = 'draft' | 'submitted' | 'validated' | 'returned';

export type PlanTable = Stamped & { name: string; start_date: string; end_date: string };
export type PlanObjectiveTable = Stamped & {
  plan_id: string;
  position: number;
  title: string;
  pillar: Pillar;
};
export type TaskTable = Stamped & {
  plan_id: string | null;
  objective_id: string | null;
  decision_id: string | null;
  title: string;
  lead_agency_id: string;
  start_date: string;
  due_date: string;
  indicator: string | null;
  unit: string | null;
  baseline: number | null;
  target: number | null;
  periodicity: Periodicity;
  completed_on: string | null;
};
export type TaskAgencyTable = { task_id: string; agency_id: string };
export type ProgressUpdateTable = Stamped & {
  task_id: string;
  agency_id: string;
  period_key: string;
  period_end: string;
  value: number | null;
  complete: number;
  narrative: string;
  status: ProgressStatus;
  submitted_at: string | null;
  submitted_by: string | null;
  decided_at: string | null;
  decided_by: string | null;
  decision_comment: string | null;
};
export type ProgressEvidenceTable = {
  id: string;
  progress_id: string;
  file_name: string;
  media_type: string;
  size: number;
  content_base64: string;
  created_at: string;
  created_by: string | null;
};
export type CorrectiveActionTable = Stamped & {
  task_id: string;
  description: string;
  agency_id: string;
  due_date: string;
  completed_on: string | null;
};

// --- external assessments (migration 0013) ---

export type AssessmentSourceKind = 'tip' | 'un_treaty_body' | 'upr' | 'greta' | 'other';
export type AssessmentTier = 'T1' | 'T2' | 'T2WL' | 'T3' | 'SPECIAL' | 'NR';
export type RecommendationStatus = 'not_started' | 'in_progress' | 'implemented' | 'not_accepted';
export type EvidenceOwner = 'recommendation' | 'claim' | 'indicium';

export type AssessmentSourceTable = Stamped & { kind: AssessmentSourceKind; name: string };
export type AssessmentTable = Stamped & {
  source_id: string;
  jurisdiction: string;
  year: number;
  tier: AssessmentTier | null;
  waiver: number;
  period_key: string;
  published_on: string | null;
  title: string | null;
  narrative: string | null;
};
export type AssessmentSectionTable = {
  id: string;
  assessment_id: string;
  position: number;
  kind: 'summary' | 'recommendations' | 'prosecution' | 'protection' | 'prevention' | 'profile' | 'other';
  heading: string;
  text: string;
};
export type RecommendationTable = Stamped & {
  assessment_id: string;
  position: number;
  text: string;
  status: RecommendationStatus;
  status_reason: string | null;
  previous_id: string | null;
};
export type RecommendationAgencyTable = { recommendation_id: string; agency_id: string };
export type RecommendationTaskTable = { recommendation_id: string; task_id: string };
export type RecommendationStatusHistoryTable = {
  id: string;
  recommendation_id: string;
  status: RecommendationStatus;
  reason: string | null;
  changed_at: string;
  changed_by: string | null;
};
export type AssessmentClaimTable = Stamped & {
  assessment_id: string;
  position: number;
  kind: 'numeric' | 'qualitative';
  text: string;
  subject:
    'victims_identified' | 'victims_referred' | 'investigations' | 'prosecutions' | 'convictions' | 'other';
  value: number | null;
  period_key: string;
  section: AssessmentSectionTable['kind'] | null;
  marker: string | null;
};
export type AssessmentEvidenceTable = {
  id: string;
  owner_type: EvidenceOwner;
  owner_id: string;
  indicium: number | null;
  kind: 'case' | 'activity' | 'statistic' | 'document' | 'other';
  category: 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I';
  case_id: string | null;
  reference: string | null;
  description: string;
  stance: 'for' | 'against' | null;
  period_key: string | null;
  added_at: string;
  added_by: string | null;
};
export type AssessmentIndiciumTable = Stamped & {
  assessment_id: string;
  indicium: number;
  gaps: string | null;
};
export type DataSubmissionTable = Stamped & {
  source_id: string;
  year: number;
  received_on: string;
  requested_by: string;
  request: string | null;
  submitted_on: string | null;
  submitted_to: string | null;
  description: string | null;
};
export type SubmissionFileTable = {
  id: string;
  submission_id: string;
  file_name: string;
  media_type: string;
  size: number;
  content: string;
  added_at: string;
  added_by: string | null;
};
export type ResponseTextTable = Stamped & {
  assessment_id: string;
  target_id: string;
  language: string;
  text: string;
};

// Publication (issue 8): rule sets and immutable release snapshots.
export type PublicationZeros = 'show' | 'suppress';
export type PublicationRuleSetTable = {
  id: string;
  name: string;
  version: number;
  threshold: number;
  zeros: PublicationZeros;
  rounding_base: number | null;
  epsilon_numerator: number | null;
  epsilon_denominator: number | null;
  created_at: string;
  created_by: string;
};
export type StatisticalReleaseTable = {
  id: string;
  rule_set_id: string;
  rule_set_name: string;
  rule_set_version: number;
  threshold: number;
  title_en: string;
  title_zh_hant: string;
  title_pt: string;
  query: string;
  row_labels: string;
  col_labels: string;
  published: string;
  epsilon_numerator: number | null;
  epsilon_denominator: number | null;
  released_at: string;
  released_by: string;
};

// Statistics (issue 8): indicator cubes, the facts they were built from, imported datasets.
export type StatCellTable = {
  kind: string;
  cube: string;
  source: string;
  period: string;
  key: string;
  count: number;
  sum: number;
};
export type StatFactTable = { kind: string; record_id: string; case_id: string | null; fact: string };
export type StatDatasetTable = {
  name: string;
  format: 'ctdc' | 'htcds';
  sha256: string;
  rows: number;
  imported_at: string;
  imported_by: string | null;
};
export type StatImportRowTable = { dataset: string; row_no: number; data: string };
export type StatStateTable = { key: string; value: string };

export type DB = {
  instance_settings: InstanceSettingTable;
  agencies: AgencyTable;
  roles: RoleTable;
  role_permissions: RolePermissionTable;
  users: UserTable;
  user_roles: UserRoleTable;
  recovery_codes: RecoveryCodeTable;
  sessions: SessionTable;
  sign_in_throttle: SignInThrottleTable;
  audit_log: AuditLogTable;
  reference_counters: ReferenceCounterTable;
  legal_qualifications: LegalQualificationTable;
  cases: CaseTable;
  case_agencies: CaseAgencyTable;
  case_exploitation_types: CaseExploitationTypeTable;
  case_members: CaseMemberTable;
  case_qualifications: CaseQualificationTable;
  case_transitions: CaseTransitionTable;
  judicial_acts: JudicialActTable;
  persons: PersonTable;
  person_name_tokens: PersonNameTokenTable;
  case_persons: CasePersonTable;
  historic_events: HistoricEventTable;
  case_documents: CaseDocumentTable;
  case_journal: CaseJournalTable;
  case_attachments: CaseAttachmentTable;
  screenings: ScreeningTable;
  consents: ConsentTable;
  referrals: ReferralTable;
  services: ServiceTable;
  support_plans: SupportPlanTable;
  person_grants: PersonGrantTable;
  link_requests: LinkRequestTable;
  duplicate_flags: DuplicateFlagTable;
  person_erasures: PersonErasureTable;
  data_requests: DataRequestTable;
  plans: PlanTable;
  plan_objectives: PlanObjectiveTable;
  tasks: TaskTable;
  task_agencies: TaskAgencyTable;
  progress_updates: ProgressUpdateTable;
  progress_evidence: ProgressEvidenceTable;
  corrective_actions: CorrectiveActionTable;
  notifications: NotificationTable;
  meeting_groups: MeetingGroupTable;
  meeting_group_members: MeetingGroupMemberTable;
  meetings: MeetingTable;
  meeting_agenda_items: MeetingAgendaItemTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_decisions: MeetingDecisionTable;
  activity_reports: ActivityReportTable;
  activity_figures: ActivityFigureTable;
  activity_campaigns: ActivityCampaignTable;
  cooperation_exchanges: CooperationExchangeTable;
  cooperation_exchange_cases: CooperationExchangeCaseTable;
  cooperation_exchange_tasks: CooperationExchangeTaskTable;
  assessment_sources: AssessmentSourceTable;
  assessments: AssessmentTable;
  assessment_sections: AssessmentSectionTable;
  recommendations: RecommendationTable;
  recommendation_agencies: RecommendationAgencyTable;
  recommendation_tasks: RecommendationTaskTable;
  recommendation_status_history: RecommendationStatusHistoryTable;
  assessment_claims: AssessmentClaimTable;
  assessment_evidence: AssessmentEvidenceTable;
  assessment_indicia: AssessmentIndiciumTable;
  data_submissions: DataSubmissionTable;
  submission_files: SubmissionFileTable;
  response_texts: ResponseTextTable;
  publication_rule_sets: PublicationRuleSetTable;
  statistical_releases: StatisticalReleaseTable;
  stat_cells: StatCellTable;
  stat_facts: StatFactTable;
  stat_datasets: StatDatasetTable;
  stat_import_rows: StatImportRowTable;
  stat_state: StatStateTable;
};

/** The database handle or an open transaction: repositories take whichever the caller holds. */
export type Executor = Kysely<DB>;

export type DatabaseKind = 'sqlite' | 'postgres';
