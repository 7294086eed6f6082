import type { FieldCipher } from '../crypto/field-cipher.js';
import type { Executor } from '../db/schema.js';
import type { Actor } from './access/actor.js';

/**
 * What every use case that touches a case, a person or a victim's records runs with, made
 * once per request by the route: the transaction, who acts, one reading of the clock (so a
 * record's dates and stamps agree, and a test can fix them), and the cipher for the sealed
 * columns.
 */
export type UseCase = Readonly<{
  tx: Executor;
  actor: Actor;
  /** The committee's date (YYYY-MM-DD): "not in the future" means not after it. */
  today: string;
  /** The instant of the request (ISO-8601 UTC), stamped on every row it writes. */
  now: string;
  cipher: FieldCipher;
}>;
