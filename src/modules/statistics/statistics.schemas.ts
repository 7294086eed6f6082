import { z } from 'zod';

// The statistics API speaks counts only: every response is a table of cells (dimension values
// and a count, or a sum), never a record. Dimension values are Guia's canonical codes (the code
// lists of src/core/vocabularies); `null` is "not recorded". CTDC / HTCDS / GLOTIP names appear
// only at the edges (import, export, `guia stats`).

/** The record kinds the indicator engine counts; each registers its own dimensions. */
export const recordKinds = [
  'victim',
  'case',
  'suspect',
  'prosecution',
  'conviction',
  'sentence',
  'service',
  'referral',
  'activity',
] as const;
export const RecordKind = z.enum(recordKinds);
export type RecordKind = z.infer<typeof RecordKind>;

/**
 * Breakdown dimensions. Multi-valued ones (form, sector, sexType, means, recruiter, nationality for
 * dual citizens) follow the CTDC denominator rule: a record counts once under each value it holds,
 * and shares of a value are taken over the records holding at least one value (`denominator`).
 */
export const dimensions = [
  'sex',
  'ageBand',
  'ageGroup',
  'nationality',
  'countryOfExploitation',
  'form',
  /** CTDC's three families (isForcedLabour, isSexualExploit, isOtherExploit) of the forms. */
  'formFamily',
  'sector',
  'sexType',
  'means',
  'recruiter',
  'duration',
  'stage',
  'agency',
  'status',
  'kind',
  'suspended',
  'sentenceBand',
] as const;
export const Dimension = z.enum(dimensions);
export type Dimension = z.infer<typeof Dimension>;

/** `all` is no period at all (one cell per breakdown); the others are src/core/periods.ts kinds. */
export const statPeriodKinds = ['all', 'year', 'tip', 'month'] as const;
export const StatPeriodKind = z.enum(statPeriodKinds);
export type StatPeriodKind = z.infer<typeof StatPeriodKind>;

const DimList = z
  .string()
  .trim()
  .transform((s) => (s === '' ? [] : s.split(',').map((d) => d.trim())))
  .pipe(z.array(Dimension).max(2))
  .refine((dims) => new Set(dims).size === dims.length, { message: 'duplicate' });

/** GET /api/v1/statistics/indicators?kind=victim&period=year&by=sex,nationality&from=2019&to=2024 */
export const IndicatorQuery = z.strictObject({
  kind: RecordKind,
  period: StatPeriodKind.default('all'),
  by: DimList.default([]),
  /** Period keys bounding the result (inclusive): `2019`, `TIP2020`, `2021-04`. */
  from: z.string().trim().max(10).optional(),
  to: z.string().trim().max(10).optional(),
  /** Only records from this source: `guia` (the case records) or an imported dataset's name. */
  source: z.string().trim().min(1).max(100).optional(),
});
export type IndicatorQuery = z.infer<typeof IndicatorQuery>;

export const Cell = z.object({
  /** The period key (`2024`, `TIP2024`, `2024-05`), or null when the period is `all` or the date is unknown. */
  period: z.string().nullable(),
  /** One value per requested dimension, in the order asked; null = not recorded. */
  values: z.array(z.string().nullable()),
  count: z.number().int(),
  /** The kind's measure summed (e.g. months of imprisonment for sentences); 0 when the kind has none. */
  sum: z.number(),
});
export type Cell = z.infer<typeof Cell>;

export const IndicatorResult = z.object({
  kind: RecordKind,
  period: StatPeriodKind,
  by: z.array(Dimension),
  /** Records counted (each once, whatever its multi-valued dimensions). */
  total: z.number().int(),
  /**
   * Per multi-valued dimension asked: the records holding at least one value, the denominator
   * of its shares under the CTDC rule.
   */
  denominators: z.record(z.string(), z.number().int()),
  /** `measure`: what `sum` adds up (null when the kind has no measure). */
  measure: z.string().nullable(),
  cells: z.array(Cell),
});
export type IndicatorResult = z.infer<typeof IndicatorResult>;

/** What a kind can be broken down by, for the query builder of the dashboard. */
export const KindCatalogue = z.array(
  z.object({
    kind: RecordKind,
    dimensions: z.array(Dimension),
    multiValued: z.array(Dimension),
    measure: z.string().nullable(),
  }),
);

