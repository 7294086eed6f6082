import type {
  FastifyInstance,
  FastifyRequest,
  HTTPMethods,
  preValidationHookHandler,
  RouteOptions,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppContext } from '../http/context.js';
import type { RouteAccess } from '../http/route-access.js';
import { useCases, type UseCase } from './use-case.js';

// Most API routes are one sentence: who may call it, what it reads, what it answers, and one
// use case run in a transaction. Written out with Fastify's options that sentence took ten
// lines, the same ten lines a hundred times; here it is declared once, and the schema Fastify
// (and the OpenAPI document) receives is exactly the one those lines built. A route that
// streams a file, parses its own body or answers in another way is still written with `app`.

/** What a route reads and answers, as zod schemas (the OpenAPI document is made from them). */
export type RouteShape = {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  /** The answer's schema, under the status the method answers with (200, 201 for `create`). */
  response?: z.ZodType;
};

/** A route's declaration: its access (src/http/route-access.ts), its shape and its options. */
export type RouteDeclaration<S extends RouteShape> = S & {
  access: RouteAccess;
  /**
   * `false`: the use case runs on the database itself, outside a transaction (reads that
   * need no consistent snapshot and must not queue behind writers on SQLite).
   */
  transaction?: false;
  /** A larger body than Fastify's default (a file sent base64 in JSON). */
  bodyLimit?: number;
  /** A check on the URL made before the body is validated (an agency in the path). */
  preValidation?: preValidationHookHandler;
};

type Parsed<T> = T extends z.ZodType ? z.output<T> : unknown;
type Answer<T> = T extends z.ZodType ? z.input<T> : unknown;

/** The request as the handler sees it: its parts already checked against the route's shape. */
export type ShapedRequest<S extends RouteShape> = FastifyRequest & {
  params: Parsed<S['params']>;
  query: Parsed<S['querystring']>;
  body: Parsed<S['body']>;
};

export type RouteHandler<S extends RouteShape> = (
  request: ShapedRequest<S>,
  uc: UseCase,
) => Promise<Answer<S['response']>> | Answer<S['response']>;

/**
 * The routes of one module, under one OpenAPI tag: `get`, `post`, `put` and `patch` answer 200,
 * `create` (POST) 201 and `remove` (DELETE) 204 (`delete` 200, with what remains), each with the handler's use case run in a
 * transaction unless the declaration says `transaction: false`.
 */
export function declareRoutes(root: FastifyInstance, ctx: AppContext, tags: string[]) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, useCase, inTransaction } = useCases(ctx);

  const declare =
    (method: HTTPMethods, status: 200 | 201 | 204) =>
    <S extends RouteShape>(url: string, declaration: RouteDeclaration<S>, handle: RouteHandler<S>): void => {
      const { access, transaction, bodyLimit, preValidation, response, ...parts } = declaration;
      // Registered untyped: the handler's types come from the declaration (ShapedRequest).
      const route: RouteOptions = {
        method,
        url,
        schema: { tags, ...parts, ...(response ? { response: { [status]: response } } : {}) },
        config: { access },
        ...(bodyLimit ? { bodyLimit } : {}),
        ...(preValidation ? { preValidation } : {}),
        handler: async (request, reply) => {
          const shaped = request as ShapedRequest<S>;
          const answer = await (transaction === false
            ? handle(shaped, useCase(request, db))
            : inTransaction(request, async (uc) => handle(shaped, uc)));
          return status === 200 ? answer : reply.code(status).send(answer);
        },
      };
      root.route(route);
    };

  return {
    /** For the routes that answer otherwise (files, their own body parsing, public reads). */
    app,
    db,
    useCase,
    inTransaction,
    get: declare('GET', 200),
    post: declare('POST', 200),
    put: declare('PUT', 200),
    patch: declare('PATCH', 200),
    create: declare('POST', 201),
    remove: declare('DELETE', 204),
    delete: declare('DELETE', 200),
  };
}

export type DeclaredRoutes = ReturnType<typeof declareRoutes>;
