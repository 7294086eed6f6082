import { numberPattern, readNumber } from './narrative-numbers.js';
import type { NarrativeSection, SectionKind } from './narrative.js';

/**
 * The claims of a narrative: numeric ones (a number, what it counts, which period) that the claim check
 * sets beside Guia's own figures, and unsourced qualitative statements ("reportedly", "observers noted").
 *
 * Reading rules (each has a test):
 * - A number in the main clause is for the report's own period; "(three in 2018)" after it is the same
 *   count for the period of the report named (the previous one), as is "(three in the previous reporting
 *   period)".
 * - "did not identify any victims", "identified no victims", "no prosecutions were initiated" are claims of
 *   zero; "did not report any investigations, prosecutions, or convictions" is three of them.
 * - Years, law and article numbers, durations ("three to 12 years"), ages and amounts in dollars (a
 *   conversion of the local amount beside it) are not claims.
 * - "dozens", "hundreds", "thousands" make a claim with no value: not measurable.
 */

export type ClaimSubject =
  'victims_identified' | 'victims_referred' | 'investigations' | 'prosecutions' | 'convictions' | 'other';

export type NarrativeClaim = {
  kind: 'numeric' | 'qualitative';
  /** The sentence as the narrative says it. */
  text: string;
  /** The words that make the claim ("investigated one case"). */
  quote: string;
  subject: ClaimSubject;
  /** The number claimed; null for a qualitative statement or an approximate count ("dozens"). */
  value: number | null;
  /** What is counted, as written ("potential trafficking cases"). */
  counts: string | null;
  /** The report's own period, or the previous one named in parentheses. */
  period: 'current' | 'previous';
  /** The TIP period key (`TIP2020`) when the report year is known. */
  periodKey?: string;
  section: SectionKind;
  /** For a qualitative statement, the hedge that marks it. */
  marker?: string;
};

type PeriodContext = { year: number; periodKey: (reportYear: number) => string } | undefined;

const countedNouns =
  'victims?|cases?|investigations?|prosecutions?|convictions?|traffickers?|defendants?|suspects?|perpetrators?|officials?';
const nounList = `(?:${countedNouns})(?:(?:\\s*,\\s*(?:or\\s+|and\\s+)?|\\s+(?:or|and)\\s+)(?:${countedNouns}))*`;
const zeroPatterns = [
  // "did not identify any victims", "did not report any investigations, prosecutions, or convictions"
  new RegExp(
    `\\b(?:did not|didn't|failed to|has not|have not|had not)\\s+((?:[a-z]+\\s+){0,3}?)any\\s+((?:[\\w-]+\\s+){0,3}?)(${nounList})\\b`,
    'gi',
  ),
  // "identified no victims", "no prosecutions were initiated", "there were no convictions"
  new RegExp(
    `\\bno\\s+((?:[\\w-]+\\s+){0,3}?)(${nounList})\\b(?:\\s+(?:were|was|had been|have been)\\s+([a-z]+ed)\\b)?`,
    'gi',
  ),
];

const stopWords = new Set(
  'of in to for and or with from at on by during under who which that were was had have has is are the than per as compared including involving through between while after before into across among against since until about'.split(
    ' ',
  ),
);
const irregularVerbs = new Set([
  'held',
  'made',
  'gave',
  'found',
  'sent',
  'took',
  'ran',
  'paid',
  'led',
  'saw',
  'brought',
  'built',
  'won',
  'began',
  'kept',
  'met',
  'taught',
  'heard',
]);
const presentVerbs = new Set(['live', 'work', 'remain', 'stay', 'come', 'arrive', 'are', 'were']);
const notCounts = new Set([
  'year',
  'years',
  'month',
  'months',
  'day',
  'days',
  'hours',
  'percent',
  'per',
  'times',
  'another',
  'decades',
  'occasions',
]);
const notVerbs = new Set([
  'trafficking',
  'during',
  'including',
  'according',
  'regarding',
  'following',
  'concerning',
  'involving',
  'ongoing',
  'remaining',
  'existing',
  'training',
  'funding',
  'suspected',
  'alleged',
  'related',
  'forced',
  'based',
  'limited',
  'increased',
  'decreased',
]);

const markers =
  /\b(reportedly|allegedly|observers (?:noted|reported|said|believed|alleged|claimed)|may have|might have|could have|may be|there were reports|reports indicated|according to (?:NGOs|observers|media|some|unconfirmed)|NGOs (?:reported|noted|alleged|claimed)|media reported|likely)\b/i;

