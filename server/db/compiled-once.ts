import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { keepPrepared } from './prepared-statements';
import type { Tables } from './tables';

const STAND_IN = '\u0000compiled-once:';

type Slot = { name: string } | { constant: unknown };

/** Names a value of the query's call: it becomes a bound parameter, filled in on every run. */
export type StandIn<Values> = <Name extends keyof Values & string>(name: Name) => Values[Name];

/**
 * A query of the event path, built and compiled by Kysely once and then run with each call's values: building and
 * compiling it anew cost CPU on every event (docs/performance.md, "The server"). `build` gets a stand-in
 * for each named value (and the first call's values, to name columns after their keys); each must become bound
 * parameters, never SQL text, or the first run throws. Make one per
 * database (the SQL is its dialect's); a transaction of that database runs it too.
 */
export function compiledOnce<Values extends Record<string, unknown>, Row>(
  build: (db: Kysely<Tables>, value: StandIn<Values>, first: Values) => Compilable<Row>,
): (db: Kysely<Tables>, values: Values) => Promise<Row[]> {
  let template: { compiled: CompiledQuery<Row>; slots: Slot[] } | undefined;
  const compile = (db: Kysely<Tables>, first: Values) => {
    const names = new Set<string>();
    const compiled = build(
      db,
      (name) => {
        names.add(name);
        return `${STAND_IN}${name}` as never;
      },
      first,
    ).compile();
    const slots = compiled.parameters.map((parameter): Slot =>
      typeof parameter === 'string' && parameter.startsWith(STAND_IN)
        ? { name: parameter.slice(STAND_IN.length) }
        : { constant: parameter },
    );
    const bound = new Set(slots.flatMap((slot) => ('name' in slot ? [slot.name] : [])));
    if (compiled.sql.includes(STAND_IN) || [...names].some((name) => !bound.has(name))) {
      throw new Error(`compiledOnce: a value was not bound as a parameter in ${compiled.sql}`);
    }
    keepPrepared(compiled.sql);
    return { compiled, slots };
  };
  return async (db, values) => {
    template ??= compile(db, values);
    const parameters = template.slots.map((slot) => ('name' in slot ? values[slot.name] : slot.constant));
    const result = await db.executeQuery<Row>({ ...template.compiled, parameters });
    return result.rows;
  };
}

/** A row whose every column is a stand-in, for inserting rows that always have the same columns (`first`'s). */
export function standInRow<Row extends Record<string, unknown>>(first: Row, value: StandIn<Row>): Row {
  return Object.fromEntries(Object.keys(first).map((column) => [column, value(column as keyof Row & string)])) as Row;
}
