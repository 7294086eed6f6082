import type { ImportedVictim } from './ctdc.js';

// Imported victims as numbers, a batch at a time: how the import's reader (a worker thread)
// hands the victims it read to the thread that counts and stores them. A batch is one Int32Array
// (transferred, not copied) and the words it uses for the first time; the reading side keeps the
// words already sent, so a million rows send each code, country and date once.

const NUMBERS = ['year', 'age'] as const;
const TEXTS = [
  'date',
  'sex',
  'ageBand',
  'countryOfExploitation',
  'duration',
  'relationship',
  'traffickingStatus',
  'recruitmentMethod',
  'caseStatus',
] as const;
const LISTS = [
  'citizenship',
  'forms',
  'sectors',
  'sexTypes',
  'means',
  'meansFamilies',
  'recruiterFamilies',
] as const;

/** Every field of a victim, by how it is coded (the test checks that none is left out). */
export const CODED_FIELDS: readonly (keyof ImportedVictim)[] = [...NUMBERS, ...TEXTS, ...LISTS];

/** A missing number; years and ages are whole numbers far from it. */
const NO_NUMBER = -0x80000000;

/** Victims coded: per victim, its numbers, then its texts' word codes (-1: none), then each list's length and codes. */
export type CodedVictims = { count: number; codes: Int32Array<ArrayBuffer>; words: string[] };

export class VictimEncoder {
  private readonly known = new Map<string, number>();
  private words: string[] = [];
  private codes = new Int32Array(1 << 15);
  private n = 0;
  private count = 0;

  add(v: ImportedVictim): void {
    this.room(NUMBERS.length + TEXTS.length + LISTS.length);
    for (const field of NUMBERS) {
      const value = v[field];
      if (value !== null && (value !== (value | 0) || value === NO_NUMBER))
        throw new RangeError(`${field} ${value} is not a 32-bit whole number`);
      this.codes[this.n++] = value ?? NO_NUMBER;
    }
    for (const field of TEXTS) {
      const value = v[field];
      this.codes[this.n++] = value === null ? -1 : this.word(value);
    }
    for (const field of LISTS) {
      const values = v[field];
      this.room(values.length + 1);
      this.codes[this.n++] = values.length;
      for (const value of values) this.codes[this.n++] = this.word(value);
    }
    this.count += 1;
  }

  /** The victims added since the last batch, and the words they use first. */
  take(): CodedVictims {
    const batch = { count: this.count, codes: this.codes.slice(0, this.n), words: this.words };
    this.words = [];
    this.n = 0;
    this.count = 0;
    return batch;
  }

  private word(value: string): number {
    let code = this.known.get(value);
    if (code === undefined) {
      code = this.known.size;
      this.known.set(value, code);
      this.words.push(value);
    }
    return code;
  }

  private room(more: number): void {
    if (this.n + more <= this.codes.length) return;
    const codes = new Int32Array(2 * (this.n + more));
    codes.set(this.codes.subarray(0, this.n));
    this.codes = codes;
  }
}

export class VictimDecoder {
  private readonly words: string[] = [];

  /** The batch's victims, in the order they were added. Batches are read in the order they were taken. */
  read(batch: CodedVictims): ImportedVictim[] {
    for (const word of batch.words) this.words.push(word);
    const { codes } = batch;
    const words = this.words;
    const victims: ImportedVictim[] = new Array(batch.count);
    let n = 0;
    const number = () => {
      const value = codes[n++]!;
      return value === NO_NUMBER ? null : value;
    };
    const text = () => {
      const code = codes[n++]!;
      return code < 0 ? null : words[code]!;
    };
    const list = () => {
      const length = codes[n++]!;
      const values: string[] = new Array(length);
      for (let i = 0; i < length; i++) values[i] = words[codes[n++]!]!;
      return values;
    };
    for (let i = 0; i < batch.count; i++) {
      // In CODED_FIELDS' order: numbers, texts, lists.
      const year = number();
      const age = number();
      const date = text();
      const sex = text();
      const ageBand = text();
      const countryOfExploitation = text();
      const duration = text();
      const relationship = text();
      const traffickingStatus = text();
      const recruitmentMethod = text();
      const caseStatus = text();
      const citizenship = list();
      const forms = list();
      const sectors = list();
      const sexTypes = list();
      const means = list();
      const meansFamilies = list();
      const recruiterFamilies = list();
      victims[i] = {
        year,
        date,
        sex,
        ageBand,
        age,
        citizenship,
        countryOfExploitation,
        duration,
        forms,
        sectors,
        sexTypes,
        means,
        meansFamilies,
        relationship,
        recruiterFamilies,
        traffickingStatus,
        recruitmentMethod,
        caseStatus,
      };
    }
    if (n !== codes.length) throw new RangeError(`coded victims: ${codes.length - n} codes left over`);
    return victims;
  }
}
