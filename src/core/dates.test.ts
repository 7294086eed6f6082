import { describe, expect, it } from 'vitest';
import { ageOn, assertNotBefore, assertNotFuture, earliestDate, isOnOrAfterEarliestDate } from './dates.js';

const fieldErrorsOf = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return (error as { fieldErrors: unknown }).fieldErrors;
  }
  return null;
};

describe('date rules', () => {
  it('accepts dates from 1 January 1900 on', () => {
    expect(earliestDate).toBe('1900-01-01');
    expect(isOnOrAfterEarliestDate('1900-01-01')).toBe(true);
    expect(isOnOrAfterEarliestDate('2020-03-31')).toBe(true);
    expect(isOnOrAfterEarliestDate('1899-12-31')).toBe(false);
    expect(isOnOrAfterEarliestDate('0020-03-31')).toBe(false);
  });

  it('refuses a date after today, naming the first such field, and accepts today and missing dates', () => {
    const today = '2024-05-01';
    expect(() =>
      assertNotFuture(today, { reportedOn: today, occurredOn: null, endedOn: undefined }),
    ).not.toThrow();
    expect(() => assertNotFuture(today, { reportedOn: '2024-04-30' })).not.toThrow();
    expect(
      fieldErrorsOf(() => assertNotFuture(today, { reportedOn: today, occurredOn: '2024-05-02' })),
    ).toEqual([{ path: 'occurredOn', code: 'future_date' }]);
  });

  it('refuses an end before its start, with the code given, and accepts an equal or missing one', () => {
    expect(() => assertNotBefore('endedOn', '2024-05-01', '2024-05-01')).not.toThrow();
    expect(() => assertNotBefore('endedOn', null, '2024-05-01')).not.toThrow();
    expect(() => assertNotBefore('endedOn', '2024-04-01', undefined)).not.toThrow();
    expect(fieldErrorsOf(() => assertNotBefore('endedOn', '2024-04-30', '2024-05-01'))).toEqual([
      { path: 'endedOn', code: 'before_start' },
    ]);
    expect(
      fieldErrorsOf(() => assertNotBefore('judgedOn', '2024-04-30', '2024-05-01', 'before_charge')),
    ).toEqual([{ path: 'judgedOn', code: 'before_charge' }]);
  });
});

describe('ageOn', () => {
  it('counts whole years, a birthday completing the year on its day', () => {
    expect(ageOn('2008-12-02', '2026-12-01')).toBe(17);
    expect(ageOn('2008-12-02', '2026-12-02')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});
