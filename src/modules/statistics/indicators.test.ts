import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kindSpecs } from './indicator-sources.js';
import {
  CubeAccumulator,
  cubeId,
  cubesOf,
  periodValue,
  valuesOf,
  type CellRow,
  type DimValue,
  type Fact,
  type KindSpec,
} from './indicators.js';
import type { Dimension } from './statistics.schemas.js';

// The cube counter against a plain recount: every cell of every kept cube, fact by fact, with
// string keys. Undated facts without stage and agency (imported rows) are copied into 55 of the
// victim's cubes instead of being counted there; the copies must equal the counts.

const victim = kindSpecs.get('victim')!;

/** Each fact's contribution to each cell, by key, as the engine defines it. */
function recount(
  spec: KindSpec,
  facts: { fact: Fact; sign: 1 | -1 }[],
  cubes = cubesOf(spec),
): Map<string, CellRow> {
  const cells = new Map<string, CellRow>();
  for (const { period, dims } of cubes)
    for (const { fact, sign } of facts) {
      const keys = dims.reduce<DimValue[][]>(
        (keys, d) => keys.flatMap((k) => valuesOf(fact, d).map((v) => [...k, v])),
        [[]],
      );
      for (const key of keys) {
        const row = {
          kind: spec.kind,
          cube: cubeId(period, dims),
          source: fact.source,
          period: periodValue(fact, period),
          key: JSON.stringify(key),
        };
        const id = JSON.stringify(row);
        const cell = cells.get(id) ?? { ...row, count: 0, sum: 0 };
        cell.count += sign;
        cell.sum += sign * fact.measure;
        cells.set(id, cell);
      }
    }
  for (const [id, cell] of cells) if (cell.count === 0 && cell.sum === 0) cells.delete(id);
  return cells;
}

const byKey = (rows: CellRow[]) =>
  new Map(
    rows.map((r) => [
      JSON.stringify({ kind: r.kind, cube: r.cube, source: r.source, period: r.period, key: r.key }),
      r,
    ]),
  );

const values: Record<string, string[]> = {
  sex: ['female', 'male'],
  ageBand: ['age_9_17', 'age_30_38'],
  nationality: ['IDN', 'PHL', 'CHN'],
  countryOfExploitation: ['CHN', 'MAC'],
  form: ['forced_labour', 'sexual_exploitation', 'other'],
  formFamily: ['forced_labour', 'other'],
  sector: ['construction'],
  sexType: ['prostitution'],
  means: ['threats', 'abuse', 'false_promises'],
  recruiter: ['family', 'friend'],
  duration: ['0--12', '25+'],
  stage: ['reported', 'charged'],
  agency: ['police', 'labour'],
};

const fact = (spec: KindSpec) =>
  fc
    .record({
      source: fc.constantFrom('guia', 'ctdc:a', 'ctdc:b'),
      date: fc.option(fc.constantFrom('2019-03-31', '2019-04-01', '2021-12-05'), { freq: 2 }),
      year: fc.option(fc.constantFrom(2018, 2019), { freq: 3 }),
      measure: fc.constantFrom(0, 0, 7),
      // Most facts hold no stage or agency (imported rows), some do.
      dims: fc.record(
        Object.fromEntries(
          spec.dimensions
            .filter((d) => values[d])
            .map((d) => [
              d,
              ['stage', 'agency'].includes(d)
                ? fc.option(fc.subarray(values[d]!, { maxLength: 1 }), { freq: 1, nil: undefined })
                : fc.array(fc.constantFrom(...values[d]!), { maxLength: 3 }),
            ]),
        ) as Record<Dimension, fc.Arbitrary<string[] | undefined>>,
      ),
    })
    .map((f): Fact => ({
      kind: spec.kind,
      recordId: 'r',
      caseId: null,
      source: f.source,
      date: f.date,
      year: f.date ? null : f.year,
      measure: f.measure,
      dims: Object.fromEntries(Object.entries(f.dims).filter(([, v]) => v !== undefined)),
    }));

describe('counting facts into cubes', () => {
  it('gives every cell of every cube of a plain recount, derived cubes included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ fact: fact(victim), sign: fc.constantFrom<1 | -1>(1, 1, -1) }), {
          maxLength: 30,
        }),
        (facts) => {
          const acc = new CubeAccumulator(victim);
          for (const { fact, sign } of facts) acc.add(fact, sign);
          expect(byKey(acc.rows())).toEqual(recount(victim, facts));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('derives the cubes by stage, agency, TIP period and month from an undated import', () => {
    const acc = new CubeAccumulator(victim);
    const imported: Fact = {
      kind: 'victim',
      recordId: 'ctdc:a#2',
      caseId: null,
      source: 'ctdc:a',
      date: null,
      year: 2019,
      measure: 0,
      dims: { sex: ['female'], nationality: ['IDN', 'PHL'] },
    };
    acc.add(imported, 1);
    acc.add(imported, 1);
    const rows = acc.rows();
    const cell = (cube: string, period: string, key: DimValue[]) =>
      rows.find((r) => r.cube === cube && r.period === period && r.key === JSON.stringify(key))?.count;
    expect(cell('all:sex,stage', '', ['female', null])).toBe(2);
    expect(cell('all:nationality,agency', '', ['PHL', null])).toBe(2);
    expect(cell('all:stage,agency', '', [null, null])).toBe(2);
    expect(cell('year:stage', '2019', [null])).toBe(2);
    expect(cell('tip:nationality', '', ['IDN'])).toBe(2);
    expect(cell('month:', '', [])).toBe(2);
    expect(rows).toHaveLength(new Set(rows.map((r) => `${r.cube}|${r.period}|${r.key}`)).size);
    expect(rows).toHaveLength(recount(victim, [{ fact: imported, sign: 1 }]).size);
  });

  it('counts a question no kept cube answers (a scan) fact by fact', () => {
    // TIP × sex × stage: no kept cube to copy from; a plain fact is counted into it all the same.
    const question = [{ period: 'tip' as const, dims: ['sex', 'stage'] as Dimension[] }];
    fc.assert(
      fc.property(fc.array(fact(victim), { maxLength: 20 }), (facts) => {
        const acc = new CubeAccumulator(victim, question);
        for (const f of facts) acc.add(f, 1);
        expect(byKey(acc.rows())).toEqual(
          recount(
            victim,
            facts.map((fact) => ({ fact, sign: 1 })),
            question,
          ),
        );
      }),
      { numRuns: 60 },
    );
  });
});
