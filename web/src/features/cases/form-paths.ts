import { ProblemError } from '../../api/http.js';

/**
 * The server names fields by their place in the request (`places.0.country`, `suspect.charges.0`);
 * a form may lay them out differently. This renames the paths of a problem to the form's own field
 * names, so that the shared `showFieldErrors` can put each message on its field.
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
