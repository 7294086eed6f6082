/**
 * Case reference numbers in each agency's own format, and the pseudonymous references under which people
 * appear to those who may not see their identity.
 */

export type ReferenceValues = { agency: string; year: number; seq: number };

export const defaultReferencePattern = '{AGENCY}-{YYYY}-{SEQ:4}';

/** Wider padding than this is a typo, not a format. */
export const maxSeqWidth = 12;

export const maxReferencePatternLength = 64;

export type ReferencePatternProblem =
  | 'reference_pattern.empty'
  | 'reference_pattern.too_long'
  | 'reference_pattern.unbalanced_brace'
  | 'reference_pattern.unknown_token'
  | 'reference_pattern.bad_seq_width'
  | 'reference_pattern.missing_seq'
  | 'reference_pattern.control_character';

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'agency' }
  | { kind: 'yyyy' }
  | { kind: 'yy' }
  | { kind: 'seq'; width: number };

type Parsed = { parts: Part[] } | { problem: ReferencePatternProblem; token?: string };

function hasControlCharacter(text: string): boolean {
  return [...text].some((character) => character < ' ' || character === '\u007f');
}

function parsePattern(pattern: string): Parsed {
  if (pattern.trim() === '') return { problem: 'reference_pattern.empty' };
  if (pattern.length > maxReferencePatternLength) return { problem: 'reference_pattern.too_long' };
  if (hasControlCharacter(pattern)) return { problem: 'reference_pattern.control_character' };

  const parts: Part[] = [];
  let rest = pattern;
  while (rest !== '') {
    const open = rest.indexOf('{');
    const close = rest.indexOf('}');
    if (open === -1) {
      if (close !== -1) return { problem: 'reference_pattern.unbalanced_brace' };
      parts.push({ kind: 'text', text: rest });
      break;
    }
    if (close !== -1 && close < open) return { problem: 'reference_pattern.unbalanced_brace' };
    if (open > 0) parts.push({ kind: 'text', text: rest.slice(0, open) });
    const end = rest.indexOf('}', open);
    if (end === -1) return { problem: 'reference_pattern.unbalanced_brace' };
    const token = rest.slice(open + 1, end);
    if (token.includes('{')) return { problem: 'reference_pattern.unbalanced_brace' };
    const part = tokenPart(token);
    if ('problem' in part) return part;
    parts.push(part);
    rest = rest.slice(end + 1);
  }
  if (!parts.some((part) => part.kind === 'seq')) return { problem: 'reference_pattern.missing_seq' };
  return { parts };
}

function tokenPart(token: string): Part | { problem: ReferencePatternProblem; token: string } {
  switch (token) {
    case 'AGENCY':
      return { kind: 'agency' };
    case 'YYYY':
      return { kind: 'yyyy' };
    case 'YY':
      return { kind: 'yy' };
    case 'SEQ':
      return { kind: 'seq', width: 1 };
  }
  const seq = /^SEQ:(\d+)$/.exec(token);
  if (!seq) return { problem: 'reference_pattern.unknown_token', token };
  const width = Number(seq[1]);
  if (width < 1 || width > maxSeqWidth) return { problem: 'reference_pattern.bad_seq_width', token };
  return { kind: 'seq', width };
}

/**
 * Null when the pattern can be used, otherwise the first problem found. A pattern needs `{SEQ}` or
 * `{SEQ:n}`: without it every case of the agency would get the same reference.
 */
export function validateReferencePattern(pattern: string): ReferencePatternProblem | null {
  const parsed = parsePattern(pattern);
  return 'problem' in parsed ? parsed.problem : null;
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999)
    throw new RangeError(`year must have 4 digits: ${year}`);
}

function assertSeq(seq: number): void {
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new RangeError(`sequence number must be a positive integer: ${seq}`);
}

/**
 * E.g. `formatCaseReference('{AGENCY}-{YYYY}-{SEQ:4}', { agency: 'PJ', year: 2020, seq: 7 })` is
 * `PJ-2020-0007`. Patterns are validated when an administrator saves them, so an invalid one here is a bug.
 */
export function formatCaseReference(pattern: string, values: ReferenceValues): string {
  const parsed = parsePattern(pattern);
  if ('problem' in parsed) {
    throw new RangeError(
      `invalid reference pattern "${pattern}": ${parsed.problem}${parsed.token ? ` {${parsed.token}}` : ''}`,
    );
  }
  assertYear(values.year);
  assertSeq(values.seq);
  return parsed.parts
    .map((part) => {
      switch (part.kind) {
        case 'text':
          return part.text;
        case 'agency':
          return values.agency;
        case 'yyyy':
          return String(values.year);
        case 'yy':
          return String(values.year % 100).padStart(2, '0');
        case 'seq':
          // Padding is a minimum: number 10000 of a 4-digit pattern prints in full rather than wrapping
          // round to a reference that already exists.
          return String(values.seq).padStart(part.width, '0');
      }
    })
    .join('');
}

/** Victim, suspect, witness. */
export const pseudonymPrefixes = ['V', 'S', 'W'] as const;
export type PseudonymPrefix = (typeof pseudonymPrefixes)[number];

/** E.g. `formatPseudonym('V', 2020, 3)` is `V-2020-0003`. */
export function formatPseudonym(prefix: PseudonymPrefix, year: number, seq: number): string {
  assertYear(year);
  assertSeq(seq);
  return `${prefix}-${year}-${String(seq).padStart(4, '0')}`;
}
