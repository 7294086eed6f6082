import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyVictim, type ImportedVictim } from './ctdc.js';
import { CODED_FIELDS, VictimDecoder, VictimEncoder } from './victim-codes.js';

// The victims an import's worker reads reach the counting thread as numbers: whatever they
// hold, they must come out as they went in, batch after batch.

const word = fc.constantFrom(
  'female',
  'male',
  'PHL',
  'MAC',
  'age_9_17',
  '2019-04-01',
  'forced_labour',
  'x',
  '',
);
const text = fc.option(word, { nil: null });
const list = fc.array(word, { maxLength: 4 });
const number = fc.option(fc.integer({ min: -(2 ** 31) + 1, max: 2 ** 31 - 1 }), { nil: null });
const victim: fc.Arbitrary<ImportedVictim> = fc.record({
  year: number,
  date: text,
  sex: text,
  ageBand: text,
  age: number,
  citizenship: list,
  countryOfExploitation: text,
  duration: text,
  forms: list,
  sectors: list,
  sexTypes: list,
  means: list,
  meansFamilies: list,
  relationship: text,
  recruiterFamilies: list,
  traffickingStatus: text,
  recruitmentMethod: text,
  caseStatus: text,
});

describe('coding imported victims in batches', () => {
  it('codes every field a victim has', () => {
    expect([...CODED_FIELDS].sort()).toEqual(Object.keys(emptyVictim()).sort());
  });

  it('reads back the victims of every batch as they were added, each word sent once', () => {
    fc.assert(
      fc.property(fc.array(fc.array(victim, { maxLength: 20 }), { maxLength: 5 }), (batches) => {
        const encoder = new VictimEncoder();
        const decoder = new VictimDecoder();
        const sent: string[] = [];
        for (const victims of batches) {
          for (const v of victims) encoder.add(v);
          const batch = encoder.take();
          sent.push(...batch.words);
          expect(batch.count).toBe(victims.length);
          expect(decoder.read(batch)).toEqual(victims);
        }
        expect(new Set(sent).size).toBe(sent.length);
      }),
    );
  });

  it('grows past its first buffer', () => {
    const encoder = new VictimEncoder();
    const many = Array.from({ length: 3000 }, (_, i) => ({
      ...emptyVictim(),
      year: 1990 + (i % 30),
      citizenship: [`C${i % 7}`],
      forms: ['forced_labour', `f${i}`],
    }));
    for (const v of many) encoder.add(v);
    expect(new VictimDecoder().read(encoder.take())).toEqual(many);
  });

  it('refuses a number it cannot carry', () => {
    const encoder = new VictimEncoder();
    for (const age of [2.5, 2 ** 31, -(2 ** 31), Number.NaN])
      expect(() => encoder.add({ ...emptyVictim(), age })).toThrow(RangeError);
  });

  it('refuses a batch read out of step', () => {
    const encoder = new VictimEncoder();
    encoder.add({ ...emptyVictim(), forms: ['a', 'b'] });
    const batch = encoder.take();
    expect(() => new VictimDecoder().read({ ...batch, count: 0 })).toThrow('codes left over');
  });
});
