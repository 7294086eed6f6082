import type { FieldCipher } from '../crypto/field-cipher.js';
import type { Database } from '../db/database.js';
import type { AuthSettings } from '../modules/access/auth.service.js';
import type { MailTransport } from '../modules/notifications/mail.transport.js';

/** What route modules need from the running process. */
export type AppContext = {
  database: Database;
  cipher: FieldCipher;
  auth: AuthSettings;
  signInRateLimitPerMinute: number;
  /** Today's date (YYYY-MM-DD) where the committee works: "not in the future" means not after it. */
  today(): string;
  /** The committee's IANA time zone (GUIA_TIME_ZONE): the web shows every instant in it. */
  timeZone: string;
  /** SMTP when GUIA_SMTP_URL is set: notices that cannot wait for the digest (auth-notices.ts). */
  mail?: MailTransport;
};
