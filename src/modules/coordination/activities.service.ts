import { uuidv7 } from 'uuidv7';
import { creationStamps, updateStamps } from '../../db/versioned.js';
import { GuiaError, invalid } from '../../core/errors.js';
import { can } from '../../core/permissions.js';
import {
  parsePeriodKey,
  periodOf,
  periodsBetween,
  type Period,
  type PeriodKind,
} from '../../core/periods.js';
import type { Executor } from '../../db/schema.js';
import { agenciesRepo } from '../access/access.repo.js';
import type { Actor } from '../access/actor.js';
import { loadReferences } from '../access/references.js';
import { asCode, asId } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import {
  activitiesRepo,
  type ActivityReportRow,
  type CampaignRow,
  type FigureRow,
  type RangeCampaign,
  type SummedFigure,
} from './activities.repo.js';
import {
  campaignKinds,
  professions,
  type ActivityFigures,
  type ActivityGrid,
  type ActivityReportBody,
  type ActivityReportView,
  type ActivityTotals,
  type ActivityTotalsView,
  type Profession,
} from './activities.schemas.js';

// Figures are reported per quarter; every longer period (a year, a TIP period 1 April–31
// March) is made of whole quarters, so its totals are sums and nothing is counted twice. A
// month is finer than what is reported, and is refused rather than guessed.

const scalarMetrics = {
  'inspections.venues': (f: ActivityFigures) => f.inspections.venues,
  'inspections.labour': (f: ActivityFigures) => f.inspections.labour,
  'inspections.employment_agencies': (f: ActivityFigures) => f.inspections.employmentAgencies,
  'trainings.sessions': (f: ActivityFigures) => f.trainings.sessions,
  'hotline.calls': (f: ActivityFigures) => f.hotline.calls,
  'hotline.help_requests': (f: ActivityFigures) => f.hotline.helpRequests,
  'hotline.referrals': (f: ActivityFigures) => f.hotline.referrals,
  budget: (f: ActivityFigures) => f.budget,
} as const;
type ScalarMetric = keyof typeof scalarMetrics;
const trainedMetric = 'trainings.trained';

function figureRows(reportId: string, figures: ActivityFigures): FigureRow[] {
  const rows: FigureRow[] = Object.entries(scalarMetrics).map(([metric, read]) => ({
    report_id: reportId,
    metric,
    dimension: '',
    value: read(figures),
  }));
  for (const [profession, value] of Object.entries(figures.trainings.trained))
    rows.push({ report_id: reportId, metric: trainedMetric, dimension: profession, value });
  return rows;
}

export function emptyTotals(): ActivityTotals {
  return {
    inspections: { venues: 0, labour: 0, employmentAgencies: 0 },
    trainings: {
      sessions: 0,
      trained: Object.fromEntries(professions.map((p) => [p, 0])) as Record<Profession, number>,
      trainedTotal: 0,
    },
    campaigns: {
      count: 0,
      reach: 0,
      byKind: Object.fromEntries(campaignKinds.map((k) => [k, 0])) as ActivityTotals['campaigns']['byKind'],
      languages: [],
    },
    hotline: { calls: 0, helpRequests: 0, referrals: 0 },
    budget: 0,
  };
}

const adders: Record<ScalarMetric, (t: ActivityTotals, v: number) => void> = {
  'inspections.venues': (t, v) => (t.inspections.venues += v),
  'inspections.labour': (t, v) => (t.inspections.labour += v),
  'inspections.employment_agencies': (t, v) => (t.inspections.employmentAgencies += v),
  'trainings.sessions': (t, v) => (t.trainings.sessions += v),
  'hotline.calls': (t, v) => (t.hotline.calls += v),
  'hotline.help_requests': (t, v) => (t.hotline.helpRequests += v),
  'hotline.referrals': (t, v) => (t.hotline.referrals += v),
  budget: (t, v) => (t.budget += v),
};

function addFigure(totals: ActivityTotals, metric: string, dimension: string, value: number): void {
  if (metric === trainedMetric) {
    const profession = dimension as Profession;
    if (!(profession in totals.trainings.trained)) return;
    totals.trainings.trained[profession] += value;
    totals.trainings.trainedTotal += value;
    return;
  }
  adders[metric as ScalarMetric]?.(totals, value);
}

function addCampaign(totals: ActivityTotals, campaign: { kind: string; languages: string[]; reach: number }) {
  totals.campaigns.count += 1;
  totals.campaigns.reach += campaign.reach;
  const kind = campaign.kind as keyof ActivityTotals['campaigns']['byKind'];
  if (kind in totals.campaigns.byKind) totals.campaigns.byKind[kind] += 1;
  const languages = new Set([...totals.campaigns.languages, ...campaign.languages]);
  totals.campaigns.languages = [...languages].sort();
}

