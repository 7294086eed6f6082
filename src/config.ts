import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { maximumPasswordLength } from './core/password-policy.js';
import { isRole, type RoleId } from './core/permissions.js';
import { parseRetentionYears } from './modules/retention/retention-period.js';

// Environment → validated, frozen configuration. Start-up fails listing every problem,
// each naming its variable, rather than the first one only.

const port = z.coerce.number().int().min(1).max(65535);

/**
 * Which proxies' X-Forwarded-For to believe. `true` (believe any) is refused: the left-most
 * address of that header is written by the client, so trusting it lets anyone pick the
 * address the sign-in limits count. Give the number of proxies in front of Guia, or their
 * addresses: the client is then the first address a trusted proxy did not add.
 */
export function parseTrustProxy(value: string): { ok: false | number | string[] } | { problem: string } {
  const text = value.trim();
  if (text === 'false') return { ok: false };
  if (text === 'true')
    return {
      problem:
        '"true" would trust the client-written left-most X-Forwarded-For address; give the number of ' +
        'proxies in front of Guia (e.g. 1) or their addresses (e.g. 10.0.0.5,10.0.1.0/24)',
    };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 1 && hops <= 10 ? { ok: hops } : { problem: 'a hop count must be 1 to 10 (or false)' };
  }
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isProxyAddress(entry));
  if (bad.length > 0)
    return {
      problem: `not a hop count, an IP address or a CIDR range: ${bad.map((b) => `"${b}"`).join(', ')}`,
    };
  return { ok: entries };
}

function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Groups of roles no one may hold together (`administrator:auditor,…`; `none` for no rule):
 * whoever administers accounts must not also be the one auditing them.
 */
export function parseExclusiveRoles(value: string): { ok: RoleId[][] } | { problem: string } {
  const text = value.trim();
  if (text === 'none') return { ok: [] };
  const groups = text.split(',').map((group) => group.split(':').map((role) => role.trim()));
  const unknown = groups.flat().filter((role) => !isRole(role));
  if (unknown.length > 0) return { problem: `unknown role(s): ${unknown.join(', ')}` };
  if (groups.some((group) => new Set(group).size < 2))
    return { problem: 'each group names two or more different roles, e.g. administrator:auditor' };
  return { ok: groups as RoleId[][] };
}

/** An SMTP server address nodemailer understands: smtp:// or smtps://, with a host. */
export function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function refined<T>(parse: (value: string) => { ok: T } | { problem: string }) {
  return z.string().transform((value, ctx): T => {
    const parsed = parse(value);
    if ('problem' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.problem });
      return z.NEVER;
    }
    return parsed.ok;
  });
}

