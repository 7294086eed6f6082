import { describe, expect, it } from 'vitest';
import { parseRetentionYears, retentionCutoff } from './retention-period.js';

describe('retention period', () => {
  it('accepts whole years from 1 to 100, and off', () => {
    expect(parseRetentionYears('10')).toEqual({ ok: 10 });
    expect(parseRetentionYears(' 1 ')).toEqual({ ok: 1 });
    expect(parseRetentionYears('100')).toEqual({ ok: 100 });
    expect(parseRetentionYears('off')).toEqual({ ok: null });
  });

  it.each(['0', '-3', '2.5', 'ten', '', '101', '1e2'])('refuses %j with a reason', (value) => {
    const parsed = parseRetentionYears(value);
    expect(parsed).toHaveProperty('problem');
  });

  it('says why zero is refused: it would erase every closed case at once', () => {
    expect(parseRetentionYears('0')).toEqual({
      problem:
        'must be at least 1 year (0 would erase every closed case at once); use off to keep identities',
    });
  });

  it('counts the period back from today in calendar years', () => {
    expect(retentionCutoff('2026-12-02', 5)).toBe('2021-12-02');
    expect(retentionCutoff('2028-02-29', 1)).toBe('2027-02-28');
    expect(retentionCutoff('2028-02-29', 4)).toBe('2024-02-29');
  });
});
