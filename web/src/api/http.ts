import type { z } from 'zod';
import { i18next } from '../i18n/i18n.js';

/** An RFC 9457 problem as the Guia server sends it, already in the caller's language. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  errors?: { path: string; code: string; message: string }[];
};

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
    this.name = 'ProblemError';
  }

  get code(): string {
    return this.problem.code;
  }
}

/** Codes meaning the session is gone: the app returns to the sign-in screen. */
const sessionEndedCodes: readonly string[] = ['auth.required', 'auth.session_expired'];

export function isSessionEnded(error: unknown): boolean {
  return error instanceof ProblemError && sessionEndedCodes.includes(error.code);
}

// The CSRF token belongs to the session; it is kept here rather than in a cookie so that
// a forged cross-site request cannot read and send it back.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send(method: Method, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    // Errors come back in the language on screen, also before sign-in.
    'accept-language': i18next.language,
  };
  // Fastify refuses an empty body declared as JSON: bodiless POSTs send no content type.
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ProblemError(localProblem('network', 0));
  }
}

function localProblem(kind: 'network' | 'unexpected', status: number): Problem {
  const title = kind === 'network' ? i18next.t('errors.network') : i18next.t('errors.unexpected');
  return { type: `urn:guia:web:${kind}`, code: `web.${kind}`, status, title };
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' && value !== null && 'title' in value && 'code' in value && 'status' in value
  );
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * Calls the API and checks the answer against the server's own response schema, so that
 * a screen never works on data of a shape it does not expect.
 */
export async function request<Schema extends z.ZodType>(
  schema: Schema,
  method: Method,
  path: string,
  body?: unknown,
): Promise<z.output<Schema>> {
  return answer(schema, await send(method, path, body));
}

/** The answer checked against the server's response schema, or its problem thrown. */
async function answer<Schema extends z.ZodType>(
  schema: Schema,
  response: Response,
): Promise<z.output<Schema>> {
  const json = await readJson(response);
  if (!response.ok) {
    throw new ProblemError(isProblem(json) ? json : localProblem('unexpected', response.status));
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ProblemError(localProblem('unexpected', response.status));
  return parsed.data;
}

/** Sends a file as the request body, as it is (the server checks what it holds), answered like `request`. */
export async function uploadFile<Schema extends z.ZodType>(
  schema: Schema,
  path: string,
  file: Blob,
): Promise<z.output<Schema>> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': i18next.language,
    'content-type': 'application/octet-stream',
  };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: file });
  } catch {
    throw new ProblemError(localProblem('network', 0));
  }
  return answer(schema, response);
}

/** Calls an endpoint that answers 204 No Content. */
export async function requestNoContent(method: Method, path: string, body?: unknown): Promise<void> {
  const response = await send(method, path, body);
  if (!response.ok) {
    const json = await readJson(response);
    throw new ProblemError(isProblem(json) ? json : localProblem('unexpected', response.status));
  }
}

/** A query string from the filters that are set; empty values are left out. */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
