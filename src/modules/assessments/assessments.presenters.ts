import { parsePeriodKey, type Period } from '../../core/periods.js';
import type { AssessmentRow, ClaimRow, EvidenceRow, SourceRow } from './assessments.repo.js';
import type { AssessmentSummary, ClaimView, EvidenceView, SourceView } from './assessments.schemas.js';

export const periodView = (period: Period) => ({ key: period.key, start: period.start, end: period.end });
export const periodOfKey = (key: string) => periodView(parsePeriodKey(key));

export const presentSource = (row: SourceRow): SourceView => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  version: row.version,
});

export function presentSummary(
  row: AssessmentRow,
  source: SourceRow,
  counts: { recommendations: number; claims: number },
): AssessmentSummary {
  return {
    id: row.id,
    source: presentSource(source),
    jurisdiction: row.jurisdiction,
    year: row.year,
    tier: row.tier,
    waiver: row.waiver === 1,
    period: periodOfKey(row.period_key),
    publishedOn: row.published_on,
    title: row.title,
    recommendations: Number(counts.recommendations),
    claims: Number(counts.claims),
    version: row.version,
  };
}

export const presentClaim = (row: ClaimRow): ClaimView => ({
  id: row.id,
  kind: row.kind,
  text: row.text,
  subject: row.subject,
  value: row.value,
  period: periodOfKey(row.period_key),
  section: row.section,
  marker: row.marker,
  position: row.position,
  version: row.version,
});

/**
 * Evidence as a reader sees it. Evidence that points at a case the reader may not read is not
 * listed at all (its description could say what the case is about): `readableCases` decides.
 */
export function presentEvidence(
  rows: (EvidenceRow & { case_reference: string | null })[],
  readableCases: ReadonlySet<string>,
): EvidenceView[] {
  return rows
    .filter((row) => row.case_id === null || readableCases.has(row.case_id))
    .map((row) => ({
      id: row.id,
      kind: row.kind,
      category: row.category,
      case: row.case_id ? { id: row.case_id, reference: row.case_reference ?? '' } : null,
      reference: row.reference,
      description: row.description,
      stance: row.stance,
      period: row.period_key ? periodOfKey(row.period_key) : null,
      addedAt: row.added_at,
    }));
}
