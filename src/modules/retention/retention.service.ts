import { invalid } from '../../core/errors.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import type { Executor } from '../../db/schema.js';
import { asIsoDate } from '../audit/audit-values.js';
import { auditService, type AuditActor } from '../audit/audit.service.js';
import { eraseIdentity } from './erasure.service.js';
import { maxRetentionYears, retentionCutoff, retentionSetting } from './retention-period.js';
import { erasuresRepo } from './retention.repo.js';

/** What a run erased (or, dry, would erase): ids, pseudonyms and counts, never a name. */
export type RetentionReport = {
  date: string;
  years: number;
  /** People whose last case closed on or before this day are past retention. */
  cutoff: string;
  dryRun: boolean;
  erased: number;
  /** Free texts of their cases that named them, and the mentions replaced by pseudonyms (0 on a dry run). */
  redacted: { texts: number; mentions: number };
  people: { personId: string; pseudonym: string; closedOn: string; cases: number }[];
};

export type RetentionRun = {
  /** From GUIA_RETENTION_YEARS; null when it is off. */
  years: number | null;
  today: string;
  now: string;
  dryRun: boolean;
};

/** A period of zero, a negative or a fraction never reaches the database: the setting is named. */
function checkedYears(years: number | null): number {
  if (years === null) throw invalid(retentionSetting, 'retention_off');
  if (!Number.isInteger(years) || years < 1 || years > maxRetentionYears)
    throw invalid(retentionSetting, 'retention_years', { maximum: maxRetentionYears });
  return years;
}

/**
 * Erases the identities of the people whose cases all closed more than the retention period
 * ago, in one transaction with an audit entry per person and one for the run. A dry run reads
 * the same list and writes nothing, the audit trail included.
 */
export async function runRetention(
  db: Executor,
  context: { actor: AuditActor; cipher: FieldCipher },
  run: RetentionRun,
): Promise<RetentionReport> {
  const years = checkedYears(run.years);
  const cutoff = retentionCutoff(run.today, years);
  const report = (
    people: RetentionReport['people'],
    erased: number,
    redacted = { texts: 0, mentions: 0 },
  ): RetentionReport => ({
    date: run.today,
    years,
    cutoff,
    dryRun: run.dryRun,
    erased,
    redacted,
    people,
  });
  if (run.dryRun) return report(await erasuresRepo.pastRetention(db, cutoff), 0);
  return db.transaction().execute(async (tx) => {
    const people = await erasuresRepo.pastRetention(tx, cutoff);
    const redacted = { texts: 0, mentions: 0 };
    for (const person of people) {
      const erased = await eraseIdentity(tx, { ...context, now: run.now }, person.personId, {
        reason: 'retention',
        closedOn: person.closedOn,
      });
      redacted.texts += erased.redacted.texts;
      redacted.mentions += erased.redacted.mentions;
    }
    await auditService.record(tx, context.actor, 'retention.run', {
      summary: { years, cutoff: asIsoDate(cutoff), erased: people.length },
    });
    return report(people, people.length, redacted);
  });
}
