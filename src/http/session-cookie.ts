import type { FastifyReply, FastifyRequest } from 'fastify';

export const sessionCookie = 'guia_session';

export function cookieOptions(request: FastifyRequest) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: request.protocol === 'https',
  };
}

/**
 * The session cookie's name for this request. Whenever the cookie is Secure (the request came
 * over HTTPS, directly or through a trusted proxy: GUIA_TRUST_PROXY), it carries the `__Host-`
 * prefix (ASVS 3.4.4): browsers then accept it only from this very host, over TLS, for path
 * `/`, so a neighbouring subdomain cannot plant a session of its choosing. Plain-HTTP
 * development keeps `guia_session`, which a browser would refuse with the prefix.
 */
export function sessionCookieName(request: FastifyRequest): string {
  return cookieOptions(request).secure ? `__Host-${sessionCookie}` : sessionCookie;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookieName(request), token, cookieOptions(request));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(request), cookieOptions(request));
}
