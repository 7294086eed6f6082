import { z } from 'zod';

// Form schemas are the server's request schemas, picked and extended: a limit is stated once,
// where the server checks it. A text box or a select always holds a string, where the request
// leaves an optional field out; these adapt one to the other.

/**
 * An optional field of a request as a form's box: blank (or only spaces) stands for absent,
 * anything else must pass the server's own rule.
 */
export const blankOr = <Output>(field: z.ZodType<Output, string | undefined>) =>
  z
    .string()
    .transform((value) => (value.trim() === '' ? undefined : value))
    .pipe(field);
