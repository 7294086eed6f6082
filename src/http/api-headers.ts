import type { FastifyInstance } from 'fastify';

// ASVS 14.4.2: an API answer is data, never a page. A JSON answer opened directly in a browser
// (a link followed, a URL pasted) is offered as a download named api.json instead of being
// rendered, so no stored value can ever be interpreted in Guia's origin. The web app reads the
// API with fetch, which ignores Content-Disposition. Files the API serves (exports, attachments,
// statistics) set their own disposition and name, which this keeps.

const apiDisposition = 'attachment; filename="api.json"';

/** Adds `Content-Disposition: attachment` to every JSON or problem+json answer under /api/. */
export function registerApiHeaders(app: FastifyInstance): void {
  // A synchronous hook with a callback: it runs on every answer, so it does no more than compare strings.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('content-disposition')) {
      const type = reply.getHeader('content-type');
      if (typeof type === 'string' && /^application\/(?:problem\+)?json\b/.test(type))
        reply.header('content-disposition', apiDisposition);
    }
    done(null, payload);
  });
}
