import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrations } from '../db/migrations/index.js';
import { settingsRepo } from '../modules/access/access.repo.js';
import { packageVersion } from '../package-root.js';
import { keyCheckSetting } from '../startup/instance.js';
import type { AppContext } from './context.js';
import { access } from './route-access.js';

// Two questions a load balancer or orchestrator asks (issue 11): is the process alive
// (/api/health — restart it if not), and may it take traffic (/api/health/ready — the database
// answers, its schema is this version's, and the data key is the one the data was sealed with).
// Neither says anything about the data.

const Live = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});
const Check = z.enum(['ok', 'failed']);
const Ready = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ database: Check, migrations: Check, dataKey: Check }),
});

async function readiness(ctx: AppContext): Promise<z.infer<typeof Ready>['checks']> {
  const { db, kind } = ctx.database;
  try {
    await sql`select 1`.execute(db);
  } catch {
    return { database: 'failed', migrations: 'failed', dataKey: 'failed' };
  }
  const latest = Object.keys(migrations(kind)).at(-1);
  const applied = await sql<{ name: string | null }>`select max(name) as name from schema_migrations`.execute(
    db,
  );
  const stored = await settingsRepo.get(db, keyCheckSetting);
  return {
    database: 'ok',
    migrations: applied.rows[0]?.name === latest ? 'ok' : 'failed',
    dataKey: stored !== undefined && ctx.cipher.matchesKeyCheck(stored) ? 'ok' : 'failed',
  };
}

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    '/api/health',
    {
      schema: { tags: ['system'], security: [], response: { 200: Live } },
      config: { access: access.public() },
    },
    async () => ({ status: 'ok' as const, database: ctx.database.kind, version: packageVersion }),
  );
  routes.get(
    '/api/health/ready',
    {
      schema: { tags: ['system'], security: [], response: { 200: Ready, 503: Ready } },
      config: { access: access.public() },
    },
    async (_request, reply) => {
      const checks = await readiness(ctx);
      const ready = Object.values(checks).every((check) => check === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
    },
  );
}