const totalsReaders: Record<ScalarMetric, (t: ActivityTotals) => number> = {
  'inspections.venues': (t) => t.inspections.venues,
  'inspections.labour': (t) => t.inspections.labour,
  'inspections.employment_agencies': (t) => t.inspections.employmentAgencies,
  'trainings.sessions': (t) => t.trainings.sessions,
  'hotline.calls': (t) => t.hotline.calls,
  'hotline.help_requests': (t) => t.hotline.helpRequests,
  'hotline.referrals': (t) => t.hotline.referrals,
  budget: (t) => t.budget,
};

function addTotals(into: ActivityTotals, from: ActivityTotals): void {
  for (const [metric, read] of Object.entries(totalsReaders))
    adders[metric as ScalarMetric](into, read(from));
  for (const profession of professions)
    addFigure(into, trainedMetric, profession, from.trainings.trained[profession]);
  into.campaigns.count += from.campaigns.count;
  into.campaigns.reach += from.campaigns.reach;
  for (const kind of campaignKinds) into.campaigns.byKind[kind] += from.campaigns.byKind[kind];
  into.campaigns.languages = [...new Set([...into.campaigns.languages, ...from.campaigns.languages])].sort();
}

function figuresOf(rows: FigureRow[], campaigns: CampaignRow[]): ActivityFigures {
  const totals = emptyTotals();
  const trained: ActivityFigures['trainings']['trained'] = {};
  for (const row of rows) {
    addFigure(totals, row.metric, row.dimension, Number(row.value));
    if (row.metric === trainedMetric) trained[row.dimension as Profession] = Number(row.value);
  }
  return {
    inspections: totals.inspections,
    trainings: { sessions: totals.trainings.sessions, trained },
    campaigns: campaigns.map((c) => ({
      kind: c.kind as ActivityFigures['campaigns'][number]['kind'],
      languages: JSON.parse(c.languages) as string[],
      reach: Number(c.reach),
    })),
    hotline: totals.hotline,
    budget: totals.budget,
  };
}

/** A reported period: a quarter key, refused naming `path` otherwise. */
function reportedQuarter(key: string, path = 'period'): Period {
  const period = parsePeriodKey(key, path);
  if (period.kind !== 'quarter') throw invalid(path, 'quarter_required');
  return period;
}

const finerThanQuarters = (kind: PeriodKind) => kind === 'month';

export type ActivityTotalsInput = { periodKind: PeriodKind; from: string; to: string; agencyId?: string };

/** Sums of figures and campaigns per (period of one kind, agency) over quarters starting in the range. */
async function sumsByPeriodAndAgency(
  db: Executor,
  kind: PeriodKind,
  range: { from: string; to: string; agencyId?: string | undefined },
): Promise<Map<string, Map<string, ActivityTotals>>> {
  const [figures, campaigns]: [SummedFigure[], RangeCampaign[]] = await Promise.all([
    activitiesRepo.sumsIn(db, range),
    activitiesRepo.campaignsIn(db, range),
  ]);
  const byPeriod = new Map<string, Map<string, ActivityTotals>>();
  const totalsFor = (periodStart: string, agencyId: string) => {
    const key = periodOf(kind, periodStart).key;
    const agencies = byPeriod.get(key) ?? new Map<string, ActivityTotals>();
    byPeriod.set(key, agencies);
    const totals = agencies.get(agencyId) ?? emptyTotals();
    agencies.set(agencyId, totals);
    return totals;
  };
  for (const row of figures)
    addFigure(totalsFor(row.period_start, row.agency_id), row.metric, row.dimension, row.value);
  for (const row of campaigns)
    addCampaign(totalsFor(row.period_start, row.agency_id), {
      kind: row.kind,
      languages: JSON.parse(row.languages) as string[],
      reach: row.reach,
    });
  return byPeriod;
}

/**
 * Totals per period and agency, and per period over all agencies, for the statistics and
 * the answers to external assessments. Periods of `periodKind` overlapping [from, to] are
 * counted whole.
 */
export async function activityTotals(db: Executor, input: ActivityTotalsInput): Promise<ActivityTotalsView> {
  if (finerThanQuarters(input.periodKind)) throw invalid('kind', 'finer_than_quarter');
  if (input.to < input.from) throw invalid('to', 'before_start');
  const periods = periodsBetween(input.periodKind, input.from, input.to);
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (!first || !last) return { periods: [] };
  const sums = await sumsByPeriodAndAgency(db, input.periodKind, {
    from: first.start,
    to: last.end,
    agencyId: input.agencyId,
  });
  const agencyIds = [...new Set([...sums.values()].flatMap((m) => [...m.keys()]))];
  const refs = await loadReferences(db, { agencies: agencyIds });
  return {
    periods: periods.map((period) => {
      const agencies = [...(sums.get(period.key) ?? new Map<string, ActivityTotals>()).entries()]
        .map(([agencyId, totals]) => ({
          agency: refs.agency(agencyId) ?? { id: agencyId, code: '?' },
          totals,
        }))
        .sort((a, b) => a.agency.code.localeCompare(b.agency.code));
      const total = emptyTotals();
      for (const entry of agencies) addTotals(total, entry.totals);
      return { period, total, agencies };
    }),
  };
}