const abbreviations =
  /(?:\b(?:U\.S|No|Nos|e\.g|i\.e|approx|Mr|Ms|Mrs|Dr|St|vs|art|Art|para|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$/;

export function sentencesOf(text: string): string[] {
  const sentences: string[] = [];
  for (const chunk of text.split(/(?<=[.!?][”"’)]?)\s+(?=[A-Z“"(0-9])/)) {
    const last = sentences[sentences.length - 1];
    if (last !== undefined && abbreviations.test(last)) sentences[sentences.length - 1] = `${last} ${chunk}`;
    else sentences.push(chunk);
  }
  return sentences.map((s) => s.trim()).filter(Boolean);
}

function subjectOf(verb: string, noun: string): ClaimSubject {
  const v = verb.toLowerCase();
  const n = noun.toLowerCase();
  if (/victim/.test(n))
    return /refer|assist|shelter|provid|support|receiv|accommodat|repatriat|place|serv/.test(v)
      ? 'victims_referred'
      : 'victims_identified';
  if (/^investigation/.test(n)) return 'investigations';
  if (/^prosecution/.test(n)) return 'prosecutions';
  if (/^conviction/.test(n)) return 'convictions';
  if (/convict|sentenc/.test(v)) return 'convictions';
  if (/prosecut|indict|charg/.test(v)) return 'prosecutions';
  if (/investigat/.test(v)) return 'investigations';
  return 'other';
}

/** The verb of the clause before `at`: the last -ed/-ing word after the last comma, semicolon or parenthesis. */
function verbBefore(sentence: string, at: number): string {
  const clause =
    sentence
      .slice(0, at)
      .split(/[,;:()]/)
      .pop() ?? '';
  const words = clause.match(/[A-Za-z]+/g) ?? [];
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!.toLowerCase();
    if (irregularVerbs.has(w) || (!notVerbs.has(w) && /(?:ed|ing)$/.test(w) && w.length > 4)) return w;
  }
  return '';
}

/** The noun phrase after a number: up to five words, ending at a stop word or punctuation. */
function countsAfter(sentence: string, end: number, approximate: boolean): { counts: string; end: number } {
  // "dozens of officials": an approximate count names what it counts after "of".
  const from = approximate ? end + (/^\s+of\b/i.exec(sentence.slice(end))?.[0].length ?? 0) : end;
  const words = /^((?:\s+[A-Za-z][\w'’-]*){1,5})/.exec(sentence.slice(from))?.[1] ?? '';
  const kept: string[] = [];
  for (const word of words.trim().split(/\s+/)) {
    const lower = word.toLowerCase();
    // A verb or an adverb after the noun ends it: "180,000 migrant workers live", "workers reportedly paid".
    if (
      !word ||
      stopWords.has(lower) ||
      (kept.length > 0 && (irregularVerbs.has(lower) || /ly$/.test(lower) || presentVerbs.has(lower)))
    )
      break;
    kept.push(word);
  }
  const counts = kept.join(' ');
  return { counts, end: counts ? sentence.indexOf(counts, from) + counts.length : end };
}

type Span = { start: number; end: number };
const inside = (spans: Span[], at: number) => spans.some((s) => at >= s.start && at < s.end);

type Found = Omit<NarrativeClaim, 'text' | 'section' | 'kind' | 'period' | 'periodKey'> & Span;

function previousPeriodClauses(
  sentence: string,
): (Span & { items: { value: number | null; year: number | 'previous' }[] })[] {
  const found = [];
  for (const paren of sentence.matchAll(/\(([^()]*\bin (?:\d{4}|the previous reporting period)[^()]*)\)/gi)) {
    const items = [];
    const itemPattern = new RegExp(
      `(?:${numberPattern.source}|(none))\\s+in\\s+(\\d{4}|the previous reporting period)`,
      'gi',
    );
    for (const item of paren[1]!.matchAll(itemPattern)) {
      // "(none in 2019)" is a zero for that period.
      const value = item[5] ? 0 : readNumber(item as unknown as RegExpExecArray).value;
      const year = item[6]!;
      items.push({ value, year: /^\d{4}$/.test(year) ? Number(year) : ('previous' as const) });
    }
    if (items.length > 0) found.push({ start: paren.index, end: paren.index + paren[0].length, items });
  }
  return found;
}

function zeroClaims(sentence: string): Found[] {
  const found: Found[] = [];
  for (const pattern of zeroPatterns)
    for (const match of sentence.matchAll(pattern)) {
      const start = match.index;
      const nouns = match[3] && pattern === zeroPatterns[0] ? match[3] : match[2]!;
      const verb = pattern === zeroPatterns[0] ? match[1]!.trim() : (match[3] ?? verbBefore(sentence, start));
      const adjectives = (pattern === zeroPatterns[0] ? match[2] : match[1])!.trim();
      for (const noun of nouns.split(/\s*,\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+/).filter(Boolean))
        found.push({
          start,
          end: start + match[0].length,
          quote: match[0],
          subject: subjectOf(verb, noun),
          value: 0,
          counts: [adjectives, noun].filter(Boolean).join(' '),
        });
    }
  return found;
}

function numberClaims(sentence: string, skip: Span[]): Found[] {
  const found: Found[] = [];
  for (const match of sentence.matchAll(numberPattern)) {
    const start = match.index;
    if (inside(skip, start)) continue;
    const before = sentence.slice(0, start);
    if (
      /(?:\b(?:Law|law|No|Nos|Article|article|Decree|Order|Regulation|Section|section|Tier|tier)\.?|§|\bno|\bany)\s*$/.test(
        before,
      )
    )
      continue;
    if (/^\d{4}$/.test(match[0]) && Number(match[0]) >= 1990 && Number(match[0]) <= 2099) continue;
    const number = readNumber(match as RegExpExecArray);
    const { counts, end } = countsAfter(sentence, start + match[0].length, number.approximate);
    const firstWord = counts
      .split(' ')[0]!
      .toLowerCase()
      .replace(/['’]s?$/, '');
    if (!counts || notCounts.has(firstWord) || /^\d/.test(counts)) continue;
    const after = /^\s*(?:were|was|had been|have been)\s+([a-z]+ed)\b/.exec(sentence.slice(end))?.[1];
    const verb = verbBefore(sentence, start) || after || '';
    const clauseStart = verb && !after ? sentence.lastIndexOf(verb, start) : start;
    found.push({
      start,
      end,
      quote: sentence.slice(clauseStart >= 0 ? clauseStart : start, end),
      subject: subjectOf(verb, counts.split(' ').pop()!),
      value: number.value,
      counts,
    });
  }
  return found;
}

function qualitativeClaim(sentence: string, section: SectionKind): NarrativeClaim | null {
  const marker = markers.exec(sentence)?.[1];
  if (!marker) return null;
  return {
    kind: 'qualitative',
    text: sentence,
    quote: marker,
    subject: 'other',
    value: null,
    counts: null,
    period: 'current',
    section,
    marker: marker.toLowerCase(),
  };
}

function claimsOfSentence(sentence: string, section: SectionKind, context: PeriodContext): NarrativeClaim[] {
  const previous = previousPeriodClauses(sentence);
  const zeros = zeroClaims(sentence);
  const main = [...zeros, ...numberClaims(sentence, [...previous, ...zeros])].sort(
    (a, b) => a.start - b.start,
  );
  const keyOf = (year: number | undefined) =>
    year !== undefined && context ? { periodKey: context.periodKey(year) } : {};
  const placed: { at: number; claim: NarrativeClaim }[] = main.map(({ start, end: _end, ...found }) => ({
    at: start,
    claim: { kind: 'numeric', text: sentence, section, period: 'current', ...keyOf(context?.year), ...found },
  }));
  for (const paren of previous) {
    // The parenthesis restates the count just before it, for the earlier period(s).
    const restated = main.filter((c) => c.end <= paren.start).pop();
    for (const item of paren.items) {
      const year = item.year === 'previous' ? (context ? context.year - 1 : undefined) : item.year;
      placed.push({
        at: paren.start,
        claim: {
          kind: 'numeric',
          text: sentence,
          section,
          quote: sentence.slice(paren.start, paren.end),
          subject: restated?.subject ?? 'other',
          value: item.value,
          counts: restated?.counts ?? null,
          period: 'previous',
          ...keyOf(year),
        },
      });
    }
  }
  const claims = placed.sort((a, b) => a.at - b.at).map((p) => p.claim);
  const qualitative = qualitativeClaim(sentence, section);
  return qualitative ? [...claims, { ...qualitative, ...keyOf(context?.year) }] : claims;
}

/** The claims of the given sections, in reading order. */
export function extractClaims(
  sections: readonly NarrativeSection[],
  context?: PeriodContext,
): NarrativeClaim[] {
  return sections.flatMap((section) =>
    sentencesOf(section.text.replace(/\s*\n\s*/g, ' ')).flatMap((sentence) =>
      claimsOfSentence(sentence, section.kind, context),
    ),
  );
}
