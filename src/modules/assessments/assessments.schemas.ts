import { z } from 'zod';
import { Text } from '../shared.schemas.js';
import { UploadMediaType } from '../../core/media-types.js';
import { Id, Language, Version } from '../access/access.schemas.js';
import { Country, IsoDate } from '../cases/cases.schemas.js';

// External assessments of the jurisdiction (the US TIP Report first; UN treaty bodies, the UPR,
// GRETA and any other as generic sources), what Guia answers them with, and the follow-up of
// their recommendations. Assessments are public documents: their text is not sealed. What links
// them to cases is need-to-know: a case reference reaches only a reader who may read the case.

const OptionalText = (max: number) => z.string().trim().max(max);

// --- vocabularies -------------------------------------------------------------------------------

export const sourceKinds = ['tip', 'un_treaty_body', 'upr', 'greta', 'other'] as const;
export const SourceKind = z.enum(sourceKinds);
export type SourceKind = z.infer<typeof SourceKind>;

/** TIP tiers as written in the report; `SPECIAL` a special case, `NR` not in the report. */
export const tiers = ['T1', 'T2', 'T2WL', 'T3', 'SPECIAL', 'NR'] as const;
export const Tier = z.enum(tiers);
export type Tier = z.infer<typeof Tier>;

/** The sections of a country narrative (2019 and later; older layouts map onto the same). */
export const sectionKinds = [
  'summary',
  'recommendations',
  'prosecution',
  'protection',
  'prevention',
  'profile',
  'other',
] as const;
export const SectionKind = z.enum(sectionKinds);
export type SectionKind = z.infer<typeof SectionKind>;

export const recommendationStatuses = ['not_started', 'in_progress', 'implemented', 'not_accepted'] as const;
export const RecommendationStatus = z.enum(recommendationStatuses);
export type RecommendationStatus = z.infer<typeof RecommendationStatus>;

/**
 * What a numeric claim counts, each measured by one counting function over Guia's records
 * (claim-figures.ts); `other` is a claim Guia does not measure.
 */
export const claimSubjects = [
  'victims_identified',
  'victims_referred',
  'investigations',
  'prosecutions',
  'convictions',
  'other',
] as const;
export const ClaimSubject = z.enum(claimSubjects);
export type ClaimSubject = z.infer<typeof ClaimSubject>;

/** A numeric claim (a number and what it counts) or an unsourced qualitative statement. */
export const ClaimKind = z.enum(['numeric', 'qualitative']);
export type ClaimKind = z.infer<typeof ClaimKind>;

/** The concrete-action categories of 22 U.S.C. 7102: (A) enforcement … (I) other measures. */
export const evidenceCategories = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'] as const;
export const EvidenceCategory = z.enum(evidenceCategories);
export type EvidenceCategory = z.infer<typeof EvidenceCategory>;

export const evidenceKinds = ['case', 'activity', 'statistic', 'document', 'other'] as const;
export const EvidenceKind = z.enum(evidenceKinds);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/** For a qualitative statement: whether the evidence supports or contradicts it. */
export const EvidenceStance = z.enum(['for', 'against']);
export type EvidenceStance = z.infer<typeof EvidenceStance>;

/** The 12 indicia of serious and sustained efforts (22 U.S.C. 7106(b)). */
export const Indicium = z.coerce.number().int().min(1).max(12);

export const ClaimOutcome = z.enum(['consistent', 'different', 'not_measurable']);
export type ClaimOutcome = z.infer<typeof ClaimOutcome>;

/** A reporting period key (`TIP2020`, `2019`, `2019-Q2`, `2019-05`), read by core/periods.ts. */
export const PeriodKey = z.string().trim().min(4).max(10);

const PeriodView = z.object({ key: z.string(), start: z.string(), end: z.string() });

// --- params -------------------------------------------------------------------------------------

export const AssessmentParams = z.strictObject({ id: Id });
export const RecommendationParams = z.strictObject({ recommendationId: Id });
export const ClaimParams = z.strictObject({ claimId: Id });
export const EvidenceParams = z.strictObject({ evidenceId: Id });
export const SubmissionParams = z.strictObject({ submissionId: Id });
export const SubmissionFileParams = z.strictObject({ submissionId: Id, fileId: Id });
export const IndiciumParams = z.strictObject({ id: Id, indicium: Indicium });
export const ResponsePointParams = z.strictObject({ id: Id, targetId: Id });

