import type { Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { meetingsRepo } from './meetings.repo.js';
import type { QueueDecision } from './meetings.schemas.js';

/**
 * The open decisions waiting on the actor: assigned to them by name, or to their agency.
 * For the home page's work queue; those with a due date come first, the most urgent first.
 */
export async function decisionsQueue(db: Executor, actor: Actor, today: string): Promise<QueueDecision[]> {
  const rows = await meetingsRepo.queue(db, actor.userId, actor.agencyId);
  return rows
    .map((row) => ({
      id: row.id,
      meetingId: row.meeting_id,
      meetingTitle: row.meeting_title,
      heldOn: row.held_on,
      number: row.number,
      text: row.text,
      dueOn: row.due_on,
      overdue: row.due_on !== null && row.due_on < today,
    }))
    .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.heldOn.localeCompare(b.heldOn));
}
