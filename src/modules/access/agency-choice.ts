import { invalid } from '../../core/errors.js';
import type { Executor } from '../../db/schema.js';
import { agenciesRepo } from './access.repo.js';

/**
 * The one rule for choosing an agency anywhere (lead, participating, referral recipient,
 * issuer, decider): it must exist and be active. A deactivated agency keeps its history
 * but takes no new work.
 */
export async function assertActiveAgency(db: Executor, id: string, path: string): Promise<void> {
  const agency = await agenciesRepo.get(db, id);
  if (!agency) throw invalid(path, 'unknown');
  if (agency.active !== 1) throw invalid(path, 'inactive');
}