// --- sources ------------------------------------------------------------------------------------

export const SourceBody = z.strictObject({ kind: SourceKind, name: Text(200) });
export type SourceBody = z.infer<typeof SourceBody>;

export const SourceView = z.object({ id: Id, kind: SourceKind, name: z.string(), version: z.number() });
export type SourceView = z.infer<typeof SourceView>;

// --- the narrative split ------------------------------------------------------------------------

export const SectionInput = z.strictObject({
  kind: SectionKind,
  heading: OptionalText(300),
  text: Text(100_000),
});
export type SectionInput = z.infer<typeof SectionInput>;

export const RecommendationInput = z.strictObject({
  /** An existing recommendation kept through a re-split (its follow-up stays with it). */
  id: Id.optional(),
  text: Text(5000),
});
export type RecommendationInput = z.infer<typeof RecommendationInput>;

export const ClaimInput = z.strictObject({
  id: Id.optional(),
  kind: ClaimKind,
  /** The sentence as the narrative says it. */
  text: Text(5000),
  subject: ClaimSubject.default('other'),
  /** The number claimed ("did not identify any victims" is 0); null for a qualitative statement. */
  value: z.number().int().min(0).max(10_000_000).nullable().default(null),
  /** The period the number is for; the report's own TIP period unless the narrative says otherwise. */
  periodKey: PeriodKey.optional(),
  section: SectionKind.optional(),
  /** For a qualitative statement, the hedge that marks it ("reportedly", "observers noted"). */
  marker: OptionalText(100).optional(),
});
export type ClaimInput = z.infer<typeof ClaimInput>;

/** Ask Guia to propose a split of a pasted narrative (nothing is written). */
export const SplitRequest = z.strictObject({ narrative: Text(200_000), year: z.number().int().optional() });
export type SplitRequest = z.infer<typeof SplitRequest>;

// A proposal quotes the narrative as pasted, so its pieces are bounded by the narrative, not by
// what a reviewed split saves (a 200,000-character paragraph is one section of 200,000): the
// input schemas' limits here made the answer fail as a 500. Saving says which piece is too long.
const proposed = { text: z.string() };
export const SplitProposal = z.object({
  layout: z.string(),
  sections: z.array(SectionInput.extend({ ...proposed, heading: z.string() })),
  recommendations: z.array(RecommendationInput.extend(proposed)),
  claims: z.array(
    ClaimInput.extend({
      ...proposed,
      value: z.number().int().min(0).nullable(),
      marker: z.string().optional(),
    }),
  ),
  /** e.g. `narrative.nothing_found`, `narrative.no_recommendations`: shown, never blocking. */
  warnings: z.array(z.string()),
});
export type SplitProposal = z.infer<typeof SplitProposal>;

/** The split as the reviewer corrected it, saved as sent. */
export const ReviewedSplit = z.strictObject({
  version: Version,
  sections: z.array(SectionInput).max(50),
  recommendations: z.array(RecommendationInput).max(200),
  claims: z.array(ClaimInput).max(500),
});
export type ReviewedSplit = z.infer<typeof ReviewedSplit>;

// --- assessments --------------------------------------------------------------------------------

export const AssessmentBody = z.strictObject({
  sourceId: Id,
  /** Whose assessment (ISO 3166 alpha-3: MAC, HKG). */
  jurisdiction: Country,
  /** The report year (TIP: the year of publication; its period ends 31 March of it). */
  year: z.number().int(),
  /** TIP only. */
  tier: Tier.optional(),
  /** TIP only: T2WL kept by a waiver of the automatic downgrade. */
  waiver: z.boolean().default(false),
  publishedOn: IsoDate.optional(),
  title: OptionalText(300).optional(),
  narrative: OptionalText(200_000).optional(),
});
export type AssessmentBody = z.infer<typeof AssessmentBody>;

export const AssessmentUpdate = z.strictObject({
  version: Version,
  tier: Tier.nullable().optional(),
  waiver: z.boolean().optional(),
  publishedOn: IsoDate.nullable().optional(),
  title: OptionalText(300).nullable().optional(),
  narrative: OptionalText(200_000).nullable().optional(),
});
export type AssessmentUpdate = z.infer<typeof AssessmentUpdate>;

