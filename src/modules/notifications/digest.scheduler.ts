import { todayIn, type Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { sendDigests } from './digest.service.js';
import { mailTransport } from './mail.transport.js';
import { digestDayRepo } from './notifications.repo.js';

/** The wall-clock time (HH:MM, 24-hour) in a time zone. */
export function clockIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(now);
}

/**
 * The server's daily digest: once a minute it looks whether the committee's clock has passed
 * GUIA_DIGEST_TIME and today's digest is not sent yet; the day is claimed in the database first,
 * so behind a load balancer one process sends it. Off when GUIA_DIGEST_TIME=off.
 */
export function startDigestTimer(
  database: Database,
  config: Pick<Config, 'timeZone' | 'mail' | 'digestTime'>,
  log: { info(line: string): void; error(obj: unknown, line: string): void },
): { stop(): void } {
  const at = config.digestTime;
  if (at === null) return { stop() {} };
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = new Date();
      const today = todayIn(config.timeZone, now);
      if (clockIn(config.timeZone, now) < at || !(await digestDayRepo.claim(database.db, today))) return;
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
    } catch (error) {
      log.error({ err: error }, 'daily digest failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), 60_000);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer) };
}
