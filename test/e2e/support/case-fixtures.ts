import { generate } from 'otplib';
import type { RoleId } from '../../../src/core/permissions.js';
import { adminEmail, startGuiaServer, type GuiaServer } from './guia-server.js';
import type { Credentials } from './sign-in-steps.js';

// Setting the scene for a browser test through the HTTP API, as an administrator would
// through the screens: agencies and accounts. The browser then does what the test is about.

/** A signed-in API client: keeps the session cookie and sends the CSRF token on writes. */
export class ApiClient {
  private cookie: string | null = null;
  private csrf: string | null = null;

  constructor(private readonly baseUrl: string) {}

  async send<T>(
    method: string,
    path: string,
    body?: unknown,
    /** A body sent as it is (e.g. a CSV file) with this content type, instead of JSON. */
    contentType?: string,
  ): Promise<{ status: number; json: T }> {
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': 'en' };
    if (body !== undefined) headers['content-type'] = contentType ?? 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: contentType ? String(body) : JSON.stringify(body) } : {}),
    });
    const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('guia_session='));
    if (session) this.cookie = session.split(';')[0] ?? null;
    const text = await response.text();
    const json = (text ? JSON.parse(text) : undefined) as T;
    if (json && typeof json === 'object' && 'csrfToken' in json) this.csrf = String(json.csrfToken);
    return { status: response.status, json };
  }

  /** Sends a request that must succeed, and returns its answer. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { status, json } = await this.send<T>(method, path, body);
    if (status >= 400) throw new Error(`${method} ${path} answered ${status}: ${JSON.stringify(json)}`);
    return json;
  }
}

/**
 * Signs an account in through the API for the first time, passing the first-use steps (own
 * password, authenticator enrolment) the way the screens would. Returns the signed-in
 * client and the authenticator secret (null for a role without a second factor).
 */
export async function signInFirstTime(
  baseUrl: string,
  email: string,
  password: string,
  newPassword: string,
): Promise<{ client: ApiClient; secret: string | null }> {
  const client = new ApiClient(baseUrl);
  let secret: string | null = null;
  let session = await client.call<{ stage: string }>('POST', '/api/v1/auth/sign-in', { email, password });
  for (let step = 0; step < 4 && session.stage !== 'active'; step++) {
    if (session.stage === 'password_change') {
      session = await client.call('POST', '/api/v1/account/password', {
        currentPassword: password,
        newPassword,
      });
    } else if (session.stage === 'two_factor_enrolment') {
      ({ secret } = await client.call<{ secret: string }>('POST', '/api/v1/account/two-factor/setup'));
      await client.call('POST', '/api/v1/account/two-factor/confirm', { code: await generate({ secret }) });
      session = await client.call('GET', '/api/v1/session');
    } else {
      throw new Error(`unexpected sign-in stage ${session.stage}`);
    }
  }
  if (session.stage !== 'active') throw new Error(`${email} could not finish signing in`);
  return { client, secret };
}

/** Signs the first administrator in through the API. */
export async function signInAdministrator(server: GuiaServer, newPassword: string): Promise<ApiClient> {
  return (await signInFirstTime(server.baseUrl, adminEmail, server.adminPassword, newPassword)).client;
}

/** Starts the built Guia and signs its first administrator in through the API. */
export async function startWithAdministrator(): Promise<{ server: GuiaServer; admin: ApiClient }> {
  const server = await startGuiaServer();
  return { server, admin: await signInAdministrator(server, 'granite harbour lamp 2047') };
}

type AgencyKind = 'police' | 'prosecution' | 'court' | 'labour' | 'social_welfare' | 'ngo' | 'secretariat';

export async function createAgency(
  admin: ApiClient,
  code: string,
  kind: AgencyKind,
  names: { en: string; 'zh-Hant': string; pt: string },
): Promise<string> {
  const agency = await admin.call<{ id: string }>('POST', '/api/v1/agencies', { code, kind, names });
  return agency.id;
}

/** Creates an account and returns its one-time password, to be changed at first sign-in. */
export async function createUser(
  admin: ApiClient,
  user: {
    email: string;
    name: string;
    agencyId: string;
    roles: RoleId[];
    language?: 'en' | 'zh-Hant' | 'pt';
  },
): Promise<string> {
  const created = await admin.call<{ oneTimePassword: string }>('POST', '/api/v1/users', {
    email: user.email,
    name: user.name,
    language: user.language ?? 'en',
    agencyId: user.agencyId,
    roles: user.roles,
  });
  return created.oneTimePassword;
}

