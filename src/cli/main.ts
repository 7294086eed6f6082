import { Command, CommanderError } from 'commander';
import { packageVersion } from '../package-root.js';
import { withRuntime, type WithRuntime } from './with-runtime.js';

type Register = (program: Command, withRuntime: WithRuntime) => void;

/**
 * Every top-level command and the module that registers it, in the order `guia --help` lists
 * them. A command's module (and the services, drivers and libraries it imports) is loaded only
 * when that command runs: start-up of `guia serve` or `guia --version` does not pay for
 * spreadsheets, PDF or mail. Help and a mistyped command load them all, so that help lists
 * every command and a typo gets its suggestion.
 */
const commands: { names: readonly string[]; load: () => Promise<Register> }[] = [
  { names: ['serve', 'migrate'], load: async () => registerServeCommands },
  {
    names: ['agency', 'user'],
    load: async () => (await import('./access.command.js')).registerAccessCommands,
  },
  { names: ['audit'], load: async () => (await import('./audit.command.js')).registerAuditCommands },
  { names: ['screen'], load: async () => (await import('./screen.command.js')).registerScreenCommand },
  { names: ['digest'], load: async () => (await import('./digest.command.js')).registerDigestCommand },
  {
    names: ['retention'],
    load: async () => (await import('./retention.command.js')).registerRetentionCommand,
  },
  {
    names: ['backup', 'restore'],
    load: async () => (await import('./backup.command.js')).registerBackupCommands,
  },
  { names: ['doctor'], load: async () => (await import('./doctor.command.js')).registerDoctorCommand },
  { names: ['plan', 'tasks'], load: async () => (await import('./plan.command.js')).registerPlanCommands },
  {
    names: ['trend', 'protect'],
    load: async () => (await import('./statistics-tools.command.js')).registerStatisticsToolCommands,
  },
  { names: ['tier'], load: async () => (await import('./tier.command.js')).registerTierCommand },
  {
    names: ['import', 'stats'],
    load: async () => (await import('./statistics.command.js')).registerStatisticsCommands,
  },
];

function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('migrate the database and serve the API and web app')
    .option('--demo', 'load the synthetic Macao demo dataset')
    .action(async (options: { demo?: boolean }) => {
      const [{ start }, { loadConfig }] = await Promise.all([import('../main.js'), import('../config.js')]);
      await start(loadConfig(), { demo: options.demo ?? false });
    });

  program
    .command('migrate')
    .description('bring the database schema to the latest version')
    .action(() =>
      withRuntime(async () => (await import('./io.js')).say('The database schema is up to date.')),
    );
}

/**
 * The commands `args` (the arguments after `guia`) needs: the one it names; none for a bare
 * `--version`; all of them for help, no command or an unknown one.
 */
function commandsFor(args: readonly string[]) {
  const name = args.find((arg) => !arg.startsWith('-'));
  const named = commands.find((c) => name !== undefined && c.names.includes(name));
  if (named) return [named];
  const versionOnly =
    name === undefined && args.length > 0 && args.every((a) => a === '-V' || a === '--version');
  return versionOnly ? [] : commands;
}

export async function buildCli(args: readonly string[] = []): Promise<Command> {
  const program = new Command('guia')
    .version(packageVersion)
    .description('Guia: interagency anti-trafficking case and coordination system');
  program.showHelpAfterError().exitOverride();
  const registers = await Promise.all(commandsFor(args).map((c) => c.load()));
  for (const register of registers) register(program, withRuntime);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await (await buildCli(argv.slice(2))).parseAsync(argv);
  } catch (error) {
    // Commander has already printed its own message (or the help / version asked for).
    process.exitCode =
      error instanceof CommanderError ? error.exitCode : (await import('./io.js')).reportError(error);
  }
}
