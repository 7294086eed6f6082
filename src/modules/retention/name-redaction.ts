// When a person's identity is erased, the free text written about her case (journal notes,
// referral details, screening observations...) may still name her. This finds her names in a
// text and puts her pseudonym in their place.
//
// Matching is case- and accent-insensitive and sees through full-width letters (NFKD, marks
// dropped, lower case), position by position so the rest of the text stays exactly as written.
// Each part of her names is matched as a whole word ("Ana" not inside "Banana"); parts of two or
// three letters only when written with a capital ("Li", not "li" in "a li-ion battery"), and the
// particles of family names (da, de, dos, van...) never alone. Chinese, Japanese and other names
// written without spaces are matched as written, without word boundaries: family and given name
// together in either order, a given or family name of two characters or more, and a one-character
// family name followed by a form of address (陳小姐). Parts of her name that follow one another
// (given and family name, a hyphenated name) become one pseudonym.

const particles = new Set([
  'da',
  'das',
  'de',
  'del',
  'della',
  'der',
  'di',
  'do',
  'dos',
  'du',
  'e',
  'el',
  'la',
  'le',
  'van',
  'von',
  'y',
  'bin',
  'binti',
  'al',
]);
const forms = ['先生', '小姐', '女士', '太太', '夫人', '姐', '哥', '伯', '婆'];
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const wordChar = /[\p{L}\p{N}]/u;
// What may separate two parts of her name for them to count as one mention: spaces, hyphens,
// middle dots, and the particles of her own name ("Maria da Silva" is one mention).
const separators = /[\s\-\u2010\u2011\u00b7\u30fb]+/u;
const joins = (gap: string, own: Set<string>) =>
  gap !== '' && separators.test(gap) && gap.split(separators).every((word) => !word || own.has(word));

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

type Pattern = { text: string; bounded: boolean; capitalised: boolean };

/** The folded text, and for each of its positions the span of the original it came from. */
function folded(text: string): { text: string; from: number[]; to: number[] } {
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const char of text) {
    const piece = fold(char);
    for (let i = 0; i < piece.length; i++) {
      from.push(at);
      to.push(at + char.length);
    }
    out += piece;
    at += char.length;
  }
  return { text: out, from, to };
}

function patternsOf(names: readonly (string | null | undefined)[]): {
  patterns: Pattern[];
  own: Set<string>;
} {
  const own = new Set<string>();
  const patterns = new Map<string, Pattern>();
  const add = (text: string, pattern: Omit<Pattern, 'text'>) => {
    if (text && !patterns.has(text)) patterns.set(text, { text, ...pattern });
  };
  const [given, family] = names.map((n) => fold(n ?? '').trim());
  for (const name of [given, family]) {
    for (const part of (name ?? '').split(/[^\p{L}\p{N}]+/u)) {
      if (!part) continue;
      if (unspaced.test(part)) {
        if ([...part].length >= 2) add(part, { bounded: false, capitalised: false });
      } else if (particles.has(part)) {
        own.add(part);
      } else if (part.length >= 2) {
        add(part, { bounded: true, capitalised: part.length <= 3 });
      }
    }
  }
  if (family && given && unspaced.test(family + given)) {
    const [f, g] = [family.replace(/\s+/g, ''), given.replace(/\s+/g, '')];
    add(f + g, { bounded: false, capitalised: false });
    add(g + f, { bounded: false, capitalised: false });
    if ([...f].length === 1) for (const form of forms) add(f + form, { bounded: false, capitalised: false });
  }
  return { patterns: [...patterns.values()], own };
}

/** Spans of the folded text where one of the patterns occurs as it must (bounded, capitalised). */
function occurrences(
  text: string,
  original: string,
  from: number[],
  { patterns, own }: { patterns: Pattern[]; own: Set<string> },
): [number, number][] {
  const found: [number, number][] = [];
  for (const pattern of patterns) {
    for (let at = text.indexOf(pattern.text); at !== -1; at = text.indexOf(pattern.text, at + 1)) {
      const end = at + pattern.text.length;
      if (pattern.bounded && (wordChar.test(text[at - 1] ?? '') || wordChar.test(text[end] ?? ''))) continue;
      const first = original[from[at]!]!;
      if (pattern.capitalised && first === first.toLowerCase()) continue;
      found.push([at, end]);
    }
  }
  // The earliest first, the longest of those first; overlapping ones after it are dropped.
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const kept: [number, number][] = [];
  for (const span of found) {
    const last = kept.at(-1);
    if (last && span[0] < last[1]) continue;
    if (last && joins(text.slice(last[1], span[0]), own)) last[1] = span[1];
    else kept.push([...span]);
  }
  return kept;
}

export type Redactor = (text: string) => { text: string; mentions: number };

/**
 * A function that replaces the given names and family name of a person in a text by `pseudonym`,
 * saying how many mentions it replaced; null when the names hold nothing that can be matched.
 */
export function nameRedactor(
  names: { givenNames: string | null; familyName: string | null },
  pseudonym: string,
): Redactor | null {
  const patterns = patternsOf([names.givenNames, names.familyName]);
  if (patterns.patterns.length === 0) return null;
  return (text) => {
    const view = folded(text);
    const spans = occurrences(view.text, text, view.from, patterns);
    let out = text;
    for (const [start, end] of [...spans].reverse())
      out = out.slice(0, view.from[start]) + pseudonym + out.slice(view.to[end - 1]);
    return { text: out, mentions: spans.length };
  };
}
