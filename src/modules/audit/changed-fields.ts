/** How an update's field is audited: its values through a constructor of audit-values.ts, or hidden. */
export type Shown<V> = ((value: NonNullable<V>) => unknown) | 'hidden';

/** For each field that changed: its old and new value, or only that it changed (a hidden one). */
export type Changes<Values extends Record<string, unknown>, Hidden extends string = never> = {
  [F in keyof Values]?: { from: Values[F] | null; to: Values[F] | null };
} & { [F in Hidden]?: { changed: true } };

type ChangesOf<S> = {
  [F in keyof S]?: S[F] extends 'hidden'
    ? { changed: true }
    : S[F] extends (value: never) => infer R
      ? { from: R | null; to: R | null }
      : never;
};

/**
 * The audit summary of an update: for each field that changed, its old and new value. Every
 * field the update may carry is listed in `show`, with how its values are recorded: a field
 * holding free text (a name, a note, a place) is `'hidden'`, named but its values left out.
 */
export function changedFields<
  T extends Record<string, unknown>,
  C extends Partial<T>,
  S extends { [K in keyof C]-?: Shown<K extends keyof T ? T[K] : never> },
>(before: T, after: C, show: S): ChangesOf<S> {
  const summary: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof C & string)[]) {
    const next = after[key];
    if (next === undefined || JSON.stringify(next) === JSON.stringify(before[key])) continue;
    const how = show[key] as Shown<unknown>;
    const value = (v: unknown) => (v === null || v === undefined || how === 'hidden' ? v : how(v));
    summary[key] = how === 'hidden' ? { changed: true } : { from: value(before[key]), to: value(next) };
  }
  return summary as ChangesOf<S>;
}
