import type { CaseStage } from '../../core/cases/case-stages.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import type { Executor } from '../../db/schema.js';
import { agenciesRepo, usersRepo } from '../../modules/access/access.repo.js';
import { actorOfUser, type Actor } from '../../modules/access/actor.js';
import { grantPerson } from '../../modules/cases/case-access.js';
import { casePersonsRepo } from '../../modules/cases/cases.repo.js';
import { AddCasePerson, CaseCreate } from '../../modules/cases/cases.schemas.js';
import { caseRegistrationService } from '../../modules/cases/case-registration.service.js';
import { existingCase } from '../../modules/cases/case-record.js';
import { caseStagesService } from '../../modules/cases/case-stages.service.js';
import { peopleService } from '../../modules/cases/people.service.js';
import type { UseCase } from '../../modules/use-case.js';

// Invented cases shaped like those the committee reports (see shared reference: macao.md):
// few a year, mostly sexual exploitation in entertainment venues, some labour cases, and
// most of them ending as pimping or as no charges rather than as trafficking convictions.

type DemoCase = {
  by: string;
  kase: CaseCreate;
  people: AddCasePerson[];
  stages: [CaseStage, string][];
  verdict?: { sentenceMonths: number; suspended: boolean };
};

const demoCases: DemoCase[] = [
  {
    by: 'officer.pj@demo.guia.example',
    kase: {
      origin: 'police_operation',
      factsDate: '2019-05-02',
      reportDate: '2019-05-10',
      registrationDate: '2019-05-10',
      places: [{ country: 'MAC', locality: 'NAPE' }],
      exploitationTypes: ['sexual_exploitation'],
      sectors: [],
      qualifications: ['mo_pc_153a'],
      participatingAgencyIds: [],
      summary:
        'Inspection of a hotel in NAPE; two women from abroad found working under the control of a third person.',
    },
    people: [
      {
        role: 'victim',
        person: {
          givenNames: 'Ana Marie',
          familyName: 'Reyes',
          birthDate: '1998-02-14',
          citizenship: ['PHL'],
          gender: 'female',
        },
        victim: {
          traffickingStatus: 'actual_victim',
          statusDecidedBy: 'police',
          recruitmentMethod: 'online_social_network',
          meansOfControl: ['debt_bondage', 'withholds_documents'],
          exploitationTypes: ['sexual_exploitation'],
          sexExploitationTypes: ['prostitution'],
          ageWhenTrafficked: 21,
          migrationStatus: 'visitor_tourist',
        },
      },
      {
        role: 'suspect',
        person: { givenNames: 'Ka Wai', familyName: 'Leung', citizenship: ['CHN'], gender: 'male' },
        suspect: { rolesInProcess: ['exploiter'], charges: ['mo_pc_153a'] },
      },
    ],
    stages: [
      ['under_investigation', '2019-05-11'],
      ['referred_to_prosecution', '2019-08-20'],
      ['charged', '2019-11-04'],
      ['at_trial', '2020-06-15'],
      ['judgment', '2021-03-02'],
    ],
    verdict: { sentenceMonths: 42, suspended: false },
  },
  {
    by: 'officer.dsal@demo.guia.example',
    kase: {
      origin: 'labour_inspection',
      reportDate: '2022-09-14',
      registrationDate: '2022-09-15',
      places: [{ country: 'MAC', locality: 'Cotai' }],
      exploitationTypes: ['forced_labour'],
      sectors: ['construction'],
      qualifications: ['mo_pc_153a'],
      participatingAgencyIds: [],
      summary: 'Construction workers reported unpaid wages and confiscated passports.',
    },
    people: [
      {
        role: 'victim',
        person: { givenNames: 'Nguyen Van', familyName: 'Minh', citizenship: ['VNM'], gender: 'male' },
        victim: {
          traffickingStatus: 'possible_victim',
          meansOfControl: ['withholds_documents', 'takes_earnings', 'excessive_working_hours'],
          exploitationTypes: ['forced_labour'],
          labourSector: 'construction',
          ageWhenTrafficked: 34,
          migrationStatus: 'labour',
        },
      },
    ],
    stages: [
      ['under_investigation', '2022-09-16'],
      ['referred_to_prosecution', '2022-12-01'],
      ['no_charges', '2023-04-10'],
    ],
  },
  {
    by: 'caseworker.ias@demo.guia.example',
    kase: {
      origin: 'hotline',
      reportDate: '2024-11-03',
      registrationDate: '2024-11-03',
      places: [{ country: 'MAC', locality: 'Taipa' }],
      exploitationTypes: ['forced_labour'],
      sectors: ['households_as_employers'],
      qualifications: [],
      participatingAgencyIds: [],
      summary: 'Domestic worker called the hotline: no rest days, employer keeps her passport.',
    },
    people: [
      {
        role: 'victim',
        person: { givenNames: 'Siti', familyName: 'Rahayu', citizenship: ['IDN'], gender: 'female' },
        victim: {
          traffickingStatus: 'possible_victim',
          meansOfControl: ['withholds_documents', 'restricts_movement'],
          exploitationTypes: ['forced_labour'],
          labourSector: 'households_as_employers',
          ageWhenTrafficked: 29,
          migrationStatus: 'labour',
        },
      },
    ],
    stages: [],
  },
  {
    by: 'officer.pj@demo.guia.example',
    kase: {
      origin: 'foreign_request',
      reportDate: '2025-06-20',
      registrationDate: '2025-06-21',
      places: [{ country: 'MAC' }, { country: 'THA', locality: 'Bangkok' }],
      exploitationTypes: ['sexual_exploitation'],
      sectors: [],
      qualifications: ['mo_l6_97_m_8'],
      participatingAgencyIds: [],
      summary: 'Request from a foreign police force about recruitment for entertainment venues.',
    },
    people: [
      {
        role: 'victim',
        person: { givenNames: 'Malee', familyName: 'Srisuk', citizenship: ['THA'], gender: 'female' },
        victim: {
          traffickingStatus: 'possible_victim',
          recruitmentMethod: 'friends_or_social_event',
          meansOfControl: ['false_promises', 'debt_bondage'],
          exploitationTypes: ['sexual_exploitation'],
          ageWhenTrafficked: 17,
        },
      },
      {
        role: 'suspect',
        person: { givenNames: 'Chi Keung', familyName: 'Wong', citizenship: ['MAC'], gender: 'male' },
        suspect: { rolesInProcess: ['recruiter_or_intermediary'], charges: [] },
      },
    ],
    stages: [['under_investigation', '2025-06-22']],
  },
];

