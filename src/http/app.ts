import { existsSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { GuiaError, type ErrorCode } from '../core/errors.js';
import { databaseFailureOf } from '../db/database.js';
import { registerAccessRoutes } from '../modules/access/access.routes.js';
import { registerAuditRoutes } from '../modules/audit/audit.routes.js';
import { registerExportRoutes } from '../modules/exports/exports.routes.js';
import { registerJournalAttachmentRoutes } from '../modules/cases/journal-attachments.routes.js';
import { registerCasesRoutes } from '../modules/cases/cases.routes.js';
import { registerProtectionRoutes } from '../modules/protection/protection.routes.js';
import { registerNotificationRoutes } from '../modules/notifications/notifications.routes.js';
import { registerWorkQueueRoutes } from '../modules/work-queue/work-queue.routes.js';
import { registerActivitiesRoutes } from '../modules/coordination/activities.routes.js';
import { registerMeetingsRoutes } from '../modules/coordination/meetings.routes.js';
import { registerCooperationRoutes } from '../modules/cooperation/cooperation.routes.js';
import { registerPlanRoutes } from '../modules/coordination/plan.routes.js';
import { registerPublicationRoutes } from '../modules/statistics/publication.routes.js';
import { registerStatisticsRoutes } from '../modules/statistics/statistics.routes.js';
import { registerAssessmentsRoutes } from '../modules/assessments/assessments.routes.js';
import { registerRetentionRoutes } from '../modules/retention/retention.routes.js';
import type { EntityType } from '../modules/audit/audit.events.js';
import { asCode, asHttpMethod, asRoute } from '../modules/audit/audit-values.js';
import { auditService } from '../modules/audit/audit.service.js';
import { packageRoot, packageVersion } from '../package-root.js';
import type { AppContext } from './context.js';
import { problemOf, sendProblem, toGuiaError } from './problem.js';
import { registerApiHeaders } from './api-headers.js';
import { registerHealthRoutes } from './health.js';
import { access, registerRouteAccess, type RouteAccess } from './route-access.js';
import { registerSecurityHeaderHook } from './security-headers.js';
import { registerSessions } from './session.js';

export type AppOptions = {
  logger?: FastifyServerOptions['logger'];
  /** Proxies whose X-Forwarded-* headers are believed: a hop count or their addresses (never "any"). */
  trustProxy?: false | number | readonly string[];
  /** Directory of the built web app; omitted in API-only tests. */
  webRoot?: string | null;
  /** Told of every route as it is registered (tests check each one is documented). */
  onRoute?: (route: { method: string | string[]; url: string; access: RouteAccess | undefined }) => void;
};

// Log lines name requests by method, route and status only: bodies, cookies, tokens and
// query strings (which may hold names searched for) never reach the log.
const redactedSerializers = {
  req: (request: { method: string; routeOptions?: { url?: string }; url: string; id: string }) => ({
    id: request.id,
    method: request.method,
    route: request.routeOptions?.url ?? request.url.split('?')[0],
  }),
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
  err: safeError,
};

/**
 * An error as the log may show it. A database error's message and detail quote the values
 * that broke a rule (a staff e-mail, a name), so only its code, constraint and table are
 * kept; the stack keeps its frames without the first line, which repeats the message.
 */
export function safeError(error: unknown): {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
} {
  if (!(error instanceof Error)) return { type: typeof error, message: 'not an Error', stack: '' };
  const frames = error.stack?.split('\n').slice(1).join('\n') ?? '';
  const database = databaseFailureOf(error);
  if (database) {
    return {
      type: error.name,
      message: `database error ${database.code} (detail withheld: it may quote personal data)`,
      code: database.code,
      constraint: database.constraint,
      table: database.table,
      stack: frames,
    };
  }
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, ...(code ? { code } : {}), stack: frames };
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers or URL over 16 KiB:
 * Node answers both 431, it has no separate 414; malformed requests; timeouts). They get a
 * problem document too, in English and without the usual headers, as no request exists
 * to negotiate a language or to hook.
 */
