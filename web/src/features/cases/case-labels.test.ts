import { afterEach, describe, expect, it, vi } from 'vitest';

// The i18n module reads the browser's languages and sets the page's language when it loads;
// this runs in Node, which has neither (Node 20 has no navigator).
vi.hoisted(() => {
  Object.defineProperty(globalThis, 'navigator', { value: { languages: ['en'] }, configurable: true });
  Object.defineProperty(globalThis, 'document', { value: { documentElement: {} }, configurable: true });
});
const { formatDate, formatDateRange } = await import('./case-labels.js');
const { setCommitteeTimeZone } = await import('../../components/format.js');

describe('calendar dates', () => {
  afterEach(() => setCommitteeTimeZone('UTC'));

  it('shows a day as it is written, whatever the time zone', () => {
    expect(formatDate('2026-04-01')).toBe('1 Apr 2026');
    expect(formatDate(null)).toBe('');
  });

  it('shows an instant as its day on the committee calendar, not the UTC day', () => {
    // Half past midnight in Macao is still the previous evening in UTC.
    setCommitteeTimeZone('Asia/Macau');
    expect(formatDate('2026-12-01T16:30:00.000Z')).toBe('2 Dec 2026');
    setCommitteeTimeZone('UTC');
    expect(formatDate('2026-12-01T16:30:00.000Z')).toBe('1 Dec 2026');
    expect(formatDate('2026-12-01Tnot a time')).toBe('2026-12-01Tnot a time');
  });

  it('shows a span of days as its first and last day', () => {
    expect(formatDateRange('2025-04-01', '2026-03-31')).toBe('1 Apr 2025 – 31 Mar 2026');
  });
});
