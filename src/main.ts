import { todayIn, type Config } from './config.js';
import { mailTransport } from './modules/notifications/mail.transport.js';
import { firstAdministratorEmail, initialiseInstance } from './startup/instance.js';
import { openRuntime } from './startup/runtime.js';

export type StartOptions = { demo?: boolean };

async function loadServing() {
  const [app, auth, digest, retention] = await Promise.all([
    import('./http/app.js'),
    import('./modules/access/auth.service.js'),
    import('./modules/notifications/digest.scheduler.js'),
    import('./modules/retention/retention.scheduler.js'),
  ]);
  return {
    buildApp: app.buildApp,
    defaultAuthSettings: auth.defaultAuthSettings,
    startDigestTimer: digest.startDigestTimer,
    startRetentionTimer: retention.startRetentionTimer,
  };
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Start-up: migrate, prove the key, create the first administrator, then serve API and web app. */
export async function start(config: Config, options: StartOptions = {}) {
  // The web layer (Fastify and every route module, most of start-up's work) loads while the
  // database is opened and migrated, so that PostgreSQL's round trips overlap it.
  const serving = loadServing();
  serving.catch(() => {}); // a failure is reported where it is awaited, below
  const runtime = await openRuntime(config, say);
  const { database, cipher } = runtime;

  const password = await initialiseInstance(database, config.adminPassword);
  if (password) {
    say('');
    say(`First start: created the administrator ${firstAdministratorEmail}`);
    say(`One-time password (shown only now; it must be changed at first sign-in): ${password}`);
    say('');
  }
  if (options.demo) {
    const [{ seedMacaoDemo }, { seedMacaoDemoCases }] = await Promise.all([
      import('./profiles/macao/demo.js'),
      import('./profiles/macao/demo-cases.js'),
    ]);
    const seed = await database.db.transaction().execute(async (tx) => {
      const users = await seedMacaoDemo(tx);
      if (users) await seedMacaoDemoCases(tx, cipher, todayIn(config.timeZone));
      return users;
    });
    if (seed) {
      say('Demo dataset (Macao profile) loaded. Demo users, all with the password:');
      say(`  ${seed.password}`);
      for (const user of seed.users) say(`  ${user.email.padEnd(36)} ${user.roles.join(', ')}`);
    } else {
      say('Demo dataset already loaded; its password was printed when it was first loaded.');
    }
  }

  const { buildApp, defaultAuthSettings, startDigestTimer, startRetentionTimer } = await serving;
  const app = await buildApp(
    {
      database,
      cipher,
      auth: { ...defaultAuthSettings, idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs },
      signInRateLimitPerMinute: config.signInRateLimitPerMinute,
      today: () => todayIn(config.timeZone),
      timeZone: config.timeZone,
      ...(config.mail.smtpUrl ? { mail: mailTransport(config.mail, () => {}) } : {}),
    },
    { logger: { level: config.logLevel }, trustProxy: config.trustProxy },
  );
  await app.listen({ port: config.port, host: config.host });
  say(`Guia is serving http://${config.host}:${config.port} (database: ${database.kind})`);
  // The daily digest (GUIA_DIGEST_TIME, committee time zone); the day is claimed in the database.
  const digest = startDigestTimer(database, config, app.log);
  // Identities past GUIA_RETENTION_YEARS erased daily at GUIA_RETENTION_TIME (off without a period).
  const retention = startRetentionTimer(database, cipher, config, app.log);

  const stop = async () => {
    app.log.info('shutting down');
    digest.stop();
    retention.stop();
    // Requests in flight finish; a keep-alive connection is closed as soon as its answer has
    // gone, rather than held open until its keep-alive timeout (72 s) delays the exit.
    const closing = app.close();
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    await closing;
    clearInterval(sweep);
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return app;
}
