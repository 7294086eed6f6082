import { describe, expect, it } from 'vitest';
import { createRejectionTally, type RejectionSummary } from './rejection-tally.js';

const minute = 60_000;

function tallyAt(start: number, failWrites = 0) {
  let clock = start;
  let failures = failWrites;
  const written: RejectionSummary[] = [];
  const errors: unknown[] = [];
  const tally = createRejectionTally(
    async (summary) => {
      if (failures > 0) {
        failures--;
        throw new Error('database down');
      }
      written.push(summary);
    },
    { onError: (error) => errors.push(error), now: () => clock },
  );
  return { tally, written, errors, advance: (ms: number) => (clock += ms) };
}

describe('the rejection tally', () => {
  it('writes the first rejection of a minute at once and the rest when the minute is over', async () => {
    const { tally, written, advance } = tallyAt(10 * minute);
    await Promise.all(Array.from({ length: 100 }, () => tally.reject('/api/v1/session')));
    expect(written).toEqual([
      {
        from: new Date(10 * minute).toISOString(),
        to: new Date(11 * minute).toISOString(),
        count: 1,
        routes: { '/api/v1/session': 1 },
      },
    ]);
    advance(minute);
    await tally.reject('');
    expect(written.map((w) => [w.from, w.count])).toEqual([
      [new Date(10 * minute).toISOString(), 1],
      [new Date(10 * minute).toISOString(), 99],
      [new Date(11 * minute).toISOString(), 1],
    ]);
    await tally.close();
    expect(written).toHaveLength(3);
  });

  it('keeps the count when a write fails, and writes it with the next one', async () => {
    const { tally, written, errors } = tallyAt(0, 1);
    await tally.reject('/a');
    await tally.reject('/a');
    expect(errors).toHaveLength(1);
    await tally.close();
    expect(written.reduce((sum, w) => sum + w.count, 0)).toBe(2);
  });
});
