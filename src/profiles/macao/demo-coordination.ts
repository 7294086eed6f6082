import { todayIn } from '../../config.js';
import { periodsBetween } from '../../core/periods.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import type { Executor } from '../../db/schema.js';
import { agenciesService } from '../../modules/access/agencies.service.js';
import { activitiesService } from '../../modules/coordination/activities.service.js';
import { decisionsService } from '../../modules/coordination/meetings.decisions.js';
import { groupsService, meetingsService } from '../../modules/coordination/meetings.service.js';
import { cooperationService } from '../../modules/cooperation/cooperation.service.js';
import type { UseCase } from '../../modules/use-case.js';
import { actorFor } from './demo-cases.js';

// Invented committee work for the demo: the plenary and two working groups with their
// meetings and decisions (some done, some open, one turned into a task of the action plan),
// quarterly activity figures of four agencies for 2023–2025, and exchanges with Hong Kong,
// the mainland and international organisations. Everything enters through the services, as
// the API would write it, and is audited.

// None of this seeds sealed columns: a use case's cipher is never reached here.
const noCipher = new Proxy({} as FieldCipher, {
  get() {
    throw new Error('the coordination demo seals nothing');
  },
});

const secretariatEmail = 'secretariat@demo.guia.example';

async function context(tx: Executor, email: string, today: string): Promise<UseCase> {
  return { tx, actor: await actorFor(tx, email), today, now: new Date().toISOString(), cipher: noCipher };
}

async function seedMeetings(uc: UseCase, ids: Record<string, string>, users: Record<string, string>) {
  const plenary = await groupsService.create(uc, {
    kind: 'plenary',
    name: '打擊販賣人口活動關注委員會全體會議',
    chairUserId: users.secretariat,
    memberIds: [users.pj!, users.dsal!, users.mp!, users.ias!],
  });
  const protection = await groupsService.create(uc, {
    kind: 'working_group',
    name: '被害人保護工作小組',
    chairUserId: users.secretariat,
    memberIds: [users.pj!, users.ias!],
  });
  const meetings = [
    { group: plenary.id, title: '2023年第一次全體會議', heldOn: '2023-03-15', language: 'zh-Hant' as const },
    {
      group: protection.id,
      title: '被害人保護工作小組 2024年第一次會議',
      heldOn: '2024-09-10',
      language: 'zh-Hant' as const,
    },
    { group: plenary.id, title: '2024年第一次全體會議', heldOn: '2024-03-20', language: 'zh-Hant' as const },
    { group: plenary.id, title: 'Reunião plenária 1/2025', heldOn: '2025-03-18', language: 'pt' as const },
  ];
  const created: string[] = [];
  for (const m of meetings) {
    const meeting = await meetingsService.create(uc, {
      groupId: m.group,
      title: m.title,
      heldOn: m.heldOn,
      language: m.language,
      location: m.language === 'pt' ? 'Sede do Governo' : '政府總部',
      agenda:
        m.language === 'pt'
          ? [{ title: 'Balanço de 2024' }, { title: 'Plano de ação 2024–2027' }, { title: 'Relatório TIP' }]
          : [{ title: '上年度工作回顧' }, { title: '案件及被害人統計' }, { title: '預防宣傳計劃' }],
    });
    await meetingsService.update(uc, meeting.id, {
      minutes:
        m.language === 'pt'
          ? 'A Polícia Judiciária apresentou os casos do ano.\n\nO Instituto de Acção Social informou que o abrigo tem vagas suficientes.'
          : '司法警察局報告本年度偵查的案件。\n\n社會工作局表示庇護中心床位充足，並會加強跨部門轉介。',
      attendance: [users.pj!, users.ias!].map((userId) => ({ userId, status: 'present' as const })),
      version: meeting.version,
    });
    created.push(meeting.id);
  }
  const [p2023, wg2024, p2024] = created as [string, string, string, string];
  const done = await decisionsService.record(uc, p2023, {
    text: '勞工事務局加強對職業介紹所的巡查',
    assigneeAgencyId: ids.DSAL,
    dueOn: '2023-12-31',
  });
  await decisionsService.update(uc, done.id, { status: 'done', version: done.version });
  await decisionsService.record(uc, wg2024, {
    text: '司法警察局與社會工作局制定被害人識別及轉介指引',
    assigneeUserId: users.pj,
    dueOn: '2025-06-30',
  });
  const shelter = await decisionsService.record(uc, p2024, {
    text: '社會工作局增設兩個男性被害人庇護床位',
    assigneeAgencyId: ids.IAS,
    dueOn: '2025-03-31',
  });
  await decisionsService.createTask(uc, shelter.id, {
    title: '增設男性被害人庇護床位',
    leadAgencyId: ids.IAS!,
    supportingAgencyIds: [],
    startDate: '2024-03-20',
    dueDate: '2025-03-31',
  });
  await decisionsService.record(uc, p2024, {
    text: '秘書處統籌 TIP 報告資料，於每年一月底前提交',
    assigneeAgencyId: ids.SECRETARIAT,
    dueOn: '2025-01-31',
  });
}

