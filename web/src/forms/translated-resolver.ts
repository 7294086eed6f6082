import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { i18next } from '../i18n/i18n.js';

// The forms validate with the server's own zod schemas. Zod speaks English, so each issue
// is turned into the catalogue message the server itself would send for that field.

type Issue = Parameters<NonNullable<z.core.ParseContext<z.core.$ZodIssue>['error']>>[0];

function translateIssue(issue: Issue): string {
  const t = i18next.t;
  switch (issue.code) {
    case 'invalid_type':
      return t('common:validation.invalid_type');
    case 'too_small':
      return t('common:validation.too_small', { minimum: Number(issue.minimum) });
    case 'too_big':
      return t('common:validation.too_big', { maximum: Number(issue.maximum) });
    case 'invalid_format':
      return t('common:validation.invalid_format');
    case 'invalid_value':
      return t('common:validation.invalid_value');
    default:
      return t('common:validation.invalid');
  }
}

/**
 * The server's schemas name some messages by catalogue key (`.regex(pattern, 'email')`,
 * `password.too_short`): those keys become words in the current language.
 */
function catalogueMessage(message: string): string {
  const key = `common:validation.${message}`;
  // A key known only at run time; `exists` has just checked it, which the types cannot see.
  return i18next.exists(key) ? i18next.t(key as 'common:validation.invalid') : message;
}

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

const member = (values: unknown, name: string): unknown =>
  typeof values === 'object' && values !== null
    ? Object.entries(values).find(([key]) => key === name)?.[1]
    : undefined;

/** Walks the errors beside the values they are about, turning each message into words. */
function translateMessages(errors: unknown, values: unknown): void {
  if (typeof errors !== 'object' || errors === null) return;
  for (const [name, error] of Object.entries(errors)) {
    if (typeof error !== 'object' || error === null) continue;
    const value = member(values, name);
    if ('message' in error && typeof error.message === 'string' && 'type' in error) {
      // Whatever rule failed, a field left empty is, for the person filling it in, "required".
      error.message = isEmpty(value)
        ? i18next.t('common:validation.required')
        : catalogueMessage(error.message);
    } else {
      translateMessages(error, value);
    }
  }
}

/** A react-hook-form resolver for a zod schema, with messages in the language on screen. */
export function translatedResolver<Input extends FieldValues, Output>(
  schema: z.ZodType<Output, Input>,
): Resolver<Input, unknown, Output> {
  const resolve = zodResolver(schema, { error: translateIssue });
  return async (values, context, options) => {
    const result = await resolve(values, context, options);
    translateMessages(result.errors, values);
    return result;
  };
}
