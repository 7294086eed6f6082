import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { DIMENSIONS, ILO_INDICATOR_CATALOGUE } from './indicator-catalogue.js';
import { runScreeningJson } from './screening-cli.js';
import { isPresumedVictim } from './screening-rule.js';

function run(input: unknown): ReturnType<typeof runScreeningJson> {
  return runScreeningJson(typeof input === 'string' ? input : JSON.stringify(input), ILO_INDICATOR_CATALOGUE);
}

describe('guia screening with good input', () => {
  it('answers counts per dimension with one JSON line of exactly two keys', () => {
    const outcome = run({
      child: false,
      dimensions: {
        D5: { strong: 1, medium: 1, weak: 0 },
        D1: { strong: 0, medium: 2, weak: 1 },
        D4: { strong: 1, medium: 0, weak: 1 },
      },
    });
    expect(outcome).toEqual({
      exitCode: 0,
      stdout: '{"presumedVictim":true,"positiveDimensions":["D1","D4","D5"]}\n',
      stderr: '',
    });
  });

  it('counts a dimension left out as no indicator found', () => {
    const outcome = run({
      child: false,
      dimensions: { D1: { strong: 0, medium: 2, weak: 1 }, D4: { strong: 1, medium: 0, weak: 0 } },
    });
    expect(outcome.exitCode).toBe(0);
    expect(JSON.parse(outcome.stdout)).toEqual({ presumedVictim: false, positiveDimensions: ['D1'] });
  });

  it('accepts an empty set of dimensions', () => {
    expect(JSON.parse(run({ child: true, dimensions: {} }).stdout)).toEqual({
      presumedVictim: false,
      positiveDimensions: [],
    });
  });

  it('answers catalogue indicator ids', () => {
    const outcome = run({
      child: true,
      indicators: ['AL-D2-S01', 'AL-D2-M02', 'AL-D4-M01', 'AL-D4-M02', 'AL-D4-M03'],
    });
    expect(outcome).toEqual({
      exitCode: 0,
      stdout: '{"presumedVictim":true,"positiveDimensions":["D2","D4"]}\n',
      stderr: '',
    });
  });

  it('applies the adult rule to the same indicators when child is false', () => {
    const outcome = run({
      child: false,
      indicators: ['AL-D2-S01', 'AL-D2-M02', 'AL-D4-M01', 'AL-D4-M02', 'AL-D4-M03'],
    });
    expect(JSON.parse(outcome.stdout)).toEqual({ presumedVictim: false, positiveDimensions: ['D2', 'D4'] });
  });

  it('agrees with the rule for any counts', () => {
    const counts = fc.record({
      strong: fc.nat({ max: 4 }),
      medium: fc.nat({ max: 4 }),
      weak: fc.nat({ max: 4 }),
    });
    const dimensions = fc.dictionary(fc.constantFrom(...DIMENSIONS), counts);
    fc.assert(
      fc.property(fc.boolean(), dimensions, (child, given) => {
        const outcome = run({ child, dimensions: given });
        const expected = isPresumedVictim({ child, dimensions: given });
        expect(outcome).toMatchObject({
          exitCode: 0,
          stdout: `${JSON.stringify({ presumedVictim: expected.presumedVictim, positiveDimensions: expected.positiveDimensions })}\n`,
        });
      }),
    );
  });
});

