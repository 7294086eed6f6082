import { uuidv7 } from 'uuidv7';
import { creationStamps } from '../../db/versioned.js';
import type { Placement } from '../../core/assessments/tier-rules.js';
import type { Executor } from '../../db/schema.js';
import { asCode } from '../audit/audit-values.js';
import { auditService, systemActor } from '../audit/audit.service.js';
import { assessmentsRepo, type SourceRow } from './assessments.repo.js';
import { recordPlacement } from './assessments.service.js';

/** The name the TIP source is created with when a profile brings placements and none exists. */
const TIP_SOURCE_NAME = 'TIP Report';

/**
 * Records a profile's TIP placements (one assessment per jurisdiction and year, no narrative),
 * as the system, once: a year already recorded is left as it is. Returns how many were added.
 */
export async function seedTipHistory(
  tx: Executor,
  history: Readonly<Record<string, readonly Placement[]>>,
  now: string,
): Promise<number> {
  const actor = systemActor('system');
  let source: SourceRow | undefined = await assessmentsRepo.firstSourceOfKind(tx, 'tip');
  if (!source) {
    source = {
      id: uuidv7(),
      kind: 'tip',
      name: TIP_SOURCE_NAME,
      ...creationStamps(null, now),
    };
    await assessmentsRepo.insertSource(tx, source);
    await auditService.record(tx, actor, 'assessment.source_created', {
      entityType: 'assessment_source',
      entityId: source.id,
      summary: { kind: asCode('tip') },
    });
  }
  let added = 0;
  for (const [jurisdiction, placements] of Object.entries(history))
    for (const placement of placements)
      if (await recordPlacement(tx, actor, now, source, jurisdiction, placement)) added++;
  return added;
}
