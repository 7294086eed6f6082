import { z } from 'zod';
import { Id } from './access/access.schemas.js';

// Fragments every module's schemas write the same way: one definition, so a limit or a
// reference's shape cannot drift between modules.

/** Required text, trimmed, of at most `max` characters (titles, notes, reasons). */
export const Text = (max: number) => z.string().trim().min(1).max(max);

/** An agency as a record names it. */
export const AgencyRef = z.object({ id: Id, code: z.string() });

/** A user as a record names them. */
export const UserRef = z.object({ id: Id, name: z.string() });

/**
 * A victim as another agency's worker or the register of data requests names them: the
 * case and its reference, and the person of the case under their pseudonym, never a name.
 */
export const VictimRef = z.object({
  caseId: Id,
  caseReference: z.string(),
  casePersonId: Id,
  pseudonym: z.string(),
});

/** The victim a row joined with its case and person names (see VictimRef). */
export const victimRef = (row: {
  case_id: string;
  case_reference: string;
  case_person_id: string;
  pseudonym: string;
}): z.infer<typeof VictimRef> => ({
  caseId: row.case_id,
  caseReference: row.case_reference,
  casePersonId: row.case_person_id,
  pseudonym: row.pseudonym,
});