/** Figures that grow a little each quarter, so the grid and the totals look like a real series. */
async function seedActivities(tx: Executor, today: string, ids: Record<string, string>) {
  const agencies: [string, string, number][] = [
    ['officer.pj@demo.guia.example', 'PJ', 1],
    ['officer.dsal@demo.guia.example', 'DSAL', 2],
    ['prosecutor.mp@demo.guia.example', 'MP', 3],
    [secretariatEmail, 'IAS', 4],
  ];
  const quarters = periodsBetween('quarter', '2023-01-01', '2025-12-31').filter((q) => q.start <= today);
  for (const [email, code, seed] of agencies) {
    const uc = await context(tx, email, today);
    for (const [i, quarter] of quarters.entries()) {
      const n = (i % 4) + seed;
      await activitiesService.report(uc, quarter.key, ids[code]!, {
        inspections: {
          venues: code === 'PJ' ? 20 + 3 * n : 0,
          labour: code === 'DSAL' ? 40 + 5 * n : 0,
          employmentAgencies: code === 'DSAL' ? 6 + n : 0,
        },
        trainings: {
          sessions: 1 + (n % 3),
          trained:
            code === 'MP' ? { prosecution: 10 + n, judiciary: 4 } : { police: 15 + 2 * n, social_work: 5 },
        },
        campaigns:
          code === 'IAS' || code === 'DSAL'
            ? [
                {
                  kind: i % 2 ? 'online' : 'workplace',
                  languages: ['zh-Hant', 'pt', 'en', 'tl', 'id'],
                  reach: 2_000 * n,
                },
              ]
            : [],
        hotline:
          code === 'IAS'
            ? { calls: 30 + 4 * n, helpRequests: 2 + (n % 3), referrals: 1 + (n % 2) }
            : { calls: 0, helpRequests: 0, referrals: 0 },
        budget: 150_000 + 10_000 * n,
      });
    }
  }
}

async function seedCooperation(tx: Executor, today: string) {
  const pj = await context(tx, 'officer.pj@demo.guia.example', today);
  await cooperationService.record(pj, {
    kind: 'information_request_sent',
    counterpartKind: 'hong_kong',
    counterpart: 'Hong Kong Police Force',
    subject: 'Identity of a recruiter advertising jobs in Macao on a Hong Kong mobile number',
    startedOn: '2024-05-06',
    endedOn: '2024-06-20',
    outcome: 'Recruiter identified; information passed to the Public Prosecutions Office',
    caseIds: [],
    taskIds: [],
  });
  await cooperationService.record(pj, {
    kind: 'joint_operation',
    counterpartKind: 'mainland_china',
    counterpart: '廣東省公安廳',
    subject: 'Joint operation against a network moving women through Zhuhai to Macao hotels',
    startedOn: '2025-02-10',
    caseIds: [],
    taskIds: [],
  });
  const sec = await context(tx, secretariatEmail, today);
  await cooperationService.record(sec, {
    kind: 'agreement',
    counterpartKind: 'international_organisation',
    counterpart: 'IOM',
    country: null,
    subject: 'Memorandum on assisted voluntary return of victims',
    startedOn: '2023-11-02',
    outcome: 'Memorandum signed; two returns assisted in 2024',
    caseIds: [],
    taskIds: [],
  });
  await cooperationService.record(sec, {
    kind: 'training',
    counterpartKind: 'international_organisation',
    counterpart: 'UNODC',
    subject: 'Workshop on victim identification for frontline officers',
    startedOn: '2024-10-15',
    endedOn: '2024-10-16',
    caseIds: [],
    taskIds: [],
  });
}

/** The committee's meetings, activity figures and cooperation for the demo, once, after its users. */
export async function seedMacaoDemoCoordination(tx: Executor): Promise<void> {
  const today = todayIn('Asia/Macau');
  const ids: Record<string, string> = {};
  for (const code of ['PJ', 'DSAL', 'MP', 'IAS', 'SECRETARIAT'])
    ids[code] = (await agenciesService.byCode(tx, code)).id;
  const uc = await context(tx, secretariatEmail, today);
  const users: Record<string, string> = { secretariat: uc.actor.userId };
  for (const [key, email] of Object.entries({
    pj: 'officer.pj@demo.guia.example',
    dsal: 'officer.dsal@demo.guia.example',
    mp: 'prosecutor.mp@demo.guia.example',
    ias: 'caseworker.ias@demo.guia.example',
  }))
    users[key] = (await actorFor(tx, email)).userId;
  await seedMeetings(uc, ids, users);
  await seedActivities(tx, today, ids);
  await seedCooperation(tx, today);
}
