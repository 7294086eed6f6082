import { z } from 'zod';
import { Dimension, RecordKind } from './statistics.schemas.js';

// Publication (issue 8, item 5): rule sets, releases, and the public view of released tables.
// What the public sees is only the protected table: suppressed values are null (shown as `<T`),
// never the true ones; the staff view adds who released it.

const Name = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,48}$/);

/** An epsilon as an exact fraction, e.g. "1", "0.5", "1/3". */
const EpsilonText = z
  .string()
  .trim()
  .regex(/^(\d{1,6}(\.\d{1,6})?|\d{1,6}\/\d{1,6})$/);

export const RuleSetBody = z.strictObject({
  name: Name,
  threshold: z.number().int().min(1).max(1000),
  zeros: z.enum(['show', 'suppress']).default('show'),
  roundingBase: z.number().int().min(2).max(1000).nullable().default(null),
  /** Discrete-Laplace noise with this epsilon per release; null for none. */
  epsilon: EpsilonText.nullable().default(null),
});
export type RuleSetBody = z.infer<typeof RuleSetBody>;

export const RuleSetView = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  threshold: z.number().int(),
  zeros: z.enum(['show', 'suppress']),
  roundingBase: z.number().int().nullable(),
  epsilon: z.string().nullable(),
  createdAt: z.string(),
});
export type RuleSetView = z.infer<typeof RuleSetView>;

/** The query a released table comes from: one kind, rows × columns, one period or all. */
export const TableQuery = z
  .strictObject({
    kind: RecordKind,
    rows: Dimension,
    cols: Dimension,
    period: z.enum(['all', 'year', 'tip']).default('all'),
    /** `2024` for a calendar year, `TIP2024` for a TIP period; required unless period is `all`. */
    periodKey: z
      .string()
      .trim()
      .regex(/^(TIP)?\d{4}$/)
      .optional(),
    source: z.string().trim().min(1).max(100).optional(),
  })
  .refine((q) => q.rows !== q.cols, { path: ['cols'], message: 'same_as_rows' })
  .refine((q) => (q.period === 'all') === (q.periodKey === undefined), {
    path: ['periodKey'],
    message: 'period_key',
  });
export type TableQuery = z.infer<typeof TableQuery>;

const Title = z.strictObject({
  en: z.string().trim().min(1).max(200),
  'zh-Hant': z.string().trim().min(1).max(200),
  pt: z.string().trim().min(1).max(200),
});

export const ReleaseBody = z.strictObject({
  ruleSetId: z.uuid(),
  query: TableQuery,
  title: Title,
});
export type ReleaseBody = z.infer<typeof ReleaseBody>;

const HiddenItem = z.union([
  z.object({ kind: z.literal('cell'), row: z.number().int(), col: z.number().int() }),
  z.object({ kind: z.literal('rowTotal'), row: z.number().int() }),
  z.object({ kind: z.literal('colTotal'), col: z.number().int() }),
  z.object({ kind: z.literal('total') }),
]);

export const PublishedTableView = z.object({
  table: z.array(z.array(z.number().int().nullable())),
  rowTotals: z.array(z.number().int().nullable()),
  colTotals: z.array(z.number().int().nullable()),
  total: z.number().int().nullable(),
  /** Hidden values published as small (shown `<threshold`); other hidden values show as `x`. */
  small: z.object({ threshold: z.number().int(), items: z.array(HiddenItem) }).optional(),
});

const Labels = z.array(z.string().nullable());

/** What the public page shows of a release. */
export const PublicRelease = z.object({
  id: z.string(),
  title: Title,
  ruleSet: z.object({ name: z.string(), version: z.number().int() }),
  /** Suppressed values are shown as `<threshold`. */
  threshold: z.number().int(),
  roundingBase: z.number().int().nullable(),
  noise: z.boolean(),
  query: TableQuery,
  rowLabels: Labels,
  colLabels: Labels,
  published: PublishedTableView,
  releasedAt: z.string(),
});
export type PublicRelease = z.infer<typeof PublicRelease>;

export const ReleaseView = PublicRelease.extend({
  releasedBy: z.object({ id: z.string(), name: z.string() }),
  epsilon: z.string().nullable(),
});
export type ReleaseView = z.infer<typeof ReleaseView>;

/** A release not yet made: the protected table and what the auditor found. */
export const ReleasePreview = z.object({
  rowLabels: Labels,
  colLabels: Labels,
  published: PublishedTableView,
  passed: z.boolean(),
  /** Hidden values with the range an outsider could infer; a single value blocks the release. */
  ranges: z.array(
    z.object({
      item: z.string(),
      min: z.number().int(),
      max: z.number().int().nullable(),
    }),
  ),
});
export type ReleasePreview = z.infer<typeof ReleasePreview>;

export const EpsilonLedger = z.object({
  /** The sum of epsilon over every release with noise, as an exact fraction. */
  spent: z.string(),
  releases: z.array(z.object({ id: z.string(), epsilon: z.string(), releasedAt: z.string() })),
});

export const ReleaseParams = z.strictObject({ id: z.uuid() });