export async function actorFor(db: Executor, email: string): Promise<Actor> {
  const user = await usersRepo.getByEmail(db, email);
  if (!user) throw new Error(`demo user ${email} missing`);
  return { ...(await actorOfUser(db, user, 'demo-seed')), language: 'en' };
}

/** Registers the demo cases through the same use cases as the API, so they are audited like any other. */
export async function seedMacaoDemoCases(tx: Executor, cipher: FieldCipher, today: string): Promise<number> {
  const mp = await agenciesRepo.getByCode(tx, 'MP');
  const now = new Date().toISOString();
  for (const demo of demoCases) {
    const actor = await actorFor(tx, demo.by);
    const uc: UseCase = { tx, actor, today, now, cipher };
    // Demo data enters like any other input: through the API's schemas.
    const grant = await caseRegistrationService.create(uc, CaseCreate.parse(demo.kase));
    const id = grant.caseId;
    for (const person of demo.people) await peopleService.add(uc, grant, AddCasePerson.parse(person));
    for (const [to, decidedOn] of demo.stages) {
      const current = await existingCase(tx, id);
      const authority = ['charged', 'no_charges'].includes(to)
        ? 'Ministério Público'
        : to === 'judgment'
          ? 'Tribunal Judicial de Base'
          : undefined;
      await caseStagesService.transition(uc, grant, {
        version: current.version,
        to,
        decidedOn,
        ...(authority ? { authority } : {}),
        ...(authority && mp ? { decidedByAgencyId: mp.id } : {}),
      });
    }
    if (demo.verdict) {
      const defendant = (await casePersonsRepo.ofCase(tx, id)).find((p) => p.role === 'suspect')!;
      const judgment = demo.stages.find(([stage]) => stage === 'judgment')![1];
      await peopleService.recordVerdict(uc, await grantPerson(tx, actor, id, defendant.id, 'update'), {
        version: defendant.version,
        verdict: 'convicted',
        verdictDate: judgment,
        ...demo.verdict,
      });
    }
  }
  return demoCases.length;
}