export const AssessmentListQuery = z.strictObject({
  sourceId: Id.optional(),
  jurisdiction: Country.optional(),
});

export const AssessmentSummary = z.object({
  id: Id,
  source: SourceView,
  jurisdiction: z.string(),
  year: z.number(),
  tier: Tier.nullable(),
  waiver: z.boolean(),
  period: PeriodView,
  publishedOn: z.string().nullable(),
  title: z.string().nullable(),
  recommendations: z.number(),
  claims: z.number(),
  version: z.number(),
});
export type AssessmentSummary = z.infer<typeof AssessmentSummary>;

export const SectionView = SectionInput.extend({ id: Id, position: z.number() });
export const ClaimView = z.object({
  id: Id,
  kind: ClaimKind,
  text: z.string(),
  subject: ClaimSubject,
  value: z.number().nullable(),
  period: PeriodView,
  section: SectionKind.nullable(),
  marker: z.string().nullable(),
  position: z.number(),
  version: z.number(),
});
export type ClaimView = z.infer<typeof ClaimView>;

export const RecommendationRef = z.object({
  id: Id,
  assessmentId: Id,
  year: z.number(),
  text: z.string(),
  status: RecommendationStatus,
});
export type RecommendationRef = z.infer<typeof RecommendationRef>;

export const AssessmentView = AssessmentSummary.extend({
  narrative: z.string().nullable(),
  sections: z.array(SectionView),
  recommendations: z.array(RecommendationRef.extend({ position: z.number() })),
  claims: z.array(ClaimView),
  /** Rule findings on save (e.g. `tier.violation`) — the assessment is saved as the report has it. */
  warnings: z.array(z.string()),
});
export type AssessmentView = z.infer<typeof AssessmentView>;

// --- tier history and forecast ------------------------------------------------------------------

export const TierHistoryQuery = z.strictObject({ jurisdiction: Country });

export const TierForecast = z.object({
  assessed: Tier,
  tier: Tier,
  autoDowngrade: z.boolean(),
  waiverApplied: z.boolean(),
  waiverAvailable: z.boolean(),
});

export const TierHistoryView = z.object({
  jurisdiction: z.string(),
  history: z.array(z.object({ year: z.number(), tier: Tier, waiver: z.boolean(), assessmentId: Id })),
  violations: z.array(z.object({ year: z.number(), reason: z.string() })),
  waiverYears: z.array(z.number()),
  /** What each assessed tier would become in the next report year. */
  forecast: z.object({ year: z.number(), outcomes: z.array(TierForecast) }),
});
export type TierHistoryView = z.infer<typeof TierHistoryView>;

// --- evidence (of a recommendation, a qualitative claim, an indicium) ---------------------------

export const EvidenceBody = z.strictObject({
  kind: EvidenceKind,
  category: EvidenceCategory,
  /** kind `case`: the case (the linker must be able to read it). */
  caseId: Id.optional(),
  /** kind activity/statistic/document: the figure's key, the table, the document's reference. */
  reference: OptionalText(300).optional(),
  description: Text(5000),
  /** Only for a qualitative claim. */
  stance: EvidenceStance.optional(),
  periodKey: PeriodKey.optional(),
});
export type EvidenceBody = z.infer<typeof EvidenceBody>;

export const EvidenceView = z.object({
  id: Id,
  kind: EvidenceKind,
  category: EvidenceCategory,
  /** Present only to a reader who may read the case; evidence on an unreadable case is not listed. */
  case: z.object({ id: Id, reference: z.string() }).nullable(),
  reference: z.string().nullable(),
  description: z.string(),
  stance: EvidenceStance.nullable(),
  period: PeriodView.nullable(),
  addedAt: z.string(),
});
export type EvidenceView = z.infer<typeof EvidenceView>;

// --- recommendations follow-up ------------------------------------------------------------------

export const RecommendationUpdate = z.strictObject({
  version: Version,
  agencyIds: z.array(Id).max(30).optional(),
  /** Action-plan tasks (coordination). */
  taskIds: z.array(Id).max(50).optional(),
  /** The same recommendation in an earlier year; null to unlink. */
  previousId: Id.nullable().optional(),
  text: Text(5000).optional(),
});
export type RecommendationUpdate = z.infer<typeof RecommendationUpdate>;

