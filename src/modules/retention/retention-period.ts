// The retention period: how long after a case is closed the identities of its people are kept.
// It is set by whoever operates the server (GUIA_RETENTION_YEARS), not in the application:
// shortening it erases identities irreversibly, so it must not be one click away for a
// stolen administrator session, and the server's timer and `guia retention run` must read
// the same value.

export const retentionSetting = 'GUIA_RETENTION_YEARS';

/** Longer than any limitation period for trafficking; a larger number is a typo. */
export const maxRetentionYears = 100;

/**
 * `off` (no erasure by age) or a whole number of years, 1 to 100. Zero, a negative number, a
 * fraction or a word is refused with the reason, so start-up and the command name the setting.
 */
export function parseRetentionYears(value: string): { ok: number | null } | { problem: string } {
  const text = value.trim();
  if (text === 'off') return { ok: null };
  if (!/^-?\d+$/.test(text))
    return { problem: `must be a whole number of years (1 to ${maxRetentionYears}) or off, not "${text}"` };
  const years = Number(text);
  if (years < 1)
    return {
      problem: `must be at least 1 year (${years} would erase every closed case at once); use off to keep identities`,
    };
  if (years > maxRetentionYears) return { problem: `must be at most ${maxRetentionYears} years` };
  return { ok: years };
}

/**
 * The last closure date whose people are past retention on `today`: the same calendar day
 * `years` earlier (29 February falls back to 28 February in a common year).
 */
export function retentionCutoff(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(m)}-${pad(Math.min(d, lastDay))}`;
}
