import { z } from 'zod';
import { AgencyRef, Text, UserRef, VictimRef } from '../shared.schemas.js';
import { DIMENSIONS, LIST_IDS, STRENGTHS } from '../../core/screening/indicator-catalogue.js';
import { Id, Version } from '../access/access.schemas.js';
import { code, IsoDate } from '../cases/cases.schemas.js';

// Protection of a victim in a case: screening, consent, referrals between agencies,
// services delivered and support plans. Free text (notes, details, reasons, objectives)
// is sealed at rest; everything a statistic needs is a code or a date.

/** A language as BCP 47 writes it (tl, vi, zh-Hant, pt-BR): the web names it in the reader's language. */
const LanguageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language_tag')
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  }, 'language_tag');
const Label = z.object({ en: z.string(), 'zh-Hant': z.string(), pt: z.string() });

export const ListId = z.enum(LIST_IDS);
export const Dimension = z.enum(DIMENSIONS);
export const IndicatorAnswer = z.enum(['yes', 'no', 'unanswered']);
export const ReferralStatus = z.enum(['sent', 'accepted', 'declined', 'completed']);
export type ReferralStatus = z.infer<typeof ReferralStatus>;

// --- params --------------------------------------------------------------------------------

export const VictimParams = z.strictObject({ id: Id, casePersonId: Id });
export type VictimParams = z.infer<typeof VictimParams>;
export const ConsentParams = z.strictObject({ id: Id, casePersonId: Id, consentId: Id });
export const ReferralParams = z.strictObject({ referralId: Id });
export const ServiceParams = z.strictObject({ serviceId: Id });
export const PlanParams = z.strictObject({ planId: Id });

// --- screening -----------------------------------------------------------------------------

export const CatalogueView = z.object({
  version: z.string(),
  source: z.string(),
  dimensions: z.array(z.object({ id: Dimension, label: Label })),
  lists: z.array(
    z.object({
      id: ListId,
      label: Label,
      source: z.string(),
      /** False while the list has not been checked line by line against the publication. */
      complete: z.boolean(),
      /** Lists for children go with `child: true` screenings. */
      child: z.boolean(),
      indicators: z.array(
        z.object({ id: z.string(), dimension: Dimension, strength: z.enum(STRENGTHS), label: Label }),
      ),
    }),
  ),
});
export type CatalogueView = z.infer<typeof CatalogueView>;

export const ScreeningBody = z.strictObject({
  list: ListId,
  /** Under 18 at the time of recruitment: the means element is then not required. */
  child: z.boolean(),
  /** By indicator id of the chosen list; an indicator left out is unanswered. */
  answers: z.record(z.string().min(1).max(64), IndicatorAnswer),
  screenedOn: IsoDate,
  /** What was observed during the interview: free text, kept encrypted. */
  notes: Text(5000).optional(),
  interviewLanguage: LanguageTag.optional(),
  /** Whether an interpreter took part in the interview. */
  interpreter: z.boolean().optional(),
});
export type ScreeningBody = z.infer<typeof ScreeningBody>;

/** Under 18 today by the sealed birth date, or null when no birth date is recorded. */
export const ScreeningContextView = z.object({ under18: z.boolean().nullable() });
export type ScreeningContextView = z.infer<typeof ScreeningContextView>;

const DimensionResult = z.object({
  strong: z.number().int(),
  medium: z.number().int(),
  weak: z.number().int(),
  positive: z.boolean(),
});

export const ScreeningView = z.object({
  id: Id,
  caseId: Id,
  casePersonId: Id,
  catalogueVersion: z.string(),
  list: ListId,
  child: z.boolean(),
  screenedOn: z.string(),
  answers: z.record(z.string(), IndicatorAnswer),
  result: z.object({
    status: z.enum(['complete', 'incomplete']),
    /** Null while incomplete and not yet positive: an unanswered indicator is not a "no". */
    presumedVictim: z.boolean().nullable(),
    positiveDimensions: z.array(Dimension),
    dimensions: z.record(Dimension, DimensionResult),
    unanswered: z.number().int(),
  }),
  notes: z.string().nullable(),
  interviewLanguage: z.string().nullable(),
  interpreter: z.boolean().nullable(),
  screenedBy: UserRef.nullable(),
  recordedAt: z.string(),
});
export type ScreeningView = z.infer<typeof ScreeningView>;

// --- consent -------------------------------------------------------------------------------

export const ConsentBody = z.strictObject({
  purpose: code('consent_purpose'),
  informedOf: z.array(code('consent_information')).min(1).max(10),
  givenOn: IsoDate,
  note: Text(5000).optional(),
});
export type ConsentBody = z.infer<typeof ConsentBody>;

export const WithdrawConsentBody = z.strictObject({ withdrawnOn: IsoDate });
export type WithdrawConsentBody = z.infer<typeof WithdrawConsentBody>;

