import { Option, type Command } from 'commander';
import { agencyKinds } from '../core/agencies.js';
import { GuiaError } from '../core/errors.js';
import { roles } from '../core/permissions.js';
import { AgencyCreate, Email, UserCreate } from '../modules/access/access.schemas.js';
import { agenciesService } from '../modules/access/agencies.service.js';
import { usersService } from '../modules/access/users.service.js';
import { usersRepo } from '../modules/access/access.repo.js';
import { systemActor } from '../modules/audit/audit.service.js';
import type { Runtime } from '../startup/runtime.js';
import { parseInput, printTable, readPassword, say } from './io.js';
import type { WithRuntime } from './with-runtime.js';

const cli = systemActor('cli');

async function userByEmail(runtime: Runtime, email: string) {
  const user = await usersRepo.getByEmail(runtime.database.db, parseInput(Email, email));
  if (!user)
    throw new GuiaError('resource.not_found', { entity: 'user' }, [{ path: 'email', code: 'unknown' }]);
  return user;
}

/** `guia agency …` and `guia user …`: the member agencies and the accounts. */
export function registerAccessCommands(program: Command, withRuntime: WithRuntime): void {
  registerAgencyCommands(program, withRuntime);
  registerUserCommands(program, withRuntime);
}

/** `guia agency …`: the member agencies. */
function registerAgencyCommands(program: Command, withRuntime: WithRuntime): void {
  const agency = program.command('agency').description('member agencies of the committee');
  agency
    .command('add')
    .requiredOption('--code <code>', 'short code, e.g. PJ')
    .addOption(new Option('--kind <kind>', 'kind of agency').choices(agencyKinds).makeOptionMandatory())
    .requiredOption('--name-en <name>', 'name in English')
    .requiredOption('--name-zh-hant <name>', 'name in Traditional Chinese')
    .requiredOption('--name-pt <name>', 'name in Portuguese')
    .option('--json', 'print the agency as JSON')
    .action(
      (o: {
        code: string;
        kind: string;
        nameEn: string;
        nameZhHant: string;
        namePt: string;
        json?: boolean;
      }) =>
        withRuntime(async ({ database }) => {
          const input = parseInput(AgencyCreate, {
            code: o.code,
            kind: o.kind,
            names: { en: o.nameEn, 'zh-Hant': o.nameZhHant, pt: o.namePt },
          });
          const created = await database.db
            .transaction()
            .execute((tx) => agenciesService.create(tx, cli, input));
          say(o.json ? JSON.stringify(created) : `Added agency ${created.code}.`);
        }),
    );
  agency
    .command('list')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withRuntime(async ({ database }) => {
        const agencies = await agenciesService.list(database.db);
        if (o.json) return say(JSON.stringify(agencies));
        printTable(
          agencies.map((a) => ({
            code: a.code,
            kind: a.kind,
            active: a.active ? 'yes' : 'no',
            name: a.names.en,
          })),
        );
      }),
    );
}

/** `guia user …`: accounts, passwords and second factors. */
function registerUserCommands(program: Command, withRuntime: WithRuntime): void {
  const user = program.command('user').description('user accounts');
  user
    .command('add')
    .description(
      'add a user; the password comes from GUIA_PASSWORD or standard input, else a one-time password is printed',
    )
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .addOption(new Option('--role <role...>', 'one or more roles').choices(roles).makeOptionMandatory())
    .requiredOption('--agency <code>', 'agency code')
    .addOption(new Option('--language <language>').choices(['en', 'zh-Hant', 'pt']).default('en'))
    .option('--json', 'print the user as JSON')
    .action(
      (o: {
        email: string;
        name: string;
        role: string[];
        agency: string;
        language: string;
        json?: boolean;
      }) =>
        withRuntime(async ({ database }) => {
          const password = await readPassword();
          const created = await database.db.transaction().execute(async (tx) => {
            const agencyRow = await agenciesService.byCode(tx, o.agency);
            const input = parseInput(UserCreate, {
              email: o.email,
              name: o.name,
              roles: o.role,
              agencyId: agencyRow.id,
              language: o.language,
            });
            return usersService.create(tx, cli, { ...input, ...(password ? { password } : {}) });
          });
          if (o.json) return say(JSON.stringify(password ? created.user : created));
          say(`Added user ${created.user.email}.`);
          if (!password)
            say(`One-time password (must be changed at first sign-in): ${created.oneTimePassword}`);
        }),
    );
  user
    .command('list')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withRuntime(async ({ database }) => {
        const users = await usersService.list(database.db, {});
        if (o.json) return say(JSON.stringify(users));
        printTable(
          users.map((u) => ({
            email: u.email,
            name: u.name,
            agency: u.agency.code,
            roles: u.roles.join(','),
            active: u.active ? 'yes' : 'no',
            '2fa': u.twoFactorEnabled ? 'yes' : 'no',
          })),
        );
      }),
    );
  user
    .command('disable <email>')
    .description('disable an account and end its sessions')
    .action((email: string) =>
      withRuntime(async (runtime) => {
        const row = await userByEmail(runtime, email);
        await runtime.database.db.transaction().execute((tx) => usersService.disable(tx, cli, row.id));
        say(`Disabled ${row.email}.`);
      }),
    );
  user
    .command('reset-password <email>')
    .description(
      'set a password that must be changed at next sign-in (GUIA_PASSWORD, standard input, or a generated one)',
    )
    .action((email: string) =>
      withRuntime(async (runtime) => {
        const row = await userByEmail(runtime, email);
        const chosen = await readPassword();
        const password = await runtime.database.db
          .transaction()
          .execute((tx) => usersService.resetPassword(tx, cli, row.id, chosen));
        say(`Reset the password of ${row.email}; it must be changed at next sign-in.`);
        if (!chosen) say(`One-time password: ${password}`);
      }),
    );

  user
    .command('reset-two-factor <email>')
    .description('clear the second factor of a user who lost it; they enrol again at next sign-in')
    .action((email: string) =>
      withRuntime(async (runtime) => {
        const row = await userByEmail(runtime, email);
        await runtime.database.db.transaction().execute((tx) => usersService.resetTwoFactor(tx, cli, row.id));
        say(`Cleared the second factor of ${row.email}; they will enrol again at next sign-in.`);
      }),
    );
}
