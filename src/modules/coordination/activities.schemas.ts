import { z } from 'zod';
import { AgencyRef } from '../shared.schemas.js';
import { periodKinds } from '../../core/periods.js';
import { Id, Version } from '../access/access.schemas.js';
import { IsoDate } from '../cases/cases.schemas.js';

// Prevention and enforcement figures an agency reports per quarter (issue 7, item 4). Every
// figure is a count (or, for the budget, whole patacas): a negative or fractional value is
// refused naming its field (`inspections.venues`), and nothing is written.

/** Who was trained: the professions the TIP Report and the committee count trainings by. */
export const professions = [
  'police',
  'prosecution',
  'judiciary',
  'immigration_customs',
  'labour_inspection',
  'social_work',
  'health',
  'education',
  'ngo',
  'other',
] as const;
export type Profession = (typeof professions)[number];

export const campaignKinds = [
  'broadcast',
  'online',
  'print',
  'outreach_event',
  'school',
  'workplace',
  'border_point',
  'other',
] as const;
export type CampaignKind = (typeof campaignKinds)[number];

const Count = z.number().int().min(0).max(1_000_000_000);
/** A language code (ISO 639, optionally with a script or region): `zh-Hant`, `tl`, `id`. */
const LanguageCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,4})?$/, 'language_code');

export const Campaign = z.strictObject({
  kind: z.enum(campaignKinds),
  languages: z.array(LanguageCode).min(1).max(20),
  /** People reached (audience, copies, views), as the agency estimates it. */
  reach: Count,
});
export type Campaign = z.infer<typeof Campaign>;

const Inspections = z.strictObject({ venues: Count, labour: Count, employmentAgencies: Count });
const Hotline = z.strictObject({ calls: Count, helpRequests: Count, referrals: Count });

/** One agency's figures for one quarter, as written. */
export const ActivityFigures = z.strictObject({
  inspections: Inspections,
  trainings: z.strictObject({
    sessions: Count,
    /** People trained by profession; a profession left out trained nobody. */
    trained: z.partialRecord(z.enum(professions), Count),
  }),
  campaigns: z.array(Campaign).max(100),
  hotline: Hotline,
  /** Spent on anti-trafficking work in the quarter, whole patacas (MOP). */
  budget: Count,
});
export type ActivityFigures = z.infer<typeof ActivityFigures>;

export const ActivityReportBody = ActivityFigures.extend({
  /** The version read; absent when the agency reports the quarter for the first time. */
  version: Version.optional(),
});
export type ActivityReportBody = z.infer<typeof ActivityReportBody>;

export const ActivityReportParams = z.strictObject({ period: z.string().max(16), agencyId: Id });
export type ActivityReportParams = z.infer<typeof ActivityReportParams>;

export const ActivityReportView = ActivityFigures.extend({
  id: Id,
  agency: AgencyRef,
  period: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ActivityReportView = z.infer<typeof ActivityReportView>;

/** Sums over quarters, agencies or both. */
export const ActivityTotals = z.object({
  inspections: Inspections,
  trainings: z.object({
    sessions: z.number(),
    trained: z.record(z.enum(professions), z.number()),
    trainedTotal: z.number(),
  }),
  campaigns: z.object({
    count: z.number(),
    reach: z.number(),
    byKind: z.record(z.enum(campaignKinds), z.number()),
    languages: z.array(z.string()),
  }),
  hotline: Hotline,
  budget: z.number(),
});
export type ActivityTotals = z.infer<typeof ActivityTotals>;

export const PeriodView = z.object({
  kind: z.enum(periodKinds),
  key: z.string(),
  start: z.string(),
  end: z.string(),
});

export const GridQuery = z.strictObject({ period: z.string().max(16) });

export const ActivityGrid = z.object({
  period: PeriodView,
  /** Only a quarter is written; a year or a TIP period shows the sums of its quarters. */
  editable: z.boolean(),
  rows: z.array(
    z.object({
      agency: AgencyRef,
      /** Quarters of the period this agency reported. */
      quarters: z.number().int(),
      /** The quarter's report version, for a quarter the agency reported. */
      version: z.number().int().nullable(),
      totals: ActivityTotals,
      /** Whether the viewer may write this agency's figures. */
      canReport: z.boolean(),
    }),
  ),
  total: ActivityTotals,
});
export type ActivityGrid = z.infer<typeof ActivityGrid>;

export const TotalsQuery = z.strictObject({
  kind: z.enum(periodKinds),
  from: IsoDate,
  to: IsoDate,
  agencyId: Id.optional(),
});
export type TotalsQuery = z.infer<typeof TotalsQuery>;

export const ActivityTotalsView = z.object({
  periods: z.array(
    z.object({
      period: PeriodView,
      total: ActivityTotals,
      agencies: z.array(z.object({ agency: AgencyRef, totals: ActivityTotals })),
    }),
  ),
});
export type ActivityTotalsView = z.infer<typeof ActivityTotalsView>;