export const ConsentView = z.object({
  id: Id,
  caseId: Id,
  casePersonId: Id,
  purpose: z.string(),
  informedOf: z.array(z.string()),
  givenOn: z.string(),
  withdrawnOn: z.string().nullable(),
  active: z.boolean(),
  note: z.string().nullable(),
  recordedBy: UserRef.nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConsentView = z.infer<typeof ConsentView>;

// --- referrals -----------------------------------------------------------------------------

export const ReferralBody = z.strictObject({
  toAgencyId: Id,
  serviceKind: code('service_kind'),
  reason: code('referral_reason'),
  details: Text(5000).optional(),
  sentOn: IsoDate,
  /** Sends without a `referral` consent; why must be said, and is kept sealed and audited. */
  consentOverrideReason: z.string().trim().min(20).max(2000).optional(),
});
export type ReferralBody = z.infer<typeof ReferralBody>;

export const AcceptReferralBody = z.strictObject({ acceptedOn: IsoDate.optional() });
export type AcceptReferralBody = z.infer<typeof AcceptReferralBody>;
export const DeclineReferralBody = z.strictObject({ reason: Text(2000), declinedOn: IsoDate.optional() });
export type DeclineReferralBody = z.infer<typeof DeclineReferralBody>;
export const CompleteReferralBody = z.strictObject({ completedOn: IsoDate });
export type CompleteReferralBody = z.infer<typeof CompleteReferralBody>;

/** Giving an accepted referral to a named worker of the receiving agency (or to another). */
export const AssignReferralBody = z.strictObject({ assigneeId: Id, version: Version });
export type AssignReferralBody = z.infer<typeof AssignReferralBody>;
export const AssigneeList = z.array(UserRef);

export const ReferralView = z.object({
  id: Id,
  caseId: Id,
  casePersonId: Id,
  fromAgency: AgencyRef,
  toAgency: AgencyRef,
  serviceKind: z.string(),
  reason: z.string(),
  details: z.string().nullable(),
  status: ReferralStatus,
  sentOn: z.string(),
  sentBy: UserRef.nullable(),
  respondedOn: z.string().nullable(),
  respondedBy: UserRef.nullable(),
  declineReason: z.string().nullable(),
  completedOn: z.string().nullable(),
  sentWithoutConsent: z.boolean(),
  consentOverrideReason: z.string().nullable(),
  /** The worker of the receiving agency the accepted referral was given to. */
  assignedTo: UserRef.nullable(),
  assignedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReferralView = z.infer<typeof ReferralView>;

/** What the receiving agency sees before it works the case: a pseudonym, never a name, and no free text. */
export const ReferralInboxItem = z.object({
  id: Id,
  ...VictimRef.shape,
  fromAgency: AgencyRef,
  serviceKind: z.string(),
  reason: z.string(),
  /** What the sender wrote for the receiving agency (safety information among it). */
  details: z.string().nullable(),
  status: ReferralStatus,
  sentOn: z.string(),
  respondedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  sentWithoutConsent: z.boolean(),
  assignedTo: UserRef.nullable(),
  assignedAt: z.string().nullable(),
  version: z.number().int(),
});
export type ReferralInboxItem = z.infer<typeof ReferralInboxItem>;

export const InboxQuery = z.strictObject({
  status: ReferralStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export const ReferralInbox = z.object({
  items: z.array(ReferralInboxItem),
  nextCursor: z.string().nullable(),
});
export type ReferralInbox = z.infer<typeof ReferralInbox>;

// --- services ------------------------------------------------------------------------------

export const ServiceBody = z.strictObject({
  kind: code('service_kind'),
  providerAgencyId: Id.optional(),
  referralId: Id.optional(),
  startDate: IsoDate,
  endDate: IsoDate.optional(),
  note: Text(5000).optional(),
});
export type ServiceBody = z.infer<typeof ServiceBody>;

export const ServiceUpdate = z.strictObject({
  version: Version,
  endDate: IsoDate.nullable().optional(),
  note: Text(5000).nullable().optional(),
});
export type ServiceUpdate = z.infer<typeof ServiceUpdate>;

export const ServiceView = z.object({
  id: Id,
  caseId: Id,
  casePersonId: Id,
  kind: z.string(),
  providerAgency: AgencyRef.nullable(),
  referralId: Id.nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ServiceView = z.infer<typeof ServiceView>;

// --- support plans (HTCDS spl_) ------------------------------------------------------------

export const SupportPlanBody = z.strictObject({
  type: code('support_plan_type'),
  objectives: Text(20_000),
  startDate: IsoDate,
  plannedEndDate: IsoDate.optional(),
});
export type SupportPlanBody = z.infer<typeof SupportPlanBody>;

export const SupportPlanUpdate = z.strictObject({
  version: Version,
  objectives: Text(20_000).optional(),
  plannedEndDate: IsoDate.nullable().optional(),
  actualEndDate: IsoDate.nullable().optional(),
});
export type SupportPlanUpdate = z.infer<typeof SupportPlanUpdate>;

export const SupportPlanView = z.object({
  id: Id,
  caseId: Id,
  casePersonId: Id,
  type: z.string(),
  objectives: z.string(),
  startDate: z.string(),
  plannedEndDate: z.string().nullable(),
  actualEndDate: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SupportPlanView = z.infer<typeof SupportPlanView>;
