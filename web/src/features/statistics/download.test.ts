import { describe, expect, it } from 'vitest';
import { safeCell, toCsv } from './download.js';

// A downloaded table is opened in a spreadsheet program, which would run a cell beginning with
// = + - or @ as a formula: such cells leave the browser with a leading apostrophe.

describe('dashboard downloads', () => {
  it('neutralises every cell a spreadsheet would run as a formula', () => {
    for (const attack of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1'])
      expect(safeCell(attack)).toBe(`'${attack}`);
    expect(safeCell('Philippines')).toBe('Philippines');
    expect(safeCell(-3)).toBe(-3);
  });

  it('writes counts as numbers and quotes labels with commas or quotes', () => {
    const csv = toCsv({
      head: ['Nationality', 'Count'],
      rows: [
        ['Korea, Republic of', 4],
        ['=cmd|"/c calc"!A1', 1],
      ],
    });
    expect(csv).toBe('Nationality,Count\r\n"Korea, Republic of",4\r\n"\'=cmd|""/c calc""!A1",1\r\n');
  });
});
