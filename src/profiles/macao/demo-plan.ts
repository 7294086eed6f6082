import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../db/schema.js';
import { usersRepo } from '../../modules/access/access.repo.js';
import { asCode, asId } from '../../modules/audit/audit-values.js';
import { auditService, systemActor } from '../../modules/audit/audit.service.js';
import { planRepo } from '../../modules/coordination/plan.repo.js';
import type { pillars } from '../../modules/coordination/plan.schemas.js';
import { planService } from '../../modules/coordination/plan.service.js';
import { createTask, type PlanContext } from '../../modules/coordination/tasks.service.js';
import { parsePeriodKey } from '../../core/periods.js';

// A synthetic action plan for the Macao demo, modelled on the committee's published priorities
// (4P) and its member agencies' codes. Validated figures stop in mid-2026, so that on a demo
// started later some tasks are behind their line or overdue, as a real plan's would be.

type DemoTask = {
  title: string;
  lead: string;
  supporting?: string[];
  start: string;
  due: string;
  indicator?: { name: string; unit: string; baseline: number; target: number };
  /** Validated figures by quarter (indicator tasks) or the quarter a milestone was reached. */
  figures?: [string, number][];
  reachedIn?: string;
};

const objectives: { title: string; pillar: (typeof pillars)[number]; tasks: DemoTask[] }[] = [
  {
    title: 'Raise awareness of trafficking among workers, employers and the public',
    pillar: 'prevention',
    tasks: [
      {
        title: 'Multilingual awareness campaign at the border posts and the airport',
        lead: 'MIG',
        supporting: ['CPSP'],
        start: '2024-01-01',
        due: '2026-12-31',
        indicator: { name: 'People reached', unit: 'people', baseline: 0, target: 200000 },
        figures: [
          ['2024-Q4', 60000],
          ['2025-Q4', 120000],
          ['2026-Q2', 150000],
        ],
      },
      {
        title: 'Inspect employment agencies for fees and debt bondage',
        lead: 'DSAL',
        supporting: ['PJ'],
        start: '2024-01-01',
        due: '2027-12-31',
        indicator: { name: 'Employment agencies inspected', unit: 'inspections', baseline: 0, target: 400 },
        figures: [
          ['2024-Q4', 90],
          ['2025-Q4', 150],
          ['2026-Q2', 170],
        ],
      },
    ],
  },
  {
    title: 'Identify and protect every victim',
    pillar: 'protection',
    tasks: [
      {
        title: 'Train frontline officers in the ILO screening indicators',
        lead: 'IAS',
        supporting: ['CPSP', 'PJ', 'DSAL'],
        start: '2024-03-01',
        due: '2025-12-31',
        indicator: { name: 'Officers trained', unit: 'people', baseline: 0, target: 300 },
        figures: [
          ['2024-Q4', 140],
          ['2025-Q2', 210],
        ],
      },
      {
        title: 'Open a shelter for male victims',
        lead: 'IAS',
        start: '2024-06-01',
        due: '2025-06-30',
        reachedIn: '2025-Q2',
      },
      {
        title: 'Publish the victim referral mechanism in three languages',
        lead: 'IAS',
        supporting: ['SS'],
        start: '2025-01-01',
        due: '2026-06-30',
      },
    ],
  },
  {
    title: 'Investigate and prosecute trafficking, including forced labour',
    pillar: 'prosecution',
    tasks: [
      {
        title: 'Joint investigation team on labour trafficking',
        lead: 'PJ',
        supporting: ['DSAL', 'MP'],
        start: '2024-01-01',
        due: '2027-06-30',
        indicator: {
          name: 'Labour trafficking investigations opened',
          unit: 'investigations',
          baseline: 2,
          target: 20,
        },
        figures: [
          ['2024-Q4', 5],
          ['2025-Q4', 8],
        ],
      },
      {
        title: 'Guidance for prosecutors on Article 153-A and victims as witnesses',
        lead: 'MP',
        supporting: ['DSAJ'],
        start: '2024-09-01',
        due: '2026-03-31',
      },
    ],
  },
  {
    title: 'Cooperate across the region and with international organisations',
    pillar: 'partnership',
    tasks: [
      {
        title: 'Information-exchange arrangement with Hong Kong and Guangdong police',
        lead: 'PJ',
        supporting: ['CPSP'],
        start: '2024-01-01',
        due: '2026-12-31',
      },
      {
        title: 'Annual training with IOM for the committee’s member agencies',
        lead: 'SECRETARIAT',
        start: '2024-01-01',
        due: '2027-12-31',
        indicator: { name: 'Training sessions', unit: 'sessions', baseline: 0, target: 4 },
        figures: [
          ['2024-Q4', 1],
          ['2025-Q4', 2],
        ],
      },
    ],
  },
];