const Environment = z.object({
  PORT: port.default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  GUIA_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  GUIA_ADMIN_PASSWORD: z
    .string()
    .min(12, 'must be at least 12 characters')
    .refine(
      (p) => [...p].length <= maximumPasswordLength,
      `must be at most ${maximumPasswordLength} characters`,
    )
    .optional(),
  GUIA_DATA_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (44 characters)')
    .optional(),
  GUIA_DATA_KEY_FILE: z.string().min(1).optional(),
  GUIA_TRUST_PROXY: refined(parseTrustProxy).default(false),
  GUIA_EXCLUSIVE_ROLES: refined(parseExclusiveRoles).optional(),
  GUIA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GUIA_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  GUIA_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  GUIA_TIME_ZONE: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Macau')
    .default('Asia/Macau'),
  GUIA_SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  /** smtp://user:password@host:587 or smtps://…:465; unset: digests are written to the log instead. */
  GUIA_SMTP_URL: z
    .string()
    .refine(isSmtpUrl, 'must be an smtp:// or smtps:// URL with a host, e.g. smtp://mail.example.org:587')
    .optional(),
  GUIA_MAIL_FROM: z.email('must be an e-mail address such as guia@example.org').default('guia@localhost'),
  /** When the daily digest goes out, in the committee's time zone (HH:MM), or `off`. */
  GUIA_DIGEST_TIME: z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'must be HH:MM (24-hour, e.g. 07:30) or off')
    .default('07:00'),
  /** The address people open Guia at, for the link in e-mails (e.g. https://guia.example.org). */
  GUIA_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  /** Years after a case closes before its people's identities are erased, or `off` (modules/retention). */
  GUIA_RETENTION_YEARS: refined(parseRetentionYears).default(null),
  /** When the daily retention run starts, in the committee's time zone (HH:MM), or `off`. */
  GUIA_RETENTION_TIME: z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'must be HH:MM (24-hour, e.g. 03:00) or off')
    .default('03:00'),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  adminPassword: string | undefined;
  dataKey: { kind: 'env'; base64: string } | { kind: 'file'; path: string };
  /** Proxies whose forwarded headers are believed: none, a hop count, or their addresses. */
  trustProxy: false | number | readonly string[];
  /** Role groups no user may hold together, when set; otherwise the stored rule (default administrator:auditor). */
  exclusiveRoles: readonly (readonly RoleId[])[] | undefined;
  logLevel: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** Sign-in attempts allowed per client address per minute. */
  signInRateLimitPerMinute: number;
  /** Where the committee works: dates such as "today" are taken there. */
  timeZone: string;
  /** How the daily digest is sent: through SMTP when configured, else to the log (no personal data). */
  mail: { smtpUrl: string | undefined; from: string; publicUrl: string | undefined };
  /** The daily digest's time (HH:MM, committee time zone), or null when off. */
  digestTime: string | null;
  /** Years identities are kept after a case closes; null: never erased by age. */
  retentionYears: number | null;
  /** The daily retention run's time (HH:MM, committee time zone), or null when off. */
  retentionTime: string | null;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable is treated as unset, as shells and .env files often leave them so.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = Environment.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  if (e.GUIA_DATA_KEY && e.GUIA_DATA_KEY_FILE) {
    throw new ConfigError(['GUIA_DATA_KEY, GUIA_DATA_KEY_FILE: set one of them, not both']);
  }
  const dataDir = path.resolve(e.GUIA_DATA_DIR);
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres' as const, url: e.DATABASE_URL }
      : { kind: 'sqlite' as const, file: path.join(dataDir, 'guia.sqlite') },
    adminPassword: e.GUIA_ADMIN_PASSWORD,
    dataKey: e.GUIA_DATA_KEY
      ? { kind: 'env' as const, base64: e.GUIA_DATA_KEY }
      : { kind: 'file' as const, path: path.resolve(e.GUIA_DATA_KEY_FILE ?? path.join(dataDir, 'guia.key')) },
    trustProxy: e.GUIA_TRUST_PROXY,
    exclusiveRoles: e.GUIA_EXCLUSIVE_ROLES,
    logLevel: e.GUIA_LOG_LEVEL,
    sessionIdleMs: e.GUIA_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.GUIA_SESSION_ABSOLUTE_HOURS * 3_600_000,
    signInRateLimitPerMinute: e.GUIA_SIGN_IN_RATE_LIMIT,
    timeZone: e.GUIA_TIME_ZONE,
    mail: { smtpUrl: e.GUIA_SMTP_URL, from: e.GUIA_MAIL_FROM, publicUrl: e.GUIA_PUBLIC_URL },
    digestTime: e.GUIA_DIGEST_TIME === 'off' ? null : e.GUIA_DIGEST_TIME,
    retentionYears: e.GUIA_RETENTION_YEARS,
    retentionTime: e.GUIA_RETENTION_TIME === 'off' ? null : e.GUIA_RETENTION_TIME,
  };
  return Object.freeze(config);
}

// Making an Intl.DateTimeFormat, and even formatting with one, cost a tenth of a case list's
// time in issue 10's profile (every request asks for today): one format per time zone, and the
// day it gave kept for the rest of that minute. Since 1972 every zone's offset is whole minutes,
// so the date only changes between minutes; earlier instants are formatted every time.
const dayFormats = new Map<string, { format: Intl.DateTimeFormat; minute: number; day: string }>();
const wholeMinuteOffsetsSince = Date.UTC(1973, 0, 1);

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  let kept = dayFormats.get(timeZone);
  if (!kept) {
    // The Swedish locale writes dates as YYYY-MM-DD.
    const format = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, (kept = { format, minute: Number.NaN, day: '' }));
  }
  const ms = now.getTime();
  if (ms < wholeMinuteOffsetsSince) return kept.format.format(now);
  const minute = Math.floor(ms / 60_000);
  if (minute !== kept.minute) {
    kept.day = kept.format.format(now);
    kept.minute = minute;
  }
  return kept.day;
}