function presentReport(
  row: ActivityReportRow,
  agency: { id: string; code: string },
  figures: ActivityFigures,
): ActivityReportView {
  return {
    id: row.id,
    agency,
    period: row.period_key,
    version: row.version,
    updatedAt: row.updated_at,
    ...figures,
  };
}

async function agencyOrNotFound(db: Executor, agencyId: string) {
  const agency = await agenciesRepo.get(db, agencyId);
  if (!agency) throw new GuiaError('resource.not_found', { entity: 'agency' });
  return { id: agency.id, code: agency.code };
}

/** An officer writes only their own agency's figures; the secretariat any agency's. */
export function assertMayReport(actor: Actor, agencyId: string): void {
  if (!can(actor, 'activity.report', { agencyIds: [agencyId] }))
    throw new GuiaError('permission.denied', {
      permission: 'activity.report',
      entity: 'agency',
      entityId: agencyId,
    });
}

export const activitiesService = {
  async get(uc: UseCase, periodKey: string, agencyId: string): Promise<ActivityReportView> {
    const period = reportedQuarter(periodKey);
    const agency = await agencyOrNotFound(uc.tx, agencyId);
    const row = await activitiesRepo.report(uc.tx, agencyId, period.key);
    if (!row) throw new GuiaError('resource.not_found', { entity: 'activity_report' });
    const [figures, campaigns] = await Promise.all([
      activitiesRepo.figuresOf(uc.tx, row.id),
      activitiesRepo.campaignsOf(uc.tx, row.id),
    ]);
    return presentReport(row, agency, figuresOf(figures, campaigns));
  },

  /** Writes one agency's figures for one quarter, replacing what was there. */
  async report(
    { tx, actor, today, now }: UseCase,
    periodKey: string,
    agencyId: string,
    input: ActivityReportBody,
  ): Promise<ActivityReportView> {
    assertMayReport(actor, agencyId);
    const period = reportedQuarter(periodKey);
    // A quarter is reported once it has begun; figures for a later one are a typing mistake.
    if (period.start > today) throw invalid('period', 'future_period');
    const agency = await agencyOrNotFound(tx, agencyId);
    const { version, ...figures } = input;
    const existing = await activitiesRepo.report(tx, agencyId, period.key);
    let row: ActivityReportRow;
    if (existing) {
      if (version === undefined) throw new GuiaError('resource.stale', { entity: 'activity_report' });
      await activitiesRepo.touchReport(tx, existing.id, version, now, actor.userId);
      row = { ...existing, version: version + 1, ...updateStamps(actor.userId, now) };
    } else {
      if (version !== undefined) throw new GuiaError('resource.stale', { entity: 'activity_report' });
      row = {
        id: uuidv7(),
        agency_id: agencyId,
        period_key: period.key,
        period_start: period.start,
        period_end: period.end,
        ...creationStamps(actor.userId, now),
      };
      await activitiesRepo.insertReport(tx, row);
    }
    await activitiesRepo.replaceContents(
      tx,
      row.id,
      figureRows(row.id, figures),
      figures.campaigns.map((c, position) => ({
        id: uuidv7(),
        report_id: row.id,
        position,
        kind: c.kind,
        languages: JSON.stringify(c.languages),
        reach: c.reach,
      })),
    );
    await auditService.record(tx, actor, 'activity.reported', {
      entityType: 'activity_report',
      entityId: row.id,
      summary: { agencyId: asId(agencyId), period: asCode(period.key), first: !existing },
    });
    return presentReport(row, agency, figures);
  },

  /** Every agency's figures for one period, with the period's total. */
  async grid({ tx, actor }: UseCase, periodKey: string): Promise<ActivityGrid> {
    const period = parsePeriodKey(periodKey);
    if (finerThanQuarters(period.kind)) throw invalid('period', 'finer_than_quarter');
    const range = { from: period.start, to: period.end };
    const [sums, reports, agencies] = await Promise.all([
      sumsByPeriodAndAgency(tx, period.kind, range),
      activitiesRepo.reportsIn(tx, range),
      agenciesRepo.list(tx),
    ]);
    const byAgency = sums.get(period.key) ?? new Map<string, ActivityTotals>();
    const editable = period.kind === 'quarter';
    const rows = agencies
      .filter((a) => a.active === 1 || byAgency.has(a.id))
      .map((agency) => {
        const own = reports.filter((r) => r.agency_id === agency.id);
        return {
          agency: { id: agency.id, code: agency.code },
          quarters: own.length,
          version: editable ? (own[0]?.version ?? null) : null,
          totals: byAgency.get(agency.id) ?? emptyTotals(),
          canReport: editable && can(actor, 'activity.report', { agencyIds: [agency.id] }),
        };
      });
    const total = emptyTotals();
    for (const row of rows) addTotals(total, row.totals);
    return { period, editable, rows, total };
  },
};
