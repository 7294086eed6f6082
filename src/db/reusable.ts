import { CompiledQuery, type Compilable } from 'kysely';
import type { Executor } from './schema.js';

// Building a query with Kysely (immutable nodes, then the compiler's walk over them) cost more
// than running it for the statements of every request (issue 10's profile: 37% of an API
// request in Kysely). A reusable query is built and compiled once per dialect and shape, with a
// stand-in for each argument, and afterwards only its parameters change. Only for queries whose
// SQL depends on which arguments are given, never on their values: each argument must reach the
// SQL as one parameter, unchanged — checked when a shape is first built.

type Argument = string | number;
/** Named arguments, each a value or absent. */
type Arguments<A> = { [K in keyof A]?: Argument };
type Slot = { argument: string } | { constant: unknown };
type Prepared = { sql: string; slots: Slot[] };

const standIn = (name: string) => `\u0000guia-argument-${name}\u0000`;

function prepare<A extends Arguments<A>>(
  db: Executor,
  build: (db: Executor, args: A) => Compilable<unknown>,
  names: string[],
): Prepared {
  const standIns = Object.fromEntries(names.map((name) => [name, standIn(name)])) as A;
  const compiled = build(db, standIns).compile();
  if (compiled.sql.includes('\u0000')) throw new Error('a reusable query wrote an argument into its SQL');
  const slots = compiled.parameters.map((value): Slot => {
    const argument = names.find((name) => (standIns as Record<string, unknown>)[name] === value);
    if (argument !== undefined) return { argument };
    if (typeof value === 'string' && value.includes('\u0000'))
      throw new Error('a reusable query transformed an argument (it must be passed unchanged)');
    return { constant: value };
  });
  return { sql: compiled.sql, slots };
}

/**
 * `build` as a function of named arguments, compiled once per dialect (its adapter's class: the
 * SQL of SQLite and PostgreSQL differ) and per set of arguments given; call it with the executor
 * (a transaction or the database) and the arguments, and it returns the rows.
 */
export function reusableByShape<A extends Arguments<A>, R>(
  build: (db: Executor, args: A) => Compilable<R>,
): (db: Executor, args: A) => Promise<R[]> {
  const byDialect = new WeakMap<object, Map<string, Prepared>>();
  return async (db, args) => {
    const dialect = db.getExecutor().adapter.constructor;
    let shapes = byDialect.get(dialect);
    if (!shapes) byDialect.set(dialect, (shapes = new Map()));
    const given = args as Record<string, Argument | undefined>;
    const names = Object.keys(given).filter((name) => given[name] !== undefined);
    const shape = names.join(',');
    let prepared = shapes.get(shape);
    if (!prepared) shapes.set(shape, (prepared = prepare(db, build, names)));
    const parameters = prepared.slots.map((slot) =>
      'argument' in slot ? given[slot.argument] : slot.constant,
    );
    return (await db.executeQuery<R>(CompiledQuery.raw(prepared.sql, parameters))).rows;
  };
}

/** `reusableByShape` for a query of one argument. */
export function reusable<R>(
  build: (db: Executor, arg: string) => Compilable<R>,
): (db: Executor, arg: string) => Promise<R[]> {
  const query = reusableByShape((db, args: { arg: string }) => build(db, args.arg));
  return (db, arg) => query(db, { arg });
}
