import http from 'node:http';
import { generate } from 'otplib';
import type { RoleId } from '../../src/core/permissions.js';

// The reliability runs' HTTP client: node's own http with a keep-alive agent (fetch costs the
// load generator about twice the CPU per request, and it shares two cores with the server).
// A session keeps its cookie and CSRF token; any number of requests may use it at once.

export type Reply = {
  /** 0 when no answer came (connection refused or cut: the server was killed). */
  status: number;
  json: unknown;
  /** Milliseconds from sending to the last byte of the answer. */
  ms: number;
};

export class Session {
  private cookie: string | null = null;
  private csrf: string | null = null;

  constructor(
    private readonly baseUrl: string,
    /** Replaced after a restart: a kept-alive socket to the killed server would fail the first request. */
    public agent: http.Agent,
  ) {}

  send(method: string, path: string, body?: unknown, contentType?: string): Promise<Reply> {
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': 'en' };
    const payload =
      body === undefined ? undefined : contentType ? Buffer.from(String(body)) : JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] = contentType ?? 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const started = performance.now();
    return new Promise((resolve) => {
      const request = http.request(
        `${this.baseUrl}${path}`,
        { method, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', () => resolve({ status: 0, json: null, ms: performance.now() - started }));
          res.on('end', () => {
            const session = res.headers['set-cookie']?.find((c) => c.startsWith('guia_session='));
            if (session) this.cookie = session.split(';')[0] ?? null;
            const text = Buffer.concat(chunks).toString();
            let json: unknown = text;
            try {
              json = text ? JSON.parse(text) : null;
            } catch {
              // Not JSON (an HTML error page would be a finding of its own): kept as text.
            }
            if (json && typeof json === 'object' && 'csrfToken' in json) this.csrf = String(json.csrfToken);
            resolve({ status: res.statusCode ?? 0, json, ms: performance.now() - started });
          });
        },
      );
      request.on('error', () => resolve({ status: 0, json: null, ms: performance.now() - started }));
      // A server that stops answering is a finding, not a hang of the run.
      request.setTimeout(60_000, () => request.destroy());
      request.end(payload);
    });
  }

  /** A request that must succeed (setting the scene): its answer, or an error naming it. */
  async must<T>(method: string, path: string, body?: unknown): Promise<T> {
    const reply = await this.send(method, path, body);
    if (reply.status < 200 || reply.status >= 300)
      throw new Error(`${method} ${path} answered ${reply.status}: ${JSON.stringify(reply.json)}`);
    return reply.json as T;
  }

  /** Signs in for the first time: own password, then authenticator enrolment where the role needs it. */
  async signInFirstTime(email: string, password: string, newPassword: string): Promise<this> {
    const steps: Record<string, () => Promise<{ stage: string }>> = {
      password_change: () =>
        this.must('POST', '/api/v1/account/password', { currentPassword: password, newPassword }),
      two_factor_enrolment: async () => {
        const { secret } = await this.must<{ secret: string }>('POST', '/api/v1/account/two-factor/setup');
        await this.must('POST', '/api/v1/account/two-factor/confirm', { code: await generate({ secret }) });
        return this.must('GET', '/api/v1/session');
      },
    };
    let session = await this.must<{ stage: string }>('POST', '/api/v1/auth/sign-in', { email, password });
    for (let guard = 0; guard < 4 && session.stage !== 'active'; guard++) {
      const step = steps[session.stage];
      if (!step) throw new Error(`${email}: unexpected sign-in stage ${session.stage}`);
      session = await step();
    }
    if (session.stage !== 'active') throw new Error(`${email} could not finish signing in`);
    return this;
  }
}

export const keepAliveAgent = (sockets: number) =>
  new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });

const newPassword = 'reliability harbour 2026 lantern';

/** The people the runs act as: an administrator, officers of two agencies and the secretariat. */
export type Cast = {
  officer: Session;
  /** An officer of the agency referrals go to: reads the inbox. */
  receiver: Session;
  secretariat: Session;
  /** Reads the audit trail's verification (audit.read). */
  auditor: Session;
  receivingAgencyId: string;
};

/** Agencies and accounts through the API, each signed in once (sessions outlive a restart). */
export async function castOf(baseUrl: string, adminPassword: string, agent: http.Agent): Promise<Cast> {
  const admin = await new Session(baseUrl, agent).signInFirstTime(
    'admin@localhost',
    adminPassword,
    newPassword,
  );
  const agency = async (code: string, kind: string) =>
    (
      await admin.must<{ id: string }>('POST', '/api/v1/agencies', {
        code,
        kind,
        names: { en: `${code} agency`, 'zh-Hant': `${code} 機構`, pt: `Agência ${code}` },
      })
    ).id;
  const account = async (email: string, agencyId: string, roles: RoleId[]) => {
    const created = await admin.must<{ oneTimePassword: string }>('POST', '/api/v1/users', {
      email,
      name: `Reliability ${roles.join(' ')}`,
      language: 'en',
      agencyId,
      roles,
    });
    return new Session(baseUrl, agent).signInFirstTime(email, created.oneTimePassword, newPassword);
  };
  const police = await agency('PJ', 'police');
  const welfare = await agency('IAS', 'social_welfare');
  const secretariat = await agency('SEC', 'secretariat');
  const cast = {
    officer: await account('officer@example.org', police, ['agency_officer']),
    receiver: await account('receiver@example.org', welfare, ['agency_officer']),
    secretariat: await account('secretariat@example.org', secretariat, ['secretariat']),
    auditor: await account('auditor@example.org', secretariat, ['auditor']),
    receivingAgencyId: welfare,
  };
  // The statistics cubes are built on first use (ensureBuilt). On PostgreSQL that first build
  // races with case writes keeping the cubes (its plain inserts meet their upserts: 409
  // resource.duplicate), a known fault reported with the crash test; built here, before the load.
  await cast.secretariat.must('GET', '/api/v1/statistics/dashboard');
  return cast;
}