/** The demo's action plan 2024–2027, once; returns the number of tasks made. */
export async function seedMacaoDemoPlan(tx: Executor, now: string): Promise<number> {
  const name = 'Macao action plan 2024–2027';
  if (await planRepo.planByName(tx, name)) return 0;
  const actor = systemActor('system');
  // Dates of creation are what they are; "today" only bounds reports, none of which are in the future.
  const ctx: PlanContext = { tx, actor, today: now.slice(0, 10), now };
  const agencies = new Map((await planRepo.allAgencies(tx)).map((a) => [a.code, a.id]));
  const officer = await usersRepo.getByEmail(tx, 'officer.pj@demo.guia.example');
  const secretary = await usersRepo.getByEmail(tx, 'secretariat@demo.guia.example');
  const { id: planId } = await planService.create(ctx, {
    name,
    startDate: '2024-01-01',
    endDate: '2027-12-31',
  });
  let count = 0;
  for (const objective of objectives) {
    const { id: objectiveId } = await planService.addObjective(ctx, planId, objective);
    for (const task of objective.tasks) {
      const lead = agencies.get(task.lead);
      if (!lead) continue;
      const created = await createTask(ctx, {
        objectiveId,
        title: task.title,
        leadAgencyId: lead,
        supportingAgencyIds: (task.supporting ?? [])
          .map((code) => agencies.get(code))
          .filter((id) => id !== undefined),
        startDate: task.start,
        dueDate: task.due,
        ...(task.indicator
          ? {
              indicator: task.indicator.name,
              unit: task.indicator.unit,
              baseline: task.indicator.baseline,
              target: task.indicator.target,
            }
          : {}),
        periodicity: 'quarterly',
      });
      count += 1;
      const reports: [string, number | null][] = [
        ...(task.figures ?? []),
        ...(task.reachedIn ? [[task.reachedIn, null] as [string, null]] : []),
      ];
      for (const [key, value] of reports) {
        const period = parsePeriodKey(key);
        const id = uuidv7();
        await planRepo.insertProgress(tx, {
          id,
          task_id: created.id,
          agency_id: lead,
          period_key: period.key,
          period_end: period.end,
          value,
          complete: value === null ? 1 : 0,
          narrative:
            value === null
              ? 'Reached and verified on site.'
              : `Figure for ${period.key}, from the agency's records.`,
          status: 'validated',
          submitted_at: `${period.end}T10:00:00.000Z`,
          submitted_by: officer?.id ?? null,
          decided_at: `${period.end}T16:00:00.000Z`,
          decided_by: secretary?.id ?? null,
          decision_comment: null,
          created_at: now,
          updated_at: now,
          created_by: officer?.id ?? null,
          updated_by: secretary?.id ?? null,
          version: 1,
        });
        await auditService.record(tx, actor, 'progress.validated', {
          entityType: 'progress',
          entityId: id,
          summary: { taskId: asId(created.id), agencyId: asId(lead), period: asCode(period.key) },
        });
        if (value === null) {
          const row = await planRepo.getTask(tx, created.id);
          if (row)
            await planRepo.updateTask(tx, row.id, row.version, { completed_on: period.end, updated_at: now });
        }
      }
    }
  }
  return count;
}
