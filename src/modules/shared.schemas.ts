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
