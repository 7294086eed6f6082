import { describe, expect, it } from 'vitest';
import { CTDC_COLUMNS, emptyVictim, storedVictim, victimOfStored } from './ctdc.js';
import { ctdcCellsReader, readCtdcHeader } from './ctdc-rows.js';

// The CTDC reader works by position (a header compiled once, each row's cells read straight
// from the parser); rows given as records read the same.

const header = readCtdcHeader([...CTDC_COLUMNS]);
const read = ctdcCellsReader(header.variant, header.columns, 2026);
const row = (cells: Record<string, string>) => CTDC_COLUMNS.map((c) => cells[c] ?? '');

describe('reading CTDC rows by position', () => {
  it('maps the cells of a row to Guia codes, flags in the codebook order', () => {
    const { victim, problems } = read(
      row({
        yearOfRegistration: '2019',
        gender: 'Woman',
        ageBroad: '9--17',
        citizenship: 'phl',
        CountryOfExploitation: 'MYS',
        traffickMonths: '13--24 (1-2 yrs)',
        meansWithholdDocs: '1',
        meansThreats: ' 1 ',
        isSexualExploit: '1',
        typeOfSexProstitution: '1',
        recruiterRelationFriend: '0',
      }),
    );
    expect(problems).toEqual([]);
    expect(victim).toEqual({
      ...emptyVictim(),
      year: 2019,
      sex: 'female',
      ageBand: 'age_9_17',
      citizenship: ['PHL'],
      countryOfExploitation: 'MYS',
      duration: '13--24',
      meansFamilies: ['threats', 'withhold_documents'],
      forms: ['sexual_exploitation'],
      sexTypes: ['prostitution'],
    });
  });

  it('names the column of each problem, and refuses a code inherited from no table', () => {
    const { problems } = read(
      row({ yearOfRegistration: '1989', gender: 'constructor', ageBroad: 'toString', meansThreats: '2' }),
    );
    expect(problems).toEqual([
      { column: 'yearOfRegistration', problem: 'year_out_of_range', value: '1989' },
      { column: 'gender', problem: 'unknown_code', value: 'constructor' },
      { column: 'ageBroad', problem: 'unknown_code', value: 'toString' },
      { column: 'meansThreats', problem: 'invalid_flag', value: '2' },
    ]);
  });

  it('refuses a formula before reading anything else', () => {
    const { victim, problems } = read(row({ yearOfRegistration: '2019', citizenship: '=HYPERLINK("x")' }));
    expect(problems).toEqual([{ column: 'citizenship', problem: 'formula', value: '=HYPERLINK("x")' }]);
    expect(victim).toEqual(emptyVictim());
  });

  it('reads the older file: alpha-2 countries, -99 as missing, un-merged means', () => {
    const older = readCtdcHeader([
      'gender',
      'yearOfRegistration',
      'ageBroad',
      'citizenship',
      'meansOfControlThreats',
      'isSexAndLabour',
    ]);
    expect(older.variant).toBe('older');
    const { victim, problems } = ctdcCellsReader(
      older.variant,
      older.columns,
      2026,
    )(['Female', '-99', '48+', 'ph', '1', '1']);
    expect(problems).toEqual([]);
    expect(victim).toMatchObject({
      year: null,
      sex: 'female',
      ageBand: 'age_48_plus',
      citizenship: ['PHL'],
      means: ['physical_threats'],
      forms: ['forced_labour', 'sexual_exploitation'],
    });
  });
});

describe('storing an imported victim', () => {
  it('leaves out what the victim does not hold, and reads back the same victim', () => {
    const { victim } = read(row({ yearOfRegistration: '2019', citizenship: 'IDN', isOtherExploit: '1' }));
    const stored = storedVictim(victim);
    expect(JSON.parse(stored)).toEqual({ year: 2019, citizenship: ['IDN'], forms: ['other'] });
    expect(victimOfStored(stored)).toEqual(victim);
    // Rows stored whole (before this form) read the same.
    expect(victimOfStored(JSON.stringify(victim))).toEqual(victim);
  });
});
