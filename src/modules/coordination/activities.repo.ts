import type { Insertable, Selectable } from 'kysely';
import type {
  ActivityCampaignTable,
  ActivityFigureTable,
  ActivityReportTable,
  Executor,
} from '../../db/schema.js';
import { updateStamps, updateVersionedOrStale } from '../../db/versioned.js';

export type ActivityReportRow = Selectable<ActivityReportTable>;
export type FigureRow = Selectable<ActivityFigureTable>;
export type CampaignRow = Selectable<ActivityCampaignTable>;

/** Which reports a sum covers: quarters starting in [from, to], of one agency or all. */
export type ReportRange = { from: string; to: string; agencyId?: string | undefined };

export type SummedFigure = {
  agency_id: string;
  period_start: string;
  metric: string;
  dimension: string;
  value: number;
};
export type RangeCampaign = {
  agency_id: string;
  period_start: string;
  kind: string;
  languages: string;
  reach: number;
};

export const activitiesRepo = {
  report: (db: Executor, agencyId: string, periodKey: string) =>
    db
      .selectFrom('activity_reports')
      .selectAll()
      .where('agency_id', '=', agencyId)
      .where('period_key', '=', periodKey)
      .executeTakeFirst(),

  figuresOf: (db: Executor, reportId: string) =>
    db.selectFrom('activity_figures').selectAll().where('report_id', '=', reportId).execute(),

  campaignsOf: (db: Executor, reportId: string) =>
    db
      .selectFrom('activity_campaigns')
      .selectAll()
      .where('report_id', '=', reportId)
      .orderBy('position')
      .execute(),

  insertReport: (db: Executor, row: Insertable<ActivityReportTable>) =>
    db.insertInto('activity_reports').values(row).execute(),

  touchReport: (db: Executor, id: string, version: number, now: string, userId: string) =>
    updateVersionedOrStale(db, 'activity_reports', id, version, updateStamps(userId, now), 'activity_report'),

  /** Replaces a report's figures and campaigns with the ones given. */
  async replaceContents(
    db: Executor,
    reportId: string,
    figures: FigureRow[],
    campaigns: Insertable<ActivityCampaignTable>[],
  ): Promise<void> {
    await db.deleteFrom('activity_figures').where('report_id', '=', reportId).execute();
    await db.deleteFrom('activity_campaigns').where('report_id', '=', reportId).execute();
    if (figures.length > 0) await db.insertInto('activity_figures').values(figures).execute();
    if (campaigns.length > 0) await db.insertInto('activity_campaigns').values(campaigns).execute();
  },

  /** Report versions per agency for quarters starting in the range. */
  reportsIn: (db: Executor, range: ReportRange) =>
    db
      .selectFrom('activity_reports')
      .select(['id', 'agency_id', 'period_start', 'version'])
      .where('period_start', '>=', range.from)
      .where('period_start', '<=', range.to)
      .$if(range.agencyId !== undefined, (q) => q.where('agency_id', '=', range.agencyId ?? ''))
      .execute(),

  /** Figures summed per agency, quarter, metric and dimension (one row each). */
  async sumsIn(db: Executor, range: ReportRange): Promise<SummedFigure[]> {
    const rows = await db
      .selectFrom('activity_figures')
      .innerJoin('activity_reports', 'activity_reports.id', 'activity_figures.report_id')
      .select((eb) => [
        'activity_reports.agency_id',
        'activity_reports.period_start',
        'activity_figures.metric',
        'activity_figures.dimension',
        eb.cast<number>(eb.fn.sum('activity_figures.value'), 'bigint').as('value'),
      ])
      .where('activity_reports.period_start', '>=', range.from)
      .where('activity_reports.period_start', '<=', range.to)
      .$if(range.agencyId !== undefined, (q) =>
        q.where('activity_reports.agency_id', '=', range.agencyId ?? ''),
      )
      .groupBy([
        'activity_reports.agency_id',
        'activity_reports.period_start',
        'activity_figures.metric',
        'activity_figures.dimension',
      ])
      .execute();
    // PostgreSQL returns a bigint as text: numbers leave the repository as numbers.
    return rows.map((row) => ({ ...row, value: Number(row.value) }));
  },

  async campaignsIn(db: Executor, range: ReportRange): Promise<RangeCampaign[]> {
    const rows = await db
      .selectFrom('activity_campaigns')
      .innerJoin('activity_reports', 'activity_reports.id', 'activity_campaigns.report_id')
      .select([
        'activity_reports.agency_id',
        'activity_reports.period_start',
        'activity_campaigns.kind',
        'activity_campaigns.languages',
        'activity_campaigns.reach',
      ])
      .where('activity_reports.period_start', '>=', range.from)
      .where('activity_reports.period_start', '<=', range.to)
      .$if(range.agencyId !== undefined, (q) =>
        q.where('activity_reports.agency_id', '=', range.agencyId ?? ''),
      )
      .execute();
    return rows.map((row) => ({ ...row, reach: Number(row.reach) }));
  },
};
