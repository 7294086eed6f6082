import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { duplicate, GuiaError, type FieldError } from '../core/errors.js';
import { databaseFailureOf } from '../db/database.js';
import type { Language } from '../core/languages.js';
import { hasKey, translate } from './i18n.js';

// Every error leaves as application/problem+json (RFC 9457) in the caller's language:
// `type` and `code` name the problem for programs, `title` says it for people, and
// `errors` lists each bad field with its own message.

export type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: { path: string; code: string; message: string }[];
};

/** What a zod issue says, whether it comes straight from zod or wrapped by fastify. */
export type IssueLike = {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  keys?: readonly string[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  input?: unknown;
};

/** Field errors for zod issues, the same for the HTTP API and the command line. */
export function fieldErrorsOf(issues: readonly IssueLike[], prefix = ''): FieldError[] {
  const at = (...parts: PropertyKey[]) => [prefix, ...parts.map(String)].filter(Boolean).join('.');
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return (issue.keys ?? []).map((key) => ({ path: at(...issue.path, key), code: 'unknown_field' }));
    }
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    // Custom messages are catalogue keys (`validation.<message>`); other messages are zod's English.
    const code = missing
      ? 'required'
      : (issue.code === 'invalid_format' || issue.code === 'custom') && /^[a-z_]+$/.test(issue.message)
        ? issue.message
        : issue.code;
    const params: Record<string, string | number> = {};
    if (issue.minimum !== undefined) params.minimum = Number(issue.minimum);
    if (issue.maximum !== undefined) params.maximum = Number(issue.maximum);
    return [{ path: at(...issue.path), code, params }];
  });
}

/** Turns fastify/zod/our own errors into one GuiaError. */
export function toGuiaError(error: unknown): GuiaError {
  if (error instanceof GuiaError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext;
    const issues = error.validation.map((issue) => ({
      ...(issue.params as Omit<IssueLike, 'code' | 'path' | 'message'>),
      code: issue.keyword,
      path: issue.instancePath.split('/').filter(Boolean),
      message: issue.message ?? '',
    }));
    // A body that is not an object at all (a string, a number, an array) is an error of the
    // whole body: it is named `body`, as unparsable JSON is, never an empty path.
    const fields = fieldErrorsOf(issues, context === 'body' ? '' : (context ?? ''));
    return new GuiaError(
      'validation.failed',
      {},
      fields.map((field) => (field.path ? field : { ...field, path: 'body' })),
    );
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new GuiaError('request.too_large');
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return new GuiaError('request.unsupported_media_type');
  if (
    fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
  ) {
    return new GuiaError('validation.failed', {}, [{ path: 'body', code: 'invalid_type' }]);
  }
  if (fastifyError.statusCode === 429) return new GuiaError('auth.rate_limited');
  // Fastify's other refusals of a malformed request (bad URL, content length …).
  if (
    fastifyError.code?.startsWith('FST_ERR') &&
    fastifyError.statusCode !== undefined &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  )
    return new GuiaError('request.invalid');
  // PostgreSQL refuses text holding NUL (\u0000), which JSON carries and SQLite stores: bad
  // input, not a server fault (found by fuzzing on PostgreSQL). The transaction rolled back.
  if (databaseFailureOf(error)?.code === '22021')
    return new GuiaError('validation.failed', {}, [{ path: 'body', code: 'invalid_characters' }]);
  // A unique key the service checked first, then lost to a parallel request (PostgreSQL
  // shows such races; SQLite serialises writers): the same 409 as the check gives.
  const unique = databaseFailureOf(error)?.unique;
  if (unique) return duplicate(fieldOfUniqueKey(databaseFailureOf(error)?.table ?? null, unique.columns));
  return new GuiaError('internal');
}

// The request field a unique key stands for, where it is not simply its last column.
const uniqueKeyFields: Record<string, string> = {
  case_persons: 'personId',
};

function fieldOfUniqueKey(table: string | null, columns: readonly string[]): string {
  const explicit = table ? uniqueKeyFields[table] : undefined;
  const column = explicit ?? columns.at(-1) ?? 'id';
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

// Parameters that are codes of a closed vocabulary are shown by their names.
const namedParams: Record<string, string> = {
  from: 'caseStage',
  to: 'caseStage',
  stage: 'caseStage',
  allowed: 'caseStage',
};

function readableParams(
  language: Language,
  params: Record<string, string | number>,
): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => {
      const vocabulary = namedParams[key];
      if (!vocabulary || typeof value !== 'string') return [key, value];
      const names = value
        .split(', ')
        .map((code) =>
          hasKey('en', `${vocabulary}.${code}`) ? translate(language, `${vocabulary}.${code}`) : code,
        );
      return [key, names.join(language === 'zh-Hant' ? '、' : ', ')];
    }),
  );
}

export function problemOf(error: GuiaError, language: Language): Problem {
  const problem: Problem = {
    type: `urn:guia:problem:${error.code}`,
    title: translate(language, `error.${error.code}`, readableParams(language, error.params)),
    status: error.status,
    code: error.code,
  };
  if (error.fieldErrors.length > 0) {
    problem.errors = error.fieldErrors.map((field) => {
      const specific = `validation.${field.code}`;
      const key = hasKey('en', specific) ? specific : 'validation.invalid';
      return { path: field.path, code: field.code, message: translate(language, key, field.params ?? {}) };
    });
  }
  return problem;
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: GuiaError): FastifyReply {
  return reply
    .code(error.status)
    .type('application/problem+json; charset=utf-8')
    .send(problemOf(error, request.language));
}
