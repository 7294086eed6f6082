import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

// Security headers on every answer. @fastify/helmet rebuilt helmet's whole middleware (parsing
// the content policy's directives anew) on every request, in two hooks: a few per cent of an
// API request in issue 10's profile. The headers depend only on the options, never on the
// request, so helmet itself — the very copy @fastify/helmet loads — is run once at start on a
// stand-in response, and every request gets what it wrote. HSTS depends on the request (TLS
// only) and is added in app.ts's onSend hook, as before.

type HelmetOptions = Record<string, unknown>;
type Middleware = (req: unknown, res: HeaderSink, next: (error?: unknown) => void) => void;
type HeaderSink = { setHeader(name: string, value: string): void; removeHeader(name: string): void };
type Operation = { set: string; value: string } | { remove: string };

const helmetOf = (): ((options: HelmetOptions) => Middleware) =>
  createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'))('helmet') as (
    options: HelmetOptions,
  ) => Middleware;

/** What helmet does to every response with these options, in its order. */
export function securityHeaderOperations(options: HelmetOptions): Operation[] {
  const operations: Operation[] = [];
  const sink: HeaderSink = {
    setHeader: (name, value) => operations.push({ set: name, value: String(value) }),
    removeHeader: (name) => operations.push({ remove: name }),
  };
  let failure: unknown = null;
  helmetOf()(options)({}, sink, (error) => {
    failure = error ?? null;
  });
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return operations;
}

/** Guia's helmet options: a strict content policy, no framing, no referrer. */
export const securityHeaderOptions: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      scriptSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      // Helmet's default would make browsers fetch scripts over https even when Guia is
      // served over plain HTTP inside an intranet, and the app would not load at all.
      upgradeInsecureRequests: null,
    },
  },
  frameguard: { action: 'deny' },
  // HSTS only means something over TLS; app.ts adds it when the request came that way.
  strictTransportSecurity: false,
  referrerPolicy: { policy: 'no-referrer' },
};

/** Applies helmet's headers (computed once) to every response, before any handler runs. */
export function registerSecurityHeaderHook(app: FastifyInstance, options = securityHeaderOptions): void {
  const operations = securityHeaderOperations(options);
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const op of operations) {
      if ('set' in op) raw.setHeader(op.set, op.value);
      else raw.removeHeader(op.remove);
    }
    done();
  });
}
