import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { generate } from 'otplib';
import { loadConfig, todayIn } from '../../src/config.js';
import type { FieldCipher } from '../../src/crypto/field-cipher.js';
import { migrate, openDatabase, type Database } from '../../src/db/database.js';
import type { DatabaseKind } from '../../src/db/schema.js';
import { buildApp, type AppOptions } from '../../src/http/app.js';
import { describeAccess } from '../../src/http/route-access.js';
import { defaultAuthSettings, type AuthSettings } from '../../src/modules/access/auth.service.js';
import { initialiseInstance, openCipher } from '../../src/startup/instance.js';
import { seedReferenceData } from '../../src/startup/reference-data.js';
import { freshDatabase } from './databases.js';

export const adminEmail = 'admin@localhost';
export const adminInitialPassword = 'first-start harbour 2026';
export const strongPassword = 'lantern ferry monsoon 58';

/** What the tests know of each account: its current password and TOTP secret. */
export type Account = { password: string; secret?: string; lastStep: number; recoveryCodes?: string[] };

export type TestApp = {
  kind: DatabaseKind;
  accounts: Map<string, Account>;
  /** Every route registered, as `METHOD /path`. */
  routes: string[];
  /** Each route's declared access, as `describeAccess` writes it. */
  routeAccess: Map<string, string>;
  app: FastifyInstance;
  database: Database;
  cipher: FieldCipher;
  dataDir: string;
  /** The SQLite database file, on SQLite. */
  sqliteFile: string | null;
  client(): TestClient;
  close(): Promise<void>;
};

export async function startTestApp(
  kind: DatabaseKind,
  options: {
    auth?: Partial<AuthSettings>;
    signInRateLimitPerMinute?: number;
    logger?: AppOptions['logger'];
    trustProxy?: AppOptions['trustProxy'];
    webRoot?: string;
    /** Called with the SQL of every statement the app runs (see openDatabase). */
    onQuery?: (sql: string, parameters: readonly unknown[]) => void;
  } = {},
): Promise<TestApp> {
  const fresh = await freshDatabase(kind);
  const routes: string[] = [];
  const routeAccess = new Map<string, string>();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'guia-data-'));
  const config = loadConfig({
    GUIA_DATA_DIR: dataDir,
    ...(fresh.target.kind === 'postgres' ? { DATABASE_URL: fresh.target.url } : {}),
  });
  const database = openDatabase(fresh.target, options.onQuery ? { onQuery: options.onQuery } : {});
  await migrate(database);
  await seedReferenceData(database.db);
  const cipher = await openCipher(config, database, () => {});
  await initialiseInstance(database, adminInitialPassword);
  const app = await buildApp(
    {
      database,
      cipher,
      auth: { ...defaultAuthSettings, ...options.auth },
      signInRateLimitPerMinute: options.signInRateLimitPerMinute ?? 10_000,
      today: () => todayIn(config.timeZone),
      timeZone: config.timeZone,
    },
    {
      webRoot: options.webRoot ?? null,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
      onRoute: (route) => {
        for (const method of [route.method].flat()) {
          routes.push(`${method} ${route.url}`);
          if (route.access) routeAccess.set(`${method} ${route.url}`, describeAccess(route.access));
        }
      },
    },
  );
  await app.ready();
  const accounts = new Map<string, Account>([[adminEmail, { password: adminInitialPassword, lastStep: 0 }]]);
  return {
    kind,
    accounts,
    routes,
    routeAccess,
    app,
    database,
    cipher,
    dataDir,
    sqliteFile: fresh.target.kind === 'sqlite' ? fresh.target.file : null,
    client: () => new TestClient(app, accounts),
    async close() {
      await app.close();
      await database.close();
      await fresh.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type Response = Awaited<ReturnType<FastifyInstance['inject']>>;

/** A browser-like client: keeps the session cookie and sends the CSRF token on writes. */
export class TestClient {
  cookie: string | undefined;
  csrf: string | undefined;
  language: string | undefined;
  constructor(
    private readonly app: FastifyInstance,
    readonly accounts: Map<string, Account>,
  ) {}

  async request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const response = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookie ? { cookie: `guia_session=${this.cookie}` } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(this.language ? { 'accept-language': this.language } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
    });
    const set = response.cookies.find((c) => c.name === 'guia_session');
    if (set) this.cookie = set.value || undefined;
    const json = safeJson(response.body);
    if (json && typeof json === 'object' && 'csrfToken' in json) this.csrf = String(json.csrfToken);
    return response;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  patch = (url: string, body: unknown) => this.request('PATCH', url, body);
  put = (url: string, body: unknown) => this.request('PUT', url, body);

  /** A TOTP code for the user's enrolled secret, one time step later than any used before. */
  async totp(email: string): Promise<string> {
    const entry = this.accounts.get(email);
    if (!entry?.secret) throw new Error(`no TOTP secret for ${email}`);
    const nowStep = Math.floor(Date.now() / 30_000);
    const step = Math.max(nowStep, entry.lastStep + 1);
    if (step > nowStep + 1)
      throw new Error('TOTP codes of this window are spent; the test signs in too often');
    entry.lastStep = step;
    return generate({ secret: entry.secret, epoch: step * 30 });
  }

  /** Signs in and passes every remaining step (password change, TOTP, enrolment). */
  async signIn(
    email: string,
    password = this.accounts.get(email)?.password ?? '',
    newPassword = strongPassword,
  ): Promise<Record<string, unknown>> {
    const account = this.accounts.get(email) ?? { password, lastStep: 0 };
    this.accounts.set(email, account);
    let response = await this.post('/api/v1/auth/sign-in', { email, password });
    if (response.statusCode !== 200)
      throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
    for (let guard = 0; guard < 5; guard++) {
      const session = response.json() as { stage: string };
      if (session.stage === 'active') return response.json();
      if (session.stage === 'second_factor') {
        // Each TOTP time step is accepted once; further sign-ins in the same minute use recovery codes.
        const nowStep = Math.floor(Date.now() / 30_000);
        const code = account.lastStep <= nowStep ? await this.totp(email) : account.recoveryCodes?.shift();
        response = await this.post('/api/v1/auth/second-factor', { code });
      } else if (session.stage === 'password_change') {
        response = await this.post('/api/v1/account/password', { currentPassword: password, newPassword });
        password = newPassword;
        account.password = newPassword;
      } else if (session.stage === 'two_factor_enrolment') {
        const setup = (await this.post('/api/v1/account/two-factor/setup')).json() as { secret: string };
        account.secret = setup.secret;
        const confirm = await this.post('/api/v1/account/two-factor/confirm', {
          code: await this.totp(email),
        });
        if (confirm.statusCode !== 200) throw new Error(`enrolment failed: ${confirm.body}`);
        account.recoveryCodes = (confirm.json() as { recoveryCodes: string[] }).recoveryCodes;
        response = await this.get('/api/v1/session');
      }
      if (response.statusCode !== 200)
        throw new Error(`sign-in step failed: ${response.statusCode} ${response.body}`);
    }
    throw new Error('sign-in did not finish');
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Signs the first administrator in (changing the initial password and enrolling TOTP on first use). */
export async function signInAdmin(testApp: TestApp): Promise<TestClient> {
  const client = testApp.client();
  await client.signIn(adminEmail);
  return client;
}

/** Starts the app on the given database with its first administrator signed in: most suites' first step. */
export async function startWithAdmin(
  kind: DatabaseKind,
  options: Parameters<typeof startTestApp>[1] = {},
): Promise<{ t: TestApp; admin: TestClient }> {
  const t = await startTestApp(kind, options);
  return { t, admin: await signInAdmin(t) };
}