function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const guiaError = new GuiaError(
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'request.headers_too_large'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'request.timeout'
        : 'request.invalid',
  );
  const body = JSON.stringify(problemOf(guiaError, 'en'));
  socket.end(
    `HTTP/1.1 ${guiaError.status} ${STATUS_CODES[guiaError.status] ?? ''}\r\n` +
      'Content-Type: application/problem+json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

/** Fastify's trustProxy for a hop count (what Fastify itself builds from a number) or addresses. */
function trustedProxies(trust: false | number | readonly string[]) {
  if (trust === false) return false;
  if (typeof trust === 'number') return (_address: string, hop: number) => hop < trust;
  return [...trust];
}

// Refusals worth an audit entry of their own: attempts to act beyond one's rights, and
// stage changes the rules refused (a decision someone tried to record).
const auditedRefusals: Partial<Record<ErrorCode, 'auth.permission_denied' | 'case.transition_refused'>> = {
  'permission.denied': 'auth.permission_denied',
  'user.cannot_change_own_roles': 'auth.permission_denied',
  'case.self_assignment': 'auth.permission_denied',
  'person.link_requires_request': 'auth.permission_denied',
  'case.transition_not_allowed': 'case.transition_refused',
  'case.no_defendant_charged': 'case.transition_refused',
  'case.verdicts_missing': 'case.transition_refused',
  'case.verdict_not_allowed_yet': 'case.transition_refused',
};

export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const logger = options.logger === undefined ? false : options.logger;
  const app = Fastify({
    logger:
      logger === false
        ? false
        : { ...(typeof logger === 'object' ? logger : {}), serializers: redactedSerializers },
    bodyLimit: 1024 * 1024,
    trustProxy: trustedProxies(options.trustProxy ?? false),
    clientErrorHandler,
    // Requests Fastify refuses before routing (a malformed URL) answer like every other error.
    frameworkErrors: (error, request, reply) => {
      sendProblem(reply, request, toGuiaError(error));
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  registerSecurityHeaders(app);
  registerApiHeaders(app);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => Object.assign(new GuiaError('auth.rate_limited'), { statusCode: 429 }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Guia API',
        version: packageVersion,
        description: 'Interagency anti-trafficking case and coordination system',
      },
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'guia_session',
            description:
              'Named __Host-guia_session when the server is reached over HTTPS (session-cookie.ts).',
          },
        },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  if (options.onRoute) {
    const notify = options.onRoute;
    app.addHook('onRoute', (route) =>
      notify({ method: route.method, url: route.url, access: route.config?.access }),
    );
  }
  registerSessions(app, ctx.database, ctx.auth);
  registerRouteAccess(app, ctx.database);

  app.setErrorHandler(problemHandler(ctx));

  registerHealthRoutes(app, ctx);

  registerAccessRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerExportRoutes(app, ctx);
  registerCasesRoutes(app, ctx);
  registerProtectionRoutes(app, ctx);
  registerJournalAttachmentRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerWorkQueueRoutes(app, ctx);
  registerMeetingsRoutes(app, ctx);
  registerActivitiesRoutes(app, ctx);
  registerCooperationRoutes(app, ctx);
  registerPlanRoutes(app, ctx);
  registerPublicationRoutes(app, ctx);
  registerStatisticsRoutes(app, ctx);
  registerAssessmentsRoutes(app, ctx);
  registerRetentionRoutes(app, ctx);

  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: access.public() } }, async () =>
    app.swagger(),
  );

  const webRoot = options.webRoot === undefined ? path.join(packageRoot, 'dist', 'web') : options.webRoot;
  await registerWebApp(app, webRoot);

  return app;
}

/** Security headers on every answer: a strict content policy, no framing, HSTS over TLS only, no caching of the API. */
function registerSecurityHeaders(app: FastifyInstance): void {
  // Helmet's headers with Guia's options, computed once (security-headers.ts).
  registerSecurityHeaderHook(app);
  // Synchronous (a callback, no promise): it runs on every answer.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}

/**
 * Every error as problem+json in the caller's language. Refusals worth an audit entry are
 * recorded in a transaction of their own (the request's has rolled back), naming the record.
 */
function problemHandler(ctx: AppContext) {
  return async (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const guiaError = toGuiaError(error);
    if (guiaError.code === 'internal') request.log.error({ err: error }, 'unhandled error');
    const audited = auditedRefusals[guiaError.code];
    if (audited && request.auth) {
      // The request's own transaction has rolled back: the refusal is recorded in one of its own,
      // naming the record it was refused on.
      const actor = request.auth.actor;
      const { entity, entityId } = guiaError.params;
      const params = request.params as Record<string, string | undefined>;
      await ctx.database.db.transaction().execute((tx) =>
        auditService.record(tx, actor, audited, {
          ...(entity ? { entityType: String(entity) as EntityType } : {}),
          ...(entityId
            ? { entityId: String(entityId) }
            : params.id
              ? { entityType: 'case' as const, entityId: params.id }
              : {}),
          summary: {
            permission: asCode(String(guiaError.params.permission ?? guiaError.code)),
            method: asHttpMethod(request.method),
            route: asRoute(request.routeOptions.url ?? ''),
          },
        }),
      );
    }
    return sendProblem(reply, request, guiaError);
  };
}

/** The built web app, when there is one: its assets, and index.html for the app's own routes. */
async function registerWebApp(app: FastifyInstance, webRoot: string | null): Promise<void> {
  const hasWebApp = Boolean(webRoot && existsSync(path.join(webRoot, 'index.html')));
  if (webRoot && hasWebApp) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: ['index.html'],
      cacheControl: false,
      // Built assets carry a content hash in their name, so they never change; index.html does.
      setHeaders: (response, filePath) => {
        response.setHeader(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes of the single-page app load index.html. Unknown API paths and
    // missing files (an asset of an older build) are a 404, never a page in their place.
    const clientRoute =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.url.startsWith('/api/') &&
      !/\.[a-z0-9]+(\?|$)/i.test(request.url);
    if (clientRoute && hasWebApp)
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .sendFile('index.html');
    return sendProblem(reply, request, new GuiaError('resource.not_found', { entity: 'route' }));
  });
}
