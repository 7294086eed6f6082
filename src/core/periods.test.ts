import { describe, expect, it } from 'vitest';
import {
  contains,
  daysBetween,
  parsePeriodKey,
  periodOf,
  periodsBetween,
  tipPeriod,
  tipReportYearOf,
} from './periods.js';

describe('reporting periods', () => {
  it('gives the TIP period of a report year as 1 April of the year before to 31 March', () => {
    expect(tipPeriod(2020)).toEqual({ kind: 'tip', key: 'TIP2020', start: '2019-04-01', end: '2020-03-31' });
  });

  it('places 31 March in the report of its own year and 1 April in the next', () => {
    expect(tipReportYearOf('2020-03-31')).toBe(2020);
    expect(tipReportYearOf('2020-04-01')).toBe(2021);
  });

  it('ends February on its last day, leap years included', () => {
    expect(periodOf('month', '2024-02-10').end).toBe('2024-02-29');
    expect(periodOf('month', '2023-02-10').end).toBe('2023-02-28');
    expect(periodOf('quarter', '2024-05-02')).toMatchObject({
      key: '2024-Q2',
      start: '2024-04-01',
      end: '2024-06-30',
    });
  });

  it('reads every kind of key and refuses anything else naming the field', () => {
    expect(parsePeriodKey('2024').end).toBe('2024-12-31');
    expect(parsePeriodKey('2024-Q4').start).toBe('2024-10-01');
    expect(parsePeriodKey('2024-11').end).toBe('2024-11-30');
    expect(parsePeriodKey('TIP2025').start).toBe('2024-04-01');
    for (const bad of ['2024-13', '2024-Q5', 'TIP24', '3020', '', '2024-1'])
      expect(() => parsePeriodKey(bad, 'period')).toThrow(
        expect.objectContaining({ code: 'validation.failed' }),
      );
  });

  it('lists the periods overlapping a span, partial ones at either end included', () => {
    expect(periodsBetween('tip', '2023-01-01', '2024-05-01').map((p) => p.key)).toEqual([
      'TIP2023',
      'TIP2024',
      'TIP2025',
    ]);
    expect(periodsBetween('quarter', '2024-02-01', '2024-04-01').map((p) => p.key)).toEqual([
      '2024-Q1',
      '2024-Q2',
    ]);
  });

  it('counts days across month and year ends', () => {
    expect(daysBetween('2024-12-31', '2025-01-01')).toBe(1);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
    expect(contains(tipPeriod(2020), '2019-04-01')).toBe(true);
    expect(contains(tipPeriod(2020), '2020-04-01')).toBe(false);
  });
});
