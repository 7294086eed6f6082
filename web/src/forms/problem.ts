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
