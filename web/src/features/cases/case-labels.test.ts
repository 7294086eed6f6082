import { describe, expect, it, vi } from 'vitest';

// The i18n module reads the browser's languages and sets the page's language when it loads;
// this runs in Node, which has neither (Node 20 has no navigator).
vi.hoisted(() => {
  Object.defineProperty(globalThis, 'navigator', { value: { languages: ['en'] }, configurable: true });
  Object.defineProperty(globalThis, 'document', { value: { documentElement: {} }, configurable: true });
});
const { formatDate, formatDateRange } = await import('./case-labels.js');

describe('calendar dates', () => {
  it('shows a day as it is written, whatever the time zone', () => {
    expect(formatDate('2026-04-01')).toBe('1 Apr 2026');
    expect(formatDate(null)).toBe('');
  });

  it('shows a span of days as its first and last day', () => {
    expect(formatDateRange('2025-04-01', '2026-03-31')).toBe('1 Apr 2025 – 31 Mar 2026');
  });
});
