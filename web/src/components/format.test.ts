import { afterEach, describe, expect, it, vi } from 'vitest';

// The i18n module reads the browser's languages and sets the page's language when it loads;
// this runs in Node, which has neither (Node 20 has no navigator).
vi.hoisted(() => {
  Object.defineProperty(globalThis, 'navigator', { value: { languages: ['en'] }, configurable: true });
  Object.defineProperty(globalThis, 'document', { value: { documentElement: {} }, configurable: true });
});
const { committeeToday, formatDateTime, setCommitteeTimeZone } = await import('./format.js');

// Half past midnight in Macao is still the previous evening in UTC: the committee's calendar
// decides the day, whatever the computer's clock is set to.
const macaoJustAfterMidnight = new Date('2026-12-01T16:30:00Z');

describe('dates on the committee calendar', () => {
  afterEach(() => setCommitteeTimeZone('UTC'));

  it('says today is the Macao date when it is already tomorrow in Macao', () => {
    setCommitteeTimeZone('Asia/Macau');
    expect(committeeToday(macaoJustAfterMidnight)).toBe('2026-12-02');
  });

  it('says today is the UTC date for a committee on UTC', () => {
    setCommitteeTimeZone('UTC');
    expect(committeeToday(macaoJustAfterMidnight)).toBe('2026-12-01');
    expect(committeeToday(new Date('2026-12-31T23:59:59Z'))).toBe('2026-12-31');
  });

  it('shows an instant at the committee’s wall-clock time', () => {
    setCommitteeTimeZone('Asia/Macau');
    const macao = formatDateTime(macaoJustAfterMidnight.toISOString());
    setCommitteeTimeZone('UTC');
    const utc = formatDateTime(macaoJustAfterMidnight.toISOString());
    expect(macao).toMatch(/2 Dec 2026/);
    expect(macao).toMatch(/12:30\s*AM|00:30/);
    expect(utc).toMatch(/1 Dec 2026/);
    expect(utc).toMatch(/4:30\s*PM|16:30/);
  });
});
