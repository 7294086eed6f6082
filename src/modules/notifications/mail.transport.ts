import { createRequire } from 'node:module';
import type { Config } from '../../config.js';

export type MailMessage = { to: string; subject: string; text: string; language: string };

/** Where digests go: an SMTP server, or the log (which never sees an address or a word of the mail). */
export type MailTransport = {
  kind: 'smtp' | 'log';
  /** `recipientId` names the user in the log; the address and the text go to SMTP only. */
  send(message: MailMessage, recipientId: string): Promise<void>;
  close(): void;
};

/**
 * The configured transport: SMTP when GUIA_SMTP_URL is set, else the log transport, which
 * records that a digest would have gone to a user (by id) with how many lines, and nothing
 * else — no address, no subject, no text.
 */
export function mailTransport(mail: Config['mail'], log: (line: string) => void): MailTransport {
  if (!mail.smtpUrl) {
    return {
      kind: 'log',
      async send(message, recipientId) {
        const lines = message.text.split('\n').filter((line) => line.startsWith('- ')).length;
        log(`digest (log transport, GUIA_SMTP_URL unset): user ${recipientId}, ${lines} items`);
      },
      close() {},
    };
  }
  // Required only when SMTP is configured, not at every start: nodemailer costs a profiled
  // 0.2 s of CPU to load, and the log transport needs none of it.
  const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof import('nodemailer');
  const smtp = nodemailer.createTransport(mail.smtpUrl);
  return {
    kind: 'smtp',
    async send(message) {
      await smtp.sendMail({
        from: mail.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        headers: { 'Content-Language': message.language },
      });
    },
    close: () => smtp.close(),
  };
}
