/**
 * Numbers as TIP narratives write them: digits ("1,426", "3.3 million") and words ("one" … "twenty", the
 * tens, "twenty-one"). "Dozens", "hundreds" and "thousands" are read as approximate: a claim with no value,
 * which the claim check can only call not measurable.
 */

const units = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];
const tens: Record<string, number> = {
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const approximate = ['dozens', 'hundreds', 'thousands'];
const scales: Record<string, number> = { thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };

const wordNumber = `(?:(?:twenty|${Object.keys(tens).join('|')})-(?:one|two|three|four|five|six|seven|eight|nine)|${[...units].reverse().join('|')}|${Object.keys(tens).join('|')})`;

/** A number as written: group 1 digits, group 2 a scale word, group 3 a number word, group 4 an approximate word. */
export const numberPattern = new RegExp(
  `(?<![\\w$.,/-])(?:(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?:\\s+(thousand|million|billion))?|(${wordNumber})|(${approximate.join('|')}))(?![\\w/-])`,
  'gi',
);

export type ReadNumber = { value: number | null; approximate: boolean };

export function readNumber(match: RegExpExecArray): ReadNumber {
  const [, digits, scale, word, rough] = match;
  if (rough) return { value: null, approximate: true };
  if (digits) {
    const value = Number(digits.replace(/,/g, '')) * (scale ? scales[scale.toLowerCase()]! : 1);
    return { value: Math.round(value), approximate: false };
  }
  return { value: wordValue(word!.toLowerCase()), approximate: false };
}

function wordValue(word: string): number {
  const [first, second] = word.split('-');
  if (second !== undefined) return (first === 'twenty' ? 20 : tens[first!]!) + units.indexOf(second);
  return tens[word] ?? units.indexOf(word);
}
