import { tipPeriod } from '../periods.js';
import { extractClaims, sentencesOf, type NarrativeClaim } from './narrative-claims.js';
import type { Tier } from './tier-rules.js';

/**
 * Splits a pasted TIP country narrative into its sections, its recommendations and its claims, as a
 * proposal a person reviews and corrects before it is saved. Two layouts:
 *
 * - `prioritized` (reports 2019 on): summary paragraph ("Therefore X was downgraded to …"), PRIORITIZED
 *   RECOMMENDATIONS (one per bullet or line), PROSECUTION, PROTECTION, PREVENTION, TRAFFICKING PROFILE;
 * - `legacy` (before): "RECOMMENDATIONS FOR X:" as one semicolon-separated list, the same sections, and in
 *   older reports the trafficking profile as the opening paragraphs instead of a closing section.
 *
 * Headings are recognised at the start of a line, and also in the middle of a line when written in
 * capitals after a sentence (text copied from the PDF loses its line breaks). Nothing is ever dropped:
 * text under no heading is the summary, or `other` when the layout is unknown.
 */

export type SectionKind =
  'summary' | 'recommendations' | 'prosecution' | 'protection' | 'prevention' | 'profile' | 'other';
export type NarrativeSection = { kind: SectionKind; heading: string; text: string };
export type NarrativeLayout = 'prioritized' | 'legacy' | 'unknown';
export type { NarrativeClaim } from './narrative-claims.js';

export type NarrativeWarning =
  | 'narrative.empty'
  | 'narrative.nothing_found'
  | 'narrative.no_sections'
  | 'narrative.no_recommendations'
  | 'narrative.no_claims'
  | 'narrative.period_unknown';

export type NarrativeSplit = {
  layout: NarrativeLayout;
  /** As the title line names it ("MACAU"), when there is one. */
  country: string | null;
  /** The tier the narrative states (title line, else the summary's "Therefore …"). */
  tier: Tier | null;
  sections: NarrativeSection[];
  recommendations: { text: string }[];
  claims: NarrativeClaim[];
  warnings: NarrativeWarning[];
};

export type SplitOptions = {
  /** The report year: claims of the report's own period get its TIP period key, earlier years theirs. */
  year?: number | undefined;
};

const sectionWords = ['PROSECUTION', 'PROTECTION', 'PREVENTION', 'TRAFFICKING PROFILE'] as const;
const sectionOfWord: Record<(typeof sectionWords)[number], SectionKind> = {
  PROSECUTION: 'prosecution',
  PROTECTION: 'protection',
  PREVENTION: 'prevention',
  'TRAFFICKING PROFILE': 'profile',
};

// A heading alone on its line, in any case: "Prosecution", "PRIORITIZED RECOMMENDATIONS:".
const headingLine = new RegExp(
  `^\\s*(prioriti[sz]ed recommendations|recommendations for [^:\\n]{2,60}|${sectionWords.join('|')})\\s*:?\\s*$`,
  'i',
);
// A heading in capitals starting a line and followed by its text, or mid-line after a sentence.
const inlineHeading = new RegExp(
  `(^|[.!?”"]\\s+|\\n)(PRIORITI[SZ]ED RECOMMENDATIONS:?|RECOMMENDATIONS FOR [A-Z][A-Z .,'’()-]{1,60}:|${sectionWords.join('|')}(?=[:\\s]))\\s*:?\\s*`,
  'g',
);
const titleLine =
  /^\s*([A-Z][A-Za-z .,'’()-]{1,60}?)\s*(?::|\(|–|—|-)\s*(TIER 1|TIER 2 WATCH LIST|TIER 2|TIER 3|SPECIAL CASE)\s*\)?\s*$/i;

const tierOfWords = (words: string): Tier | null => {
  const w = words.toUpperCase().replace(/\s+/g, ' ');
  if (w === 'TIER 2 WATCH LIST') return 'T2WL';
  if (w === 'TIER 1') return 'T1';
  if (w === 'TIER 2') return 'T2';
  if (w === 'TIER 3') return 'T3';
  return w === 'SPECIAL CASE' ? 'SPECIAL' : null;
};

function kindOfHeading(heading: string): SectionKind {
  const upper = heading.toUpperCase().replace(/:$/, '').trim();
  if (upper.includes('RECOMMENDATIONS')) return 'recommendations';
  return sectionOfWord[upper as (typeof sectionWords)[number]] ?? 'other';
}

/** Puts every heading on a line of its own, whether it came so or not. */
function normalise(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n');
  return lines
    .map((line) =>
      headingLine.test(line)
        ? line.trim().replace(/\s*:?$/, '')
        : line.replace(
            inlineHeading,
            (_, before: string, heading: string) => `${before.trimEnd()}\n${heading.replace(/:$/, '')}\n`,
          ),
    )
    .join('\n');
}

type Block = { heading: string; kind: SectionKind; lines: string[] };

function blocksOf(text: string): { title: string | null; blocks: Block[] } {
  const lines = normalise(text).split('\n');
  let title: string | null = null;
  const blocks: Block[] = [{ heading: '', kind: 'summary', lines: [] }];
  for (const line of lines) {
    if (
      title === null &&
      blocks.length === 1 &&
      blocks[0]!.lines.every((l) => !l.trim()) &&
      titleLine.test(line)
    ) {
      title = line.trim();
      continue;
    }
    if (headingLine.test(line)) blocks.push({ heading: line.trim(), kind: kindOfHeading(line), lines: [] });
    else blocks[blocks.length - 1]!.lines.push(line);
  }
  return { title, blocks };
}

const paragraphs = (lines: string[]) =>
  lines
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);

// Older reports open with the profile: "Macau is a destination and, to a much lesser extent, source …".
const profileOpening =
  /^(As reported over the past|[A-Z][\w ]{1,40} is (?:primarily |mainly )?(?:a )?(?:source|destination|transit))/;
const standardsSentence = /fully meets? the minimum standards|does not fully meet/;

/** The text before the first heading: the summary, with an opening profile split off (older layouts). */
function leadSections(lines: string[]): NarrativeSection[] {
  const paras = paragraphs(lines);
  const summaryStart = paras.findIndex((p) => standardsSentence.test(p));
  const opensWithProfile = summaryStart > 0 && profileOpening.test(paras[0]!);
  const sections: NarrativeSection[] = [];
  if (opensWithProfile)
    sections.push({ kind: 'profile', heading: '', text: paras.slice(0, summaryStart).join('\n\n') });
  const summary = opensWithProfile ? paras.slice(summaryStart) : paras;
  if (summary.length > 0) sections.push({ kind: 'summary', heading: '', text: summary.join('\n\n') });
  return sections;
}

function stripItem(item: string): string {
  const text = item
    .trim()
    .replace(/^\s*(?:[•●▪◦*·-]|–|—|\d+[.)])\s*/, '')
    .replace(/^and\s+/i, '')
    .replace(/[\s.;]+$/, '')
    .trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Splits on semicolons outside parentheses. */
function semicolonItems(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth = Math.max(0, depth - 1);
    if (char === ';' && depth === 0) {
      items.push(current);
      current = '';
    } else current += char;
  }
  items.push(current);
  return items;
}

