import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, sheetToCsv, toCsv, toXlsx } from './tabular.js';

describe('formula neutralisation', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ['+853 6612 3456', `'+853 6612 3456`],
    ["-2+3+cmd|' /C calc'!A0", `'-2+3+cmd|' /C calc'!A0`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
    ['=1', `'=1`],
  ])('prefixes %j so it stays text', (value, expected) => {
    expect(neutraliseFormula(value)).toBe(expected);
  });

  it.each(['-12', '+3.5', '-0.25', '-1e3', 'Relatório', '被害人', 'a=b', ''])(
    'leaves %j as typed',
    (value) => {
      expect(neutraliseFormula(value)).toBe(value);
    },
  );
});

describe('CSV', () => {
  it('reads back the same table, injections neutralised, Chinese and accents intact', () => {
    const csv = toCsv([
      ['reference', 'note', 'count', 'open'],
      ['MO-2026-0001', '=cmd|"/C calc"!A0', 3, true],
      ['MO-2026-0002', '被害人, "Relatório"\nsegunda linha', -4, false],
      ['MO-2026-0003', null, undefined, null],
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows).toEqual([
      ['reference', 'note', 'count', 'open'],
      ['MO-2026-0001', `'=cmd|"/C calc"!A0`, '3', 'true'],
      ['MO-2026-0002', '被害人, "Relatório"\nsegunda linha', '-4', 'false'],
      ['MO-2026-0003', '', '', ''],
    ]);
  });

  it('neutralises a formula in the header too and can omit the byte-order mark', () => {
    const csv = sheetToCsv({ name: 'x', header: ['@name'], rows: [['+1 800']] }, { bom: false });
    expect(csv).toBe(`'@name\r\n'+1 800\r\n`);
  });
});

describe('XLSX', () => {
  it('reads back as text the cells that looked like formulas, numbers as numbers', async () => {
    const buffer = await toXlsx([
      {
        name: 'Cases: 2026/Q4',
        header: ['Reference', '被害人', 'Count', 'Opened'],
        rows: [
          ['MO-2026-0001', '=HYPERLINK("http://evil.example")', 2, new Date('2026-12-01T08:00:00Z')],
          ['MO-2026-0002', 'Relatório de situação', -7, null],
          ['MO-2026-0003', '-5', 0, null],
        ],
      },
      { name: 'Cases: 2026/Q4', header: ['Other'], rows: [['@x']] },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const [first, second] = workbook.worksheets;
    expect(first?.name).toBe('Cases  2026 Q4');
    expect(second?.name).toBe('Cases  2026 Q4 2');
    expect(first?.getRow(1).values).toEqual([undefined, 'Reference', '被害人', 'Count', 'Opened']);
    expect(first?.getRow(1).font?.bold).toBe(true);
    expect(first?.getCell('B2').value).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(first?.getCell('B2').formula).toBeUndefined();
    expect(first?.getCell('C2').value).toBe(2);
    expect((first?.getCell('D2').value as Date).toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(first?.getCell('B3').value).toBe('Relatório de situação');
    expect(first?.getCell('C3').value).toBe(-7);
    expect(first?.getCell('B4').value).toBe('-5');
    expect(second?.getCell('A2').value).toBe(`'@x`);
  });
});
