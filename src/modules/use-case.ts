import type { FastifyRequest } from 'fastify';
import type { FieldCipher } from '../crypto/field-cipher.js';
import type { Executor } from '../db/schema.js';
import type { AppContext } from '../http/context.js';
import { actorOf } from '../http/session.js';
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

/** How routes make use cases: one context per request, in a transaction or on a given executor. */
export function useCases(ctx: AppContext) {
  const { db } = ctx.database;
  const useCase = (request: FastifyRequest, tx: Executor): UseCase => ({
    tx,
    actor: actorOf(request),
    today: ctx.today(),
    now: new Date().toISOString(),
    cipher: ctx.cipher,
  });
  const inTransaction = <T>(request: FastifyRequest, work: (uc: UseCase) => Promise<T>): Promise<T> =>
    db.transaction().execute((tx) => work(useCase(request, tx)));
  return { db, useCase, inTransaction };
}
