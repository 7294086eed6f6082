/**
 * The audit summary of an update: for each field that changed, its old and new value.
 * Fields listed as secret are named but their values are left out.
 */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  secret: readonly (keyof T)[] = [],
): Record<string, unknown> {
  const summary: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    const next = after[key];
    if (next === undefined || JSON.stringify(next) === JSON.stringify(before[key])) continue;
    summary[key] = secret.includes(key) ? { changed: true } : { from: before[key], to: next };
  }
  return summary;
}
