import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { planColumns } from '../../src/modules/coordination/plan.import.js';
import { hostileStrings } from './hostile.js';

// Files as imports and uploads receive them: real ones cut short or with bytes flipped, a
// workbook's zip header over noise, CSV whose cells are hostile, and plain random bytes.

const fixtures = path.join(import.meta.dirname, '../fixtures/statistics');

/** Well-formed files to damage: the statistics samples, a plan as CSV and as a workbook. */
export async function sampleFiles(): Promise<Buffer[]> {
  const planRow = [
    'Prevent',
    'prevention',
    'Train inspectors',
    'LEAD',
    '',
    '2025-01-01',
    '2025-12-31',
    '',
    '',
    '',
    '',
  ];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Plan');
  sheet.addRow([...planColumns]);
  sheet.addRow(planRow);
  return [
    readFileSync(path.join(fixtures, 'ctdc-2024-sample.csv')),
    readFileSync(path.join(fixtures, 'ctdc-older-sample.csv')),
    Buffer.from(`${planColumns.join(',')}\n${planRow.join(',')}\n`),
    Buffer.from(await workbook.xlsx.writeBuffer()),
  ];
}

const cell = fc.oneof(
  fc.constantFrom(...hostileStrings.filter((s) => s.length < 1000)),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('"', '""', '"unclosed', 'a,b', '\r', '\n', '\t', '\ufeff'),
);

/** CSV with the header of a real file and rows of hostile cells (some rows short, some long). */
function hostileCsv(samples: Buffer[]): fc.Arbitrary<Buffer> {
  return fc
    .record({
      sample: fc.constantFrom(...samples.filter((s) => s[0] !== 0x50)),
      rows: fc.array(fc.array(cell, { maxLength: 40 }), { maxLength: 20 }),
      separator: fc.constantFrom('\n', '\r\n', '\r'),
    })
    .map(({ sample, rows, separator }) => {
      const header = sample.toString('utf8').split('\n')[0]!;
      return Buffer.from([header, ...rows.map((r) => r.join(','))].join(separator));
    });
}

export function fileBytes(samples: Buffer[]): fc.Arbitrary<Buffer> {
  const sample = fc.constantFrom(...samples);
  return fc.oneof(
    hostileCsv(samples),
    fc.tuple(sample, fc.nat()).map(([file, at]) => file.subarray(0, at % (file.length + 1))),
    fc
      .tuple(
        sample,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
      )
      .map(([file, flips]) => {
        const copy = Buffer.from(file);
        for (const [at, byte] of flips) copy[at % copy.length] = byte;
        return copy;
      }),
    fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.concat([Buffer.from('PK\u0003\u0004'), bytes])),
    fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
    fc.constantFrom(Buffer.alloc(0), Buffer.from('\ufeff'), Buffer.alloc(700_000, 'a')),
  );
}