export const StatusChange = z.strictObject({
  version: Version,
  status: RecommendationStatus,
  /** Required when not accepted. */
  reason: OptionalText(5000).optional(),
});
export type StatusChange = z.infer<typeof StatusChange>;

export const BoardQuery = z.strictObject({
  jurisdiction: Country.optional(),
  agencyId: Id.optional(),
  status: RecommendationStatus.optional(),
  year: z.coerce.number().int().optional(),
});
export type BoardQuery = z.infer<typeof BoardQuery>;

export const RecommendationCard = RecommendationRef.extend({
  jurisdiction: z.string(),
  agencies: z.array(z.object({ id: Id, code: z.string() })),
  /** The year of the earliest report in the chain of repeats. */
  firstYear: z.number(),
  /** Report years the recommendation has stood open (1 = first made this year). */
  yearsOpen: z.number(),
  tasks: z.number(),
  evidence: z.number(),
  version: z.number(),
});
export type RecommendationCard = z.infer<typeof RecommendationCard>;

export const StatusHistoryEntry = z.object({
  status: RecommendationStatus,
  reason: z.string().nullable(),
  at: z.string(),
  by: z.object({ id: Id, name: z.string() }).nullable(),
});

export const RecommendationView = RecommendationCard.extend({
  reason: z.string().nullable(),
  taskIds: z.array(Id),
  evidenceItems: z.array(EvidenceView),
  history: z.array(StatusHistoryEntry),
  previous: RecommendationRef.nullable(),
  repeatedIn: z.array(RecommendationRef),
});
export type RecommendationView = z.infer<typeof RecommendationView>;

export const LinkSuggestion = RecommendationRef.extend({ similarity: z.number() });
export type LinkSuggestion = z.infer<typeof LinkSuggestion>;

// --- claims -------------------------------------------------------------------------------------

export const ClaimUpdate = z.strictObject({
  version: Version,
  subject: ClaimSubject.optional(),
  value: z.number().int().min(0).max(10_000_000).nullable().optional(),
  periodKey: PeriodKey.optional(),
  kind: ClaimKind.optional(),
  text: Text(5000).optional(),
});
export type ClaimUpdate = z.infer<typeof ClaimUpdate>;

export const RecordLink = z.object({
  kind: z.enum(['case', 'case_person']),
  id: Id,
  caseId: Id,
  reference: z.string(),
});

export const NumericCheck = z.object({
  claim: ClaimView,
  outcome: ClaimOutcome,
  /** Guia's figure for the claim's period; null when not measurable. */
  guia: z.number().nullable(),
  /** The records behind Guia's figure that the reader may see (the figure counts them all). */
  records: z.array(RecordLink),
  hiddenRecords: z.number(),
});
export type NumericCheck = z.infer<typeof NumericCheck>;

export const QualitativeCheck = z.object({ claim: ClaimView, evidence: z.array(EvidenceView) });

export const ClaimCheckView = z.object({
  assessmentId: Id,
  year: z.number(),
  period: PeriodView,
  numeric: z.array(NumericCheck),
  qualitative: z.array(QualitativeCheck),
  /** Where Guia's figures come from: the statistics indicator engine, or this module's counts. */
  figuresSource: z.enum(['indicators', 'assessments']),
});
export type ClaimCheckView = z.infer<typeof ClaimCheckView>;

export const DiscrepancyQuery = z.strictObject({ jurisdiction: Country.optional() });
export const DiscrepancyList = z.array(
  z.object({
    assessmentId: Id,
    jurisdiction: z.string(),
    year: z.number(),
    discrepancies: z.array(NumericCheck),
  }),
);
export type DiscrepancyList = z.infer<typeof DiscrepancyList>;

// --- submissions --------------------------------------------------------------------------------

export const SubmissionBody = z.strictObject({
  sourceId: Id,
  /** The report year the data were asked for. */
  year: z.number().int(),
  receivedOn: IsoDate,
  /** Who asked (e.g. the consulate), as the request says. */
  requestedBy: Text(300),
  request: OptionalText(20_000).optional(),
  submittedOn: IsoDate.optional(),
  submittedTo: OptionalText(300).optional(),
  description: OptionalText(20_000).optional(),
});
export type SubmissionBody = z.infer<typeof SubmissionBody>;

