import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../http/context.js';
import { access } from '../../http/route-access.js';
import { actorOf } from '../../http/session.js';
import { authorize } from '../access/access.policy.js';
import { AuditPage, AuditQuery, AuditVerification } from './audit.schemas.js';
import { auditFilterOf, auditService } from './audit.service.js';

export function registerAuditRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;

  app.get(
    '/api/v1/audit',
    {
      schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditPage } },
      config: { access: access.permission('audit.read') },
    },
    async (request) => {
      authorize(actorOf(request), 'audit.read');
      const q = request.query;
      const rows = await auditService.search(
        db,
        auditFilterOf(q, { ...(q.before ? { beforeSeq: q.before } : {}), limit: q.limit }),
      );
      return {
        entries: rows.map((row) => ({
          seq: row.seq,
          id: row.id,
          at: row.at,
          actor: {
            id: row.actor_id,
            label: row.actor_label,
            email: row.actor_email,
            name: row.actor_name,
            agencyCode: row.actor_agency_code,
          },
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          summary: JSON.parse(row.summary) as Record<string, unknown>,
          hash: row.hash,
        })),
        nextBefore: rows.length === q.limit ? (rows.at(-1)?.seq ?? null) : null,
      };
    },
  );

  app.get(
    '/api/v1/audit/verification',
    {
      schema: { tags: ['audit'], response: { 200: AuditVerification } },
      config: { access: access.permission('audit.read') },
    },
    async (request) => {
      authorize(actorOf(request), 'audit.read');
      const result = await auditService.verify(db);
      return { ok: result.ok, entries: result.entries, firstBad: result.ok ? null : result.firstBad };
    },
  );
}
