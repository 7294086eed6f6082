import type { RoleId } from '../../core/permissions.js';
import type { Executor } from '../../db/schema.js';
import { agenciesRepo, usersRepo } from '../../modules/access/access.repo.js';
import { agenciesService } from '../../modules/access/agencies.service.js';
import { oneTimePassword } from '../../modules/access/passwords.js';
import { usersService } from '../../modules/access/users.service.js';
import { systemActor } from '../../modules/audit/audit.service.js';
import { macaoAgencies } from './agencies.js';
import { seedTipHistory } from '../../modules/assessments/tip-history.seed.js';
import { macaoTipHistory } from './tip-history.js';
import { seedMacaoDemoCoordination } from './demo-coordination.js';
import { seedMacaoDemoPlan } from './demo-plan.js';

// A synthetic demo dataset: every person and e-mail address is invented.
const demoUsers: {
  email: string;
  name: string;
  agency: string;
  roles: RoleId[];
  language: 'en' | 'zh-Hant' | 'pt';
}[] = [
  {
    email: 'admin@demo.guia.example',
    name: 'Ana Administradora',
    agency: 'SECRETARIAT',
    roles: ['administrator'],
    language: 'pt',
  },
  {
    email: 'secretariat@demo.guia.example',
    name: 'Wong Ka Yan',
    agency: 'SECRETARIAT',
    roles: ['secretariat'],
    language: 'zh-Hant',
  },
  {
    email: 'officer.pj@demo.guia.example',
    name: 'Lei Chi Fong',
    agency: 'PJ',
    roles: ['agency_officer'],
    language: 'zh-Hant',
  },
  {
    email: 'officer.dsal@demo.guia.example',
    name: 'Rui Carvalho',
    agency: 'DSAL',
    roles: ['agency_officer'],
    language: 'pt',
  },
  {
    email: 'prosecutor.mp@demo.guia.example',
    name: 'Helena Costa',
    agency: 'MP',
    roles: ['agency_officer'],
    language: 'pt',
  },
  {
    email: 'caseworker.ias@demo.guia.example',
    name: 'Chan Mei Ling',
    agency: 'IAS',
    roles: ['case_worker'],
    language: 'zh-Hant',
  },
  {
    email: 'supervisor.pj@demo.guia.example',
    name: 'Lei Chi Keong',
    agency: 'PJ',
    roles: ['supervisor'],
    language: 'zh-Hant',
  },
  {
    email: 'caseworker.gsc@demo.guia.example',
    name: 'Maria Santos',
    agency: 'GSC',
    roles: ['case_worker'],
    language: 'en',
  },
  {
    email: 'analyst@demo.guia.example',
    name: 'Ho Wai Kin',
    agency: 'SECRETARIAT',
    roles: ['analyst'],
    language: 'en',
  },
  {
    email: 'auditor@demo.guia.example',
    name: 'Leong Sio Pan',
    agency: 'SECRETARIAT',
    roles: ['auditor'],
    language: 'en',
  },
];

export type DemoSeed = { password: string; users: { email: string; roles: RoleId[] }[] } | null;

/** Adds the Macao agencies and one demo user per role, once; returns the shared demo password. */
export async function seedMacaoDemo(tx: Executor): Promise<DemoSeed> {
  if (await usersRepo.getByEmail(tx, demoUsers[0]!.email)) return null;
  const actor = systemActor('system');
  for (const agency of macaoAgencies) {
    if (!(await agenciesRepo.getByCode(tx, agency.code))) await agenciesService.create(tx, actor, agency);
  }
  const password = `demo-${oneTimePassword()}`;
  for (const user of demoUsers) {
    const agency = await agenciesService.byCode(tx, user.agency);
    await usersService.create(tx, actor, {
      ...user,
      agencyId: agency.id,
      password,
      mustChangePassword: false,
    });
  }
  await seedMacaoDemoPlan(tx, new Date().toISOString());
  // The committee's own work (meetings, activity figures, cooperation) by those users.
  await seedMacaoDemoCoordination(tx);
  // Macau's and Hong Kong's TIP placements (reference/macao.md, reference/tip-report.md).
  await seedTipHistory(tx, macaoTipHistory, new Date().toISOString());
  return { password, users: demoUsers.map(({ email, roles }) => ({ email, roles })) };
}