export const SubmissionUpdate = z.strictObject({
  version: Version,
  request: OptionalText(20_000).nullable().optional(),
  submittedOn: IsoDate.nullable().optional(),
  submittedTo: OptionalText(300).nullable().optional(),
  description: OptionalText(20_000).nullable().optional(),
});
export type SubmissionUpdate = z.infer<typeof SubmissionUpdate>;

export const SubmissionQuery = z.strictObject({
  sourceId: Id.optional(),
  year: z.coerce.number().int().optional(),
});

export const SubmissionFileBody = z.strictObject({
  fileName: Text(255),
  mediaType: UploadMediaType,
  /** The file, base64 (at most 5 MB decoded). */
  content: z.string().min(1).max(7_000_000),
});
export type SubmissionFileBody = z.infer<typeof SubmissionFileBody>;

export const SubmissionFileView = z.object({
  id: Id,
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  addedAt: z.string(),
});

export const SubmissionView = z.object({
  id: Id,
  source: SourceView,
  year: z.number(),
  receivedOn: z.string(),
  requestedBy: z.string(),
  request: z.string().nullable(),
  submittedOn: z.string().nullable(),
  submittedTo: z.string().nullable(),
  description: z.string().nullable(),
  /** A request received and not answered: the presumption rule would apply. */
  outstanding: z.boolean(),
  files: z.array(SubmissionFileView),
  version: z.number(),
});
export type SubmissionView = z.infer<typeof SubmissionView>;

// --- self-assessment ----------------------------------------------------------------------------

export const IndiciumUpdate = z.strictObject({ gaps: OptionalText(20_000).nullable() });
export type IndiciumUpdate = z.infer<typeof IndiciumUpdate>;

export const SelfAssessmentView = z.object({
  assessmentId: Id,
  year: z.number(),
  period: PeriodView,
  indicia: z.array(
    z.object({
      indicium: z.number(),
      evidence: z.array(EvidenceView),
      /** Concrete-action categories of its evidence, sorted. */
      categories: z.array(EvidenceCategory),
      gaps: z.string().nullable(),
      /** No evidence for the period. */
      flagged: z.boolean(),
    }),
  ),
});
export type SelfAssessmentView = z.infer<typeof SelfAssessmentView>;

// --- response document --------------------------------------------------------------------------

export const ResponseQuery = z.strictObject({ language: Language.default('en') });
export type ResponseQuery = z.infer<typeof ResponseQuery>;

export const ResponsePointBody = z.strictObject({
  language: Language,
  text: OptionalText(50_000),
  /** The version of the text being replaced; absent for a first text. */
  version: Version.optional(),
});
export type ResponsePointBody = z.infer<typeof ResponsePointBody>;

export const ResponseFigure = z.object({
  subject: ClaimSubject,
  period: PeriodView,
  /** Null when suppressed by the publication rules (a small count). */
  value: z.number().nullable(),
  suppressed: z.boolean(),
});

export const ResponsePoint = z.object({
  kind: z.enum(['recommendation', 'claim']),
  targetId: Id,
  /** The recommendation or the claim as the report has it. */
  quote: z.string(),
  status: RecommendationStatus.nullable(),
  claimed: z.number().nullable(),
  figures: z.array(ResponseFigure),
  categories: z.array(EvidenceCategory),
  text: z.string(),
  textVersion: z.number().nullable(),
});
export type ResponsePoint = z.infer<typeof ResponsePoint>;

export const ResponsePreview = z.object({
  assessmentId: Id,
  jurisdiction: z.string(),
  year: z.number(),
  period: PeriodView,
  language: Language,
  /** The publication rule set applied to the figures (null: none available, figures exact). */
  publication: z.object({ rules: z.string().nullable(), threshold: z.number().nullable() }),
  points: z.array(ResponsePoint),
});
export type ResponsePreview = z.infer<typeof ResponsePreview>;

export const ResponseTextView = z.object({
  targetId: Id,
  language: Language,
  text: z.string(),
  version: z.number(),
});
export type ResponseTextView = z.infer<typeof ResponseTextView>;