/** GET /api/v1/statistics/dashboard?period=year|tip&year=2024 */
export const DashboardQuery = z.strictObject({
  period: z.enum(['year', 'tip']).default('year'),
  /** The calendar year or TIP report year the report page is about; absent = every year. */
  year: z.coerce.number().int().min(1900).max(2999).optional(),
  source: z.string().trim().min(1).max(100).optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** The standard dashboard: named panels, each an indicator result. */
export const Dashboard = z.object({
  period: z.enum(['year', 'tip']),
  year: z.number().int().nullable(),
  panels: z.array(z.object({ id: z.string(), result: IndicatorResult })),
});
export type Dashboard = z.infer<typeof Dashboard>;

// --- import and export -----------------------------------------------------------------------

export const importFormats = ['ctdc', 'htcds'] as const;
export const ImportFormat = z.enum(importFormats);
export type ImportFormat = z.infer<typeof ImportFormat>;

/** One problem of an import, where it is: 1-based data row (header = row 1), CTDC/HTCDS column. */
export const ImportProblem = z.object({
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  problem: z.string(),
  value: z.string().nullable(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportReport = z.object({
  format: ImportFormat,
  /** The dataset name (tag of the rows): `ctdc:<first 12 hex of the file's SHA-256>` unless named. */
  dataset: z.string(),
  sha256: z.string(),
  rows: z.number().int(),
  imported: z.number().int(),
  /** True when this very file was imported before: nothing changed. */
  alreadyImported: z.boolean(),
  problems: z.array(ImportProblem),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportQuery = z.strictObject({
  format: ImportFormat,
  /** Name of the dataset the rows are tagged with; default from the file's hash. */
  dataset: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._:-]{1,60}$/)
    .optional(),
  /** HTCDS spreadsheets: `xlsx`; anything else is read as CSV. */
  type: z.enum(['csv', 'xlsx']).default('csv'),
});

export const Dataset = z.object({
  name: z.string(),
  format: ImportFormat,
  sha256: z.string(),
  rows: z.number().int(),
  importedAt: z.string(),
});
export const DatasetList = z.array(Dataset);

export const exportLayouts = ['htcds', 'ctdc', 'glotip'] as const;
export const ExportLayout = z.enum(exportLayouts);
export type ExportLayout = z.infer<typeof ExportLayout>;

/** GET /api/v1/statistics/exports/:layout?type=csv|xlsx&year=2024&source=… */
export const ExportQuery = z.strictObject({
  type: z.enum(['csv', 'xlsx']).default('csv'),
  year: z.coerce.number().int().min(1900).max(2999).optional(),
  source: z.string().trim().min(1).max(100).optional(),
  /**
   * GLOTIP for publication: the name of a rule set every table passes (small counts `<T`,
   * secondary `x`, audited). Without it the export is the unprotected one, for internal use.
   */
  ruleSet: z.string().trim().min(1).max(60).optional(),
});
export const ExportParams = z.strictObject({ layout: ExportLayout });

// --- the secretariat's yearly report --------------------------------------------------------

/** GET /api/v1/statistics/report?period=year|tip&year=2024 (and /report.pdf|xlsx|csv with `lang`). */
export const ReportQuery = z.strictObject({
  period: z.enum(['year', 'tip']).default('year'),
  /** The calendar year, or the TIP report year (TIP2024 = 1 April 2023 – 31 March 2024). */
  year: z.coerce.number().int().min(1900).max(2999),
  source: z.string().trim().min(1).max(100).optional(),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

export const ReportFileQuery = ReportQuery.extend({ lang: z.enum(['en', 'zh-Hant', 'pt']).optional() });
export const ReportFileParams = z.strictObject({ format: z.enum(['pdf', 'xlsx', 'csv']) });

export const ReportSection = z.object({
  id: z.string(),
  kind: RecordKind,
  /** The breakdown, or null for a total only. */
  dimension: Dimension.nullable(),
  /** Records counted (each once). */
  total: z.number().int(),
  /** For a multi-valued breakdown: the records holding at least one value (the CTDC denominator). */
  recordsWithValue: z.number().int().nullable(),
  /** The kind's measure summed (months of imprisonment for sentences), or null. */
  measure: z.number().nullable(),
  rows: z.array(z.object({ value: z.string().nullable(), count: z.number().int() })),
});

export const YearlyReport = z.object({
  period: z.enum(['year', 'tip']),
  year: z.number().int(),
  /** The period key (`2024`, `TIP2024`) and its first and last day. */
  key: z.string(),
  start: z.string(),
  end: z.string(),
  sections: z.array(ReportSection),
});
export type YearlyReport = z.infer<typeof YearlyReport>;
