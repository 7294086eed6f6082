import { macaoLegalQualifications } from '../core/cases/legal-qualifications.js';
import type { Executor } from '../db/schema.js';
import { newQualificationRow } from '../modules/cases/legal-qualifications.service.js';

/**
 * Adds the jurisdiction profile's legal qualifications that the database does not have yet.
 * Existing rows are left as an administrator may have edited them.
 */
export async function seedReferenceData(db: Executor): Promise<void> {
  const existing = new Set(
    (await db.selectFrom('legal_qualifications').select('code').execute()).map((r) => r.code),
  );
  const missing = macaoLegalQualifications.filter((q) => !existing.has(q.code));
  if (missing.length === 0) return;
  await db
    .insertInto('legal_qualifications')
    .values(
      missing.map((q) => newQualificationRow({ ...q, labels: q.label }, macaoLegalQualifications.indexOf(q))),
    )
    .execute();
}
