import type { Compilable, CompiledQuery } from "kysely";
import { type Database, hotReaderOf } from "./database.js";

/**
 * A query on the hot path of every request, built and compiled once per
 * database and then re-run with new parameter values. Kysely otherwise
 * rebuilds and recompiles the query tree each time, which costs more than
 * running a small indexed query on SQLite.
 *
 * Every argument must be used as a plain value (e.g. `where("id", "=", id)`),
 * never as an identifier; `prepared` checks that each one was found.
 *
 * Only for reads: on the embedded database they run on its read-only connection
 * (committed data only, answered from memory until the next commit: db/hotReader.ts);
 * inside a transaction they run on the transaction. Results are shared: never mutate them.
 */
export function prepared<A extends string[], O>(arity: A["length"], build: (db: Database, ...args: A) => Compilable<O>) {
  const cache = new WeakMap<Database, { compiled: CompiledQuery<O>; slots: (number | { value: unknown })[] }>();
  return async (db: Database, ...args: A): Promise<O[]> => {
    let entry = cache.get(db);
    if (!entry) {
      const sentinels = Array.from({ length: arity }, (_, i) => `\u0000prepared-arg-${i}\u0000`) as A;
      const compiled = build(db, ...sentinels).compile();
      const slots = compiled.parameters.map((p) => {
        const index = sentinels.indexOf(p as string);
        return index >= 0 ? index : { value: p };
      });
      for (let i = 0; i < arity; i++) {
        if (!slots.includes(i)) throw new Error(`prepared query does not use argument ${i} as a value`);
      }
      entry = { compiled, slots };
      cache.set(db, entry);
    }
    const { compiled, slots } = entry;
    const parameters = slots.map((s) => (typeof s === "number" ? args[s] : s.value));
    const reader = hotReaderOf(db);
    if (reader) return reader(compiled.sql, parameters) as O[];
    const result = await db.executeQuery<O>({ ...compiled, parameters });
    return result.rows;
  };
}
