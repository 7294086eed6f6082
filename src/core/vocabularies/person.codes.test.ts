import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { AGE_BAND, ageBand } from './person.codes.js';

/** The inclusive range of a band, read from its CTDC value ("21--23", "48+"). */
function rangeOf(ctdc: string): [number, number] {
  if (ctdc.endsWith('+')) return [Number(ctdc.slice(0, -1)), Number.POSITIVE_INFINITY];
  const [low, high] = ctdc.split('--').map(Number);
  return [low!, high!];
}

describe('the age band', () => {
  it.each([
    [0, 'age_0_8'],
    [8, 'age_0_8'],
    [8.99, 'age_0_8'],
    [9, 'age_9_17'],
    [17, 'age_9_17'],
    [17.9, 'age_9_17'],
    [18, 'age_18_20'],
    [20, 'age_18_20'],
    [21, 'age_21_23'],
    [23, 'age_21_23'],
    [24, 'age_24_26'],
    [26, 'age_24_26'],
    [27, 'age_27_29'],
    [29, 'age_27_29'],
    [30, 'age_30_38'],
    [38, 'age_30_38'],
    [39, 'age_39_47'],
    [47, 'age_39_47'],
    [48, 'age_48_plus'],
    [103, 'age_48_plus'],
  ])('of age %s is %s', (age, band) => {
    expect(ageBand(age)).toBe(band);
  });

  it.each([null, undefined])('of a missing age (%s) is unknown', (age) => {
    expect(ageBand(age)).toBe('age_unknown');
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses the impossible age %s', (age) => {
    expect(() => ageBand(age)).toThrow(RangeError);
  });

  it('contains the age in completed years, by the CTDC range of the band', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 130, noNaN: true }), (age) => {
        const band = AGE_BAND.codes.find((entry) => entry.code === ageBand(age));
        const [low, high] = rangeOf(band && 'ctdc' in band ? band.ctdc : '');
        expect(Math.floor(age)).toBeGreaterThanOrEqual(low);
        expect(Math.floor(age)).toBeLessThanOrEqual(high);
      }),
    );
  });

  it('keeps children apart from adults at 18', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), (age) => {
        expect(['age_0_8', 'age_9_17'].includes(ageBand(age))).toBe(age < 18);
      }),
    );
  });
});
