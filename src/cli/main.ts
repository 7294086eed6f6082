import { readFileSync, writeFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { loadConfig } from '../config.js';
import { agencyKinds } from '../core/agencies.js';
import { GuiaError, invalid } from '../core/errors.js';
import { roles } from '../core/permissions.js';
import { AgencyCreate, Email, UserCreate } from '../modules/access/access.schemas.js';
import { agenciesService } from '../modules/access/agencies.service.js';
import { usersService } from '../modules/access/users.service.js';
import { usersRepo } from '../modules/access/access.repo.js';
import type { ChainBreak, Checkpoint } from '../modules/audit/audit-chain.js';
import { AuditCheckpoint } from '../modules/audit/audit.schemas.js';
import { auditService, systemActor } from '../modules/audit/audit.service.js';
import { packageVersion } from '../package-root.js';
import { openRuntime, type Runtime } from '../startup/runtime.js';
import { parseInput, printTable, readPassword, reportError, say } from './io.js';
import { registerBackupCommands } from './backup.command.js';
import { registerDigestCommand } from './digest.command.js';
import { registerRetentionCommand } from './retention.command.js';
import { registerDoctorCommand } from './doctor.command.js';
import { registerScreenCommand } from './screen.command.js';
import { registerPlanCommands } from './plan.command.js';
import { registerStatisticsToolCommands } from './statistics-tools.command.js';
import { registerTierCommand } from './tier.command.js';
import { registerStatisticsCommands } from './statistics.command.js';

const cli = systemActor('cli');

/** Runs a command against the configured database, closing it whatever happens. */
async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  // Progress lines go to stderr so that --json output on stdout stays machine-readable.
  const runtime = await openRuntime(loadConfig(), (line) => process.stderr.write(`${line}\n`));
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

async function userByEmail(runtime: Runtime, email: string) {
  const user = await usersRepo.getByEmail(runtime.database.db, parseInput(Email, email));
  if (!user)
    throw new GuiaError('resource.not_found', { entity: 'user' }, [{ path: 'email', code: 'unknown' }]);
  return user;
}

/** Checkpoints are JSON files written by `guia audit checkpoint`; anything else is refused before verifying. */
function readCheckpoint(file: string): Checkpoint {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw invalid('checkpoint', 'unreadable');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid('checkpoint', 'invalid_format');
  }
  return parseInput(AuditCheckpoint, json);
}

const progressLine = () =>
  process.stderr.isTTY ? (n: number) => process.stderr.write(`\rchecked ${n} entries`) : undefined;

const breakMeaning: Record<ChainBreak['reason'], string> = {
  hash_mismatch: 'the entry does not match its hash (altered, or rehashed without the key)',
  broken_link: 'the entry does not follow the one before it (an earlier entry was altered or removed)',
  gap: 'entries before it are missing (deleted)',
  truncated: 'entries are missing from the end (cut off after the last good entry)',
  unkeyed: 'the trail has no keyed part (rebuilt without the key)',
  checkpoint_signature: "the checkpoint was not signed with this instance's key (forged or altered)",
  checkpoint_mismatch: 'the checkpointed entry has changed since the checkpoint (the trail was rewritten)',
};

function brokenTrail(result: { entries: number; firstBad: ChainBreak }): string {
  const { seq, id, reason } = result.firstBad;
  return (
    `Audit trail BROKEN at entry ${seq}${id ? ` (${id})` : ''}: ${reason}: ${breakMeaning[reason]}. ` +
    `${result.entries} entries before it are intact.`
  );
}

export function buildCli(): Command {
  const program = new Command('guia')
    .version(packageVersion)
    .description('Guia: interagency anti-trafficking case and coordination system');
  program.showHelpAfterError().exitOverride();

  program
    .command('serve')
    .description('migrate the database and serve the API and web app')
    .option('--demo', 'load the synthetic Macao demo dataset')
    .action(async (options: { demo?: boolean }) => {
      const { start } = await import('../main.js');
      await start(loadConfig(), { demo: options.demo ?? false });
    });

  program
    .command('migrate')
    .description('bring the database schema to the latest version')
    .action(() => withRuntime(async () => say('The database schema is up to date.')));

  registerAgencyCommands(program);
  registerUserCommands(program);
  registerAuditCommands(program);
  registerScreenCommand(program);
  registerDigestCommand(program, withRuntime);
  registerRetentionCommand(program, withRuntime);
  registerBackupCommands(program, withRuntime);
  registerDoctorCommand(program);
  registerPlanCommands(program, withRuntime);
  registerStatisticsToolCommands(program);
  registerTierCommand(program);
  registerStatisticsCommands(program, withRuntime);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    // Commander has already printed its own message (or the help / version asked for).
    process.exitCode = error instanceof CommanderError ? error.exitCode : reportError(error);
  }
}

/** `guia agency …`: the member agencies. */
function registerAgencyCommands(program: Command): void {
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
function registerUserCommands(program: Command): void {
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

/** `guia audit …`: verifying the trail and signing its head. */
function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('check the chain; exits 3 naming the first bad entry')
    .option(
      '--checkpoint <file>',
      'also prove the trail still holds this checkpoint (from `guia audit checkpoint`)',
    )
    .option('--json', 'print the result as JSON')
    .action((o: { checkpoint?: string; json?: boolean }) =>
      withRuntime(async ({ database }) => {
        const checkpoint = o.checkpoint ? readCheckpoint(o.checkpoint) : undefined;
        const progress = progressLine();
        const result = await auditService.verify(database.db, {
          ...(checkpoint ? { checkpoint } : {}),
          ...(progress ? { onProgress: progress } : {}),
        });
        if (progress) process.stderr.write('\n');
        if (o.json) say(JSON.stringify(result));
        else if (result.ok)
          say(
            `Audit trail intact: ${result.entries} entries verified` +
              (checkpoint ? `, including checkpointed entry ${checkpoint.sequence}.` : '.'),
          );
        else say(brokenTrail(result));
        if (!result.ok) process.exitCode = 3;
      }),
    );
  audit
    .command('checkpoint')
    .description(
      'verify the trail and print (or write) its head signed with the key, to keep apart from the database',
    )
    .option('--out <file>', 'write the checkpoint to this file')
    .option('--json', 'print the checkpoint (or the verification failure) as JSON')
    .action((o: { out?: string; json?: boolean }) =>
      withRuntime(async ({ database }) => {
        const progress = progressLine();
        const result = await auditService.checkpoint(database.db, new Date(), progress);
        if (progress) process.stderr.write('\n');
        if (!result.ok) {
          say(o.json ? JSON.stringify(result) : `${brokenTrail(result)} No checkpoint made.`);
          process.exitCode = 3;
          return;
        }
        const text = JSON.stringify(result.checkpoint);
        if (o.out) writeFileSync(o.out, `${text}\n`, { mode: 0o600 });
        if (o.json) say(text);
        else if (o.out)
          say(
            `Wrote the checkpoint of entry ${result.checkpoint.sequence} to ${o.out}; keep it apart from the database.`,
          );
        else {
          say(`Checkpoint of entry ${result.checkpoint.sequence}; keep this line apart from the database:`);
          say(text);
        }
      }),
    );
}
