import type {
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { AuditKeys } from '../../crypto/audit-keys.js';

// How the audit keys reach `auditService.record(tx, …)`, which some fifty call sites in
// every module invoke with nothing but their transaction: the keys ride on the database
// handle itself, as a Kysely plugin that changes no query. Kysely hands a handle's plugins
// to every transaction opened from it, so each `tx` carries the keys of the handle it came
// from — no module-level variable, no extra argument threaded through every service, and a
// handle opened without the keys (anything but start-up's `openCipher`) cannot write to the
// trail at all rather than write entries nobody can verify.

class AuditKeysPlugin implements KyselyPlugin {
  constructor(readonly keys: AuditKeys) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** The same database handle (same connections), carrying the audit keys into its transactions. */
export function withAuditKeys<DB>(db: Kysely<DB>, keys: AuditKeys): Kysely<DB> {
  return db.withPlugin(new AuditKeysPlugin(keys));
}

export class AuditKeysMissingError extends Error {
  constructor() {
    super(
      'This database handle carries no audit keys: open it through start-up (openRuntime / openCipher), ' +
        'which derives them from the data key',
    );
    this.name = 'AuditKeysMissingError';
  }
}

/** The audit keys of a handle or transaction; throws when it was opened without them. */
export function auditKeysOf<DB>(db: Kysely<DB>): AuditKeys {
  const plugin = db.getExecutor().plugins.findLast((p): p is AuditKeysPlugin => p instanceof AuditKeysPlugin);
  if (!plugin) throw new AuditKeysMissingError();
  return plugin.keys;
}