/** The agencies the browser tests set up: kind, then the name in English, Traditional Chinese and Portuguese. */
const macaoAgencies = {
  IAS: ['social_welfare', 'Social Welfare Bureau', '社會工作局', 'Instituto de Acção Social'],
  GSC: ['ngo', 'Good Shepherd Centre', '善牧中心', 'Centro do Bom Pastor'],
  ACM: ['ngo', 'Anti-Trafficking Care Mission', '反人口販賣關懷會', 'Missão de Apoio contra o Tráfico'],
  CET: ['secretariat', 'Committee secretariat', '委員會秘書處', 'Secretariado da Comissão'],
  DSAL: ['labour', 'Labour Affairs Bureau', '勞工事務局', 'Direcção dos Serviços para os Assuntos Laborais'],
  PJ: ['police', 'Judiciary Police', '司法警察局', 'Polícia Judiciária'],
  MP: ['prosecution', 'Public Prosecutions Office', '檢察院', 'Ministério Público'],
} as const satisfies Record<string, readonly [AgencyKind, string, string, string]>;

/** Creates one of the agencies above, by its code, and returns its id. */
export function createMacaoAgency(admin: ApiClient, code: keyof typeof macaoAgencies): Promise<string> {
  const [kind, en, zh, pt] = macaoAgencies[code];
  return createAgency(admin, code, kind, { en, 'zh-Hant': zh, pt });
}

/** The id of the secretariat agency the instance starts with. */
export async function secretariatAgencyId(admin: ApiClient): Promise<string> {
  const agencies = await admin.call<{ id: string; code: string }[]>('GET', '/api/v1/agencies');
  return agencies.find((a) => a.code === 'SECRETARIAT')!.id;
}

/** Creates an account and signs it in for the first time through the API, choosing `password` as its own. */
export async function createSignedInAccount(
  server: GuiaServer,
  admin: ApiClient,
  user: Parameters<typeof createUser>[1],
  password: string,
): Promise<{ client: ApiClient; secret: string | null }> {
  const oneTime = await createUser(admin, user);
  return signInFirstTime(server.baseUrl, user.email, oneTime, password);
}

/** An account for createSignedInAccounts: as createUser takes it, with a password of its own if it has one. */
type AccountToCreate = Parameters<typeof createUser>[1] & { password?: string };

/**
 * Creates each account and signs it in for the first time through the API, choosing its own
 * password or else `password`; returns their signed-in clients and authenticator secrets (null
 * for a role without a second factor) under the same names.
 */
export async function createSignedInAccounts<Name extends string>(
  server: GuiaServer,
  admin: ApiClient,
  accounts: Record<Name, AccountToCreate>,
  password?: string,
): Promise<{ clients: Record<Name, ApiClient>; secrets: Record<Name, string | null> }> {
  const clients = {} as Record<Name, ApiClient>;
  const secrets = {} as Record<Name, string | null>;
  for (const name of Object.keys(accounts) as Name[]) {
    const account = accounts[name];
    const chosen = account.password ?? password;
    if (!chosen) throw new Error(`no password for ${account.email}`);
    const signedIn = await createSignedInAccount(server, admin, account, chosen);
    clients[name] = signedIn.client;
    secrets[name] = signedIn.secret;
  }
  return { clients, secrets };
}

/** An agency of a browser test: one of those above, or the secretariat the instance starts with. */
type CastAgency = keyof typeof macaoAgencies | 'SECRETARIAT';

/**
 * Someone in a browser test's story: an account in one agency, with one role, and a password of
 * its own if it has one.
 */
export type CastMember<Code extends CastAgency = CastAgency> = {
  email: string;
  name: string;
  agency: Code;
  role: RoleId;
  language?: 'en' | 'zh-Hant' | 'pt';
  password?: string;
};

/**
 * Starts the built Guia, signs its first administrator in, and through the API creates the
 * agencies the cast works in (each once, in the order they first appear) and each member's
 * account, signed in for the first time with its own password or else `password`. Returns the
 * server, the agencies' ids by code, and each member's signed-in client and credentials (for
 * signing in again in the browser) under the member's name.
 */