/** Joins lines a PDF wrapped: a line that does not end a sentence, followed by one starting in lower case. */
function unwrap(lines: string[]): string[] {
  const joined: string[] = [];
  for (const raw of lines.map((l) => l.trim()).filter(Boolean)) {
    const last = joined[joined.length - 1];
    const bullet = /^(?:[•●▪◦*·-]|–|—|\d+[.)])\s/.test(raw);
    if (last !== undefined && !bullet && !/[.;:!?]$/.test(last) && /^[a-z(]/.test(raw))
      joined[joined.length - 1] = `${last} ${raw}`;
    else joined.push(raw);
  }
  return joined;
}

function recommendationsOf(block: Block, layout: NarrativeLayout): string[] {
  const text = block.lines.join('\n').trim();
  if (!text) return [];
  const bulletSplit = text.split(/\s*[•●▪◦]\s*/).filter((s) => s.trim());
  let items: string[];
  if (bulletSplit.length > 1) items = bulletSplit;
  else if (layout === 'legacy') items = semicolonItems(text.replace(/\s*\n\s*/g, ' '));
  // One recommendation per sentence when the bullets were lost in copying.
  else items = sentencesOf(unwrap(block.lines).join(' '));
  return items.map(stripItem).filter((item) => item.length > 2);
}

function statedTier(title: string | null, summary: string | undefined): Tier | null {
  const fromTitle = title ? titleLine.exec(title)?.[2] : undefined;
  if (fromTitle) return tierOfWords(fromTitle);
  const therefore = summary?.match(/Therefore[^.]*?(Tier 2 Watch List|Tier 1|Tier 2|Tier 3)/i);
  return therefore ? tierOfWords(therefore[1]!) : null;
}

export function splitNarrative(narrative: string, options: SplitOptions = {}): NarrativeSplit {
  const empty: NarrativeSplit = {
    layout: 'unknown',
    country: null,
    tier: null,
    sections: [],
    recommendations: [],
    claims: [],
    warnings: ['narrative.empty'],
  };
  if (!narrative.trim()) return empty;
  const { title, blocks } = blocksOf(narrative);
  const headed = blocks.slice(1);
  const layout: NarrativeLayout = headed.some((b) => /prioriti[sz]ed/i.test(b.heading))
    ? 'prioritized'
    : headed.some((b) => b.kind === 'recommendations')
      ? 'legacy'
      : 'unknown';
  const lead =
    headed.length === 0
      ? [{ kind: 'other' as const, heading: '', text: paragraphs(blocks[0]!.lines).join('\n\n') }]
      : leadSections(blocks[0]!.lines);
  const sections = [
    ...lead.filter((s) => s.text),
    ...headed.map((b) => ({ kind: b.kind, heading: b.heading, text: paragraphs(b.lines).join('\n\n') })),
  ];
  const recommendations = headed
    .filter((b) => b.kind === 'recommendations')
    .flatMap((b) => recommendationsOf(b, layout))
    .map((text) => ({ text }));
  const claims = extractClaims(
    sections.filter((s) => s.kind !== 'recommendations'),
    options.year !== undefined
      ? { year: options.year, periodKey: (y: number) => tipPeriod(y).key }
      : undefined,
  );
  const warnings: NarrativeWarning[] = [];
  if (headed.length === 0) warnings.push('narrative.no_sections');
  if (recommendations.length === 0) warnings.push('narrative.no_recommendations');
  if (claims.length === 0) warnings.push('narrative.no_claims');
  if (headed.length === 0 && recommendations.length === 0 && claims.length === 0)
    warnings.unshift('narrative.nothing_found');
  if (options.year === undefined && claims.some((c) => c.kind === 'numeric'))
    warnings.push('narrative.period_unknown');
  const summary = sections.find((s) => s.kind === 'summary')?.text;
  return {
    layout,
    country: title ? (titleLine.exec(title)?.[1]?.trim() ?? null) : null,
    tier: statedTier(title, summary),
    sections,
    recommendations,
    claims,
    warnings,
  };
}
