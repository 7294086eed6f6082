import type { Config } from '../../config.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import type { Database } from '../../db/database.js';
import { claimDay } from '../../operations/daily-claim.repo.js';
import { startDailyTimer } from '../../operations/daily-timer.js';
import { systemActor } from '../audit/audit.service.js';
import { runRetention } from './retention.service.js';

const retentionDayKey = 'retention.last_day';

/** Claims today's retention run (the command line claims it too, so the timer does not run it again). */
export const claimRetentionDay = (database: Database, today: string) =>
  claimDay(database.db, retentionDayKey, today);

/**
 * The server's daily retention run at GUIA_RETENTION_TIME in the committee's time zone, while
 * GUIA_RETENTION_YEARS is set; the log line has counts and dates only (the audit trail has
 * each pseudonym erased).
 */
export function startRetentionTimer(
  database: Database,
  cipher: FieldCipher,
  config: Pick<Config, 'timeZone' | 'retentionYears' | 'retentionTime'>,
  log: { info(line: string): void; error(obj: unknown, line: string): void },
): { stop(): void } {
  return startDailyTimer({
    name: 'retention',
    timeZone: config.timeZone,
    at: config.retentionYears === null ? null : config.retentionTime,
    log,
    claim: (today) => claimRetentionDay(database, today),
    async run(today, now) {
      const report = await runRetention(
        database.db,
        { actor: systemActor('system'), cipher },
        { years: config.retentionYears, today, now: now.toISOString(), dryRun: false },
      );
      log.info(
        `retention ${report.date}: ${report.erased} identities erased ` +
          `(${report.years} years after closure: cases closed on or before ${report.cutoff})`,
      );
    },
  });
}
