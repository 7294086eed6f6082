import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ProblemError } from '../api/http.js';

/**
 * Puts each field error of a server problem on its form field. The server has already
 * translated the messages; paths such as `names.en` are the form's own field names.
 */
export function showFieldErrors<Values extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<Values>,
  fields: readonly Path<Values>[],
): void {
  if (!(error instanceof ProblemError)) return;
  let focused = false;
  for (const fieldError of error.problem.errors ?? []) {
    const field = fields.find((name) => name === fieldError.path);
    if (!field) continue;
    // The first wrong field takes the focus, as after a failed client-side check.
    setError(field, { type: 'server', message: fieldError.message }, { shouldFocus: !focused });
    focused = true;
  }
}

/** Messages of a problem that belong to no field of the form, to show beside its title. */
export function unplacedMessages(error: unknown, fields: readonly string[]): string[] {
  if (!(error instanceof ProblemError)) return [];
  return (error.problem.errors ?? []).filter((e) => !fields.includes(e.path)).map((e) => e.message);
}

/**
 * The server names fields by their place in the request (`places.0.country`, `suspect.charges.0`);
 * a form may lay them out differently. This renames the paths of a problem to the form's own field
 * names, so that `showFieldErrors` can put each message on its field.
 */
export function withFormPaths(
  error: unknown,
  formPathOf: (serverPath: string) => string | undefined,
): unknown {
  if (!(error instanceof ProblemError) || !error.problem.errors) return error;
  return new ProblemError({
    ...error.problem,
    errors: error.problem.errors.map((fieldError) => ({
      ...fieldError,
      path: formPathOf(fieldError.path) ?? fieldError.path,
    })),
  });
}

/** `informedOf.2` is the list's own field on the form. */
export const listPath = (path: string) => path.replace(/\.\d+$/, '');
