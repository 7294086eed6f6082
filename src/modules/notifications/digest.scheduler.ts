import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { startDailyTimer } from '../../operations/daily-timer.js';
import { sendDigests } from './digest.service.js';
import { mailTransport } from './mail.transport.js';
import { digestDayRepo } from './notifications.repo.js';

/**
 * The server's daily digest, at GUIA_DIGEST_TIME in the committee's time zone; the day is
 * claimed in the database first, so behind a load balancer one process sends it. Off when
 * GUIA_DIGEST_TIME=off.
 */
export function startDigestTimer(
  database: Database,
  config: Pick<Config, 'timeZone' | 'mail' | 'digestTime'>,
  log: { info(line: string): void; error(obj: unknown, line: string): void },
): { stop(): void } {
  return startDailyTimer({
    name: 'daily digest',
    timeZone: config.timeZone,
    at: config.digestTime,
    log,
    claim: (today) => digestDayRepo.claim(database.db, today),
    async run(today, now) {
      const transport = mailTransport(config.mail, (line) => log.info(line));
      try {
        const run = await sendDigests(database.db, transport, {
          today,
          now: now.toISOString(),
          ...(config.mail.publicUrl ? { publicUrl: config.mail.publicUrl } : {}),
        });
        log.info(
          `daily digest ${run.date}: ${run.sent} sent (${run.transport}), ${run.skipped} with nothing waiting`,
        );
      } finally {
        transport.close();
      }
    },
  });
}