describe('guia screening with bad input', () => {
  it.each([
    ['text that is not JSON', '{"child": false,', 'input'],
    ['empty input', '', 'input'],
    ['a JSON array', [], 'input'],
    ['JSON null', 'null', 'input'],
    ['a missing child', { dimensions: {} }, 'child'],
    ['a child that is not a boolean', { child: 'no', dimensions: {} }, 'child'],
    [
      'an unknown dimension',
      { child: false, dimensions: { D7: { strong: 1, medium: 0, weak: 0 } } },
      'dimensions.D7',
    ],
    [
      'a negative count',
      { child: false, dimensions: { D1: { strong: 0, medium: -1, weak: 0 } } },
      'dimensions.D1.medium',
    ],
    [
      'a fractional count',
      { child: false, dimensions: { D2: { strong: 1.5, medium: 0, weak: 0 } } },
      'dimensions.D2.strong',
    ],
    [
      'a count given as text',
      { child: false, dimensions: { D3: { strong: 0, medium: 0, weak: '1' } } },
      'dimensions.D3.weak',
    ],
    ['a missing count', { child: false, dimensions: { D4: { strong: 1, medium: 0 } } }, 'dimensions.D4.weak'],
    [
      'an unknown strength',
      { child: false, dimensions: { D4: { strong: 1, medium: 0, weak: 0, severe: 1 } } },
      'dimensions.D4.severe',
    ],
    ['dimensions that are not an object', { child: false, dimensions: [] }, 'dimensions'],
    ['an unknown indicator id', { child: false, indicators: ['AL-D1-S01', 'XX-D1-S01'] }, 'indicators[1]'],
    ['an indicator that is not a string', { child: false, indicators: [7] }, 'indicators[0]'],
    ['indicators from two lists', { child: false, indicators: ['AL-D1-S01', 'CL-D1-S01'] }, 'indicators'],
    [
      'both dimensions and indicators',
      { child: false, dimensions: {}, indicators: [] },
      'dimensions, indicators',
    ],
    ['neither dimensions nor indicators', { child: false }, 'dimensions, indicators'],
    ['an unknown top-level key', { child: false, dimensions: {}, age: 17 }, 'age'],
  ])('refuses %s, naming the field', (_case, input, field) => {
    const outcome = run(input);
    expect(outcome.exitCode).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(/^[^\n]+\n$/);
    expect(outcome.stderr.startsWith(`${field}: `)).toBe(true);
  });

  it('explains a bad count in the documented words', () => {
    expect(run({ child: false, dimensions: { D1: { strong: 0, medium: -2, weak: 0 } } }).stderr).toBe(
      'dimensions.D1.medium: must be a non-negative integer\n',
    );
  });

  it('names the unknown indicator id', () => {
    expect(run({ child: false, indicators: ['AL-D1-S99'] }).stderr).toBe(
      'indicators[0]: unknown indicator id "AL-D1-S99"\n',
    );
  });

  it('lists every problem on one line', () => {
    const outcome = run({ child: 1, dimensions: { D1: { strong: -1, medium: 0, weak: 0 } } });
    expect(outcome.stderr).toMatch(/^child: .*; dimensions\.D1\.strong: .*\n$/);
  });
});

describe('guia screening explains each refusal', () => {
  it.each([
    [{ dimensions: {} }, 'child: is required (true or false)'],
    [{ child: 'no', dimensions: {} }, 'child: must be true or false'],
    [
      { child: false, dimensions: { D7: { strong: 1, medium: 0, weak: 0 } } },
      'dimensions.D7: unknown dimension (expected one of D1, D2, D3, D4, D5, D6)',
    ],
    [
      { child: false, dimensions: { D4: { strong: 1, medium: 0, weak: 0, severe: 1 } } },
      'dimensions.D4.severe: unknown field (expected strong, medium and weak)',
    ],
    [
      { child: false, dimensions: {}, age: 17 },
      'age: unknown field (expected child and one of dimensions or indicators)',
    ],
    ['"text"', 'input: must be a JSON object'],
    ['[]', 'input: must be a JSON object'],
    ['null', 'input: must be a JSON object'],
    ['{"child": false,', 'input: not valid JSON'],
    [
      { child: false, indicators: ['AL-D1-S01', 'CL-D1-S01'] },
      'indicators: indicators come from several lists (adult-labour, child-labour); a screening uses one list',
    ],
    [{ child: false, indicators: 'AL' }, 'indicators: must be an array of indicator ids'],
    [{ child: false, indicators: [7] }, 'indicators[0]: must be an indicator id (a string)'],
  ])('refuses %j with the words %s', (input, words) => {
    expect(run(input)).toEqual({ exitCode: 2, stdout: '', stderr: `${words}\n` });
  });

  it('reports a failure of its own on one line with exit code 1, not as bad input', () => {
    const broken = {
      ...ILO_INDICATOR_CATALOGUE,
      get lists(): never {
        throw new Error('catalogue\n  unreadable');
      },
    };
    expect(runScreeningJson(JSON.stringify({ child: false, indicators: ['AL-D1-S01'] }), broken)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'screening failed: catalogue unreadable\n',
    });
  });
});