export async function startWithCast<Name extends string, Code extends CastAgency>(
  cast: Record<Name, CastMember<Code>>,
  password?: string,
): Promise<{
  server: GuiaServer;
  agencies: Record<Code, string>;
  clients: Record<Name, ApiClient>;
  credentials: Record<Name, Credentials>;
}> {
  const { server, admin } = await startWithAdministrator();
  const members = Object.entries(cast) as [Name, CastMember<Code>][];
  const agencies = {} as Record<Code, string>;
  const accounts = {} as Record<Name, AccountToCreate>;
  for (const [name, { agency, role, ...account }] of members) {
    agencies[agency] ??=
      agency === 'SECRETARIAT' ? await secretariatAgencyId(admin) : await createMacaoAgency(admin, agency);
    accounts[name] = { ...account, agencyId: agencies[agency], roles: [role] };
  }
  const { clients, secrets } = await createSignedInAccounts(server, admin, accounts, password);
  const credentials = {} as Record<Name, Credentials>;
  // createSignedInAccounts has refused a member with neither password.
  for (const [name, account] of members)
    credentials[name] = {
      email: account.email,
      password: account.password ?? password ?? '',
      secret: secrets[name],
    };
  return { server, agencies, clients, credentials };
}

/** Opens a case reported to the hotline on `reportDate`. */
export function openHotlineCase<View extends CaseAnswer = CaseAnswer>(
  client: ApiClient,
  reportDate: string,
): Promise<View> {
  return client.call<View>('POST', '/api/v1/cases', { origin: 'hotline', reportDate });
}

/** Adds a victim to a case, with nothing yet recorded of her as a victim. */
export function addVictim(
  client: ApiClient,
  caseId: string,
  person: Record<string, unknown>,
): Promise<CasePersonAnswer> {
  return client.call<CasePersonAnswer>('POST', `/api/v1/cases/${caseId}/people`, {
    role: 'victim',
    person,
    victim: {},
  });
}

/**
 * Records the victim's consent to a referral, given on `consentGivenOn` after being told its
 * purpose, then refers her to a shelter of another agency with the sender's `details`.
 */
export async function referToShelter(
  client: ApiClient,
  victimPath: string,
  referral: { toAgencyId: string; details: string; consentGivenOn: string; sentOn: string },
): Promise<void> {
  await client.call('POST', `${victimPath}/consents`, {
    purpose: 'referral',
    informedOf: ['purpose'],
    givenOn: referral.consentGivenOn,
  });
  await client.call('POST', `${victimPath}/referrals`, {
    toAgencyId: referral.toAgencyId,
    serviceKind: 'shelter',
    reason: 'additional_services_required',
    details: referral.details,
    sentOn: referral.sentOn,
  });
}

/**
 * The secretariat's action plan running from last year to next year, with one objective and one
 * quarterly task led by `task.leadAgencyId`; returns the task's id.
 */
export async function createPlanWithTask(
  secretariat: ApiClient,
  objective: { title: string; pillar: string },
  task: { title: string; leadAgencyId: string; indicator: string; unit: string; target: number },
): Promise<string> {
  const year = new Date().getUTCFullYear();
  const plan = await secretariat.call<{ id: string }>('POST', '/api/v1/plans', {
    name: `Action plan ${year - 1}–${year + 1}`,
    startDate: `${year - 1}-01-01`,
    endDate: `${year + 1}-12-31`,
  });
  const created = await secretariat.call<{ id: string }>(
    'POST',
    `/api/v1/plans/${plan.id}/objectives`,
    objective,
  );
  const { id } = await secretariat.call<{ id: string }>('POST', '/api/v1/tasks', {
    objectiveId: created.id,
    supportingAgencyIds: [],
    startDate: `${year - 1}-01-01`,
    dueDate: `${year + 1}-12-31`,
    baseline: 0,
    periodicity: 'quarterly',
    ...task,
  });
  return id;
}

/** A case person as the API answers it, as far as the browser tests read it. */
export type CasePersonAnswer = { id: string; person: { pseudonym: string } };
/** A case as the API answers its creation. */
export type CaseAnswer = { id: string; reference: string };
