import { z } from 'zod';

import { DIMENSIONS, type Dimension, type IndicatorCatalogue } from './indicator-catalogue.js';
import { countIndicators, isPresumedVictim, ScreeningError } from './screening-rule.js';

/**
 * `guia screen --json` as a pure function so the contract can be tested without a process: the command only
 * reads stdin, calls this, writes both streams and exits with the code.
 *
 * Input, one JSON object, with exactly one of `dimensions` or `indicators`:
 *   {"child": false, "dimensions": {"D1": {"strong": 0, "medium": 2, "weak": 1}, ...}}
 *   {"child": false, "indicators": ["AL-D1-S01", ...]}
 * Output, one line: {"presumedVictim": true, "positiveDimensions": ["D1", "D4", "D5"]}
 * Exit codes: 0 result written; 2 the input is invalid (stderr names the field); 1 unexpected failure.
 */
export type ScreeningCliOutcome = { exitCode: 0 | 1 | 2; stdout: string; stderr: string };

const COUNT_MESSAGE = 'must be a non-negative integer';

const Count = z
  .number({ error: COUNT_MESSAGE })
  .int({ error: COUNT_MESSAGE })
  .min(0, { error: COUNT_MESSAGE });

const DimensionCounts = z.strictObject({ strong: Count, medium: Count, weak: Count });

const DimensionCountsByDimension = z.strictObject(
  Object.fromEntries(DIMENSIONS.map((dimension) => [dimension, DimensionCounts.optional()])) as Record<
    Dimension,
    z.ZodOptional<typeof DimensionCounts>
  >,
);

const ScreeningCliInput = z.strictObject({
  child: z.boolean({
    error: (issue) => (issue.input === undefined ? 'is required (true or false)' : 'must be true or false'),
  }),
  dimensions: DimensionCountsByDimension.optional(),
  indicators: z
    .array(z.string({ error: 'must be an indicator id (a string)' }), {
      error: 'must be an array of indicator ids',
    })
    .optional(),
});

type ScreeningCliInput = z.infer<typeof ScreeningCliInput>;

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((joined, segment) => {
    if (typeof segment === 'number') return `${joined}[${segment}]`;
    const name = String(segment);
    return joined === '' ? name : `${joined}.${name}`;
  }, '');
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const path = fieldPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const expected =
      path === 'dimensions'
        ? `unknown dimension (expected one of ${DIMENSIONS.join(', ')})`
        : path === ''
          ? 'unknown field (expected child and one of dimensions or indicators)'
          : 'unknown field (expected strong, medium and weak)';
    return issue.keys.map((key) => `${path === '' ? key : `${path}.${key}`}: ${expected}`);
  }
  return [`${path === '' ? 'input' : path}: ${issue.message}`];
}

function invalid(messages: readonly string[]): ScreeningCliOutcome {
  // One line, whatever the number of problems, so a shell pipeline can read it with `read`.
  return { exitCode: 2, stdout: '', stderr: `${messages.join('; ')}\n` };
}

function presumption(input: ScreeningCliInput, catalogue: IndicatorCatalogue): ScreeningCliOutcome {
  let dimensions = input.dimensions ?? {};
  if (input.indicators !== undefined) {
    try {
      dimensions = countIndicators(input.indicators, catalogue);
    } catch (error) {
      if (!(error instanceof ScreeningError)) throw error;
      const { details } = error;
      if (details.code === 'screening.unknown_indicator') {
        const position = input.indicators.indexOf(details.indicatorId);
        return invalid([`indicators[${position}]: unknown indicator id "${details.indicatorId}"`]);
      }
      return invalid([`indicators: ${error.message}`]);
    }
  }
  const result = isPresumedVictim({ child: input.child, dimensions });
  const output = { presumedVictim: result.presumedVictim, positiveDimensions: result.positiveDimensions };
  return { exitCode: 0, stdout: `${JSON.stringify(output)}\n`, stderr: '' };
}

export function runScreeningJson(text: string, catalogue: IndicatorCatalogue): ScreeningCliOutcome {
  try {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return invalid(['input: not valid JSON']);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      return invalid(['input: must be a JSON object']);
    }

    const parsed = ScreeningCliInput.safeParse(json);
    if (!parsed.success) return invalid(parsed.error.issues.flatMap(describeIssue));
    const { dimensions, indicators } = parsed.data;
    if (dimensions !== undefined && indicators !== undefined) {
      return invalid(['dimensions, indicators: give only one of the two']);
    }
    if (dimensions === undefined && indicators === undefined) {
      return invalid(['dimensions, indicators: one of the two is required']);
    }
    return presumption(parsed.data, catalogue);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { exitCode: 1, stdout: '', stderr: `screening failed: ${reason.replace(/\s+/g, ' ')}\n` };
  }
}
