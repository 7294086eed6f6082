// How alike two recommendations read, to suggest that a recommendation of a later report repeats
// one of an earlier report. Reports reword a repeated recommendation a little each year
// ("increase efforts to …", "vigorously …"), so the measure is on the words that carry meaning:
// the Dice coefficient of their sets, from 0 (nothing shared) to 1 (the same words).

const stopWords = new Set(
  'the and for with its their that this from into such as are was were has have had all any including increase continue efforts'.split(
    ' ',
  ),
);

/** The meaningful words of a text, lower-cased, crudely singular (so "victims" meets "victim"). */
export function meaningfulWords(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 2 && !stopWords.has(word))
    .map((word) =>
      word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word,
    );
  return new Set(words);
}

export function similarity(a: string, b: string): number {
  const left = meaningfulWords(a);
  const right = meaningfulWords(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return (2 * shared) / (left.size + right.size);
}
