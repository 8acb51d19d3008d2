import { sql } from "kysely";
import type { LinksDb } from "./tables.js";

/** Flushes commit within a second; a minute of overlap also covers clocks that differ between processes. */
const OVERLAP_MS = 60_000;
const EPOCH = new Date(0).toISOString();

/**
 * Brings the hourly rollup up to date: every (link, hour) that received clicks recorded since the last
 * run is counted again from the raw clicks and upserted. Recounting (rather than adding) makes a run
 * idempotent, so overlapping windows and retries cannot double-count. Plain SQL that SQLite and
 * PostgreSQL both take: row-value IN and INSERT … ON CONFLICT DO UPDATE (the SELECT keeps its WHERE,
 * which SQLite needs to parse the upsert).
 */
export async function rollupClicks(db: LinksDb, now = Date.now()): Promise<{ hours: number }> {
  return db.transaction().execute(async (trx) => {
    const state = await trx.selectFrom("link_rollup_state").select("recorded_through").where("id", "=", 1).executeTakeFirst();
    const since = new Date(Date.parse(state?.recorded_through ?? EPOCH) - OVERLAP_MS).toISOString();
    const result = await sql`
      insert into link_clicks_hourly (link_id, hour, clicks)
      select link_id, hour, count(*) from link_clicks
      where (link_id, hour) in (select distinct link_id, hour from link_clicks where recorded_at >= ${since})
      group by link_id, hour
      on conflict (link_id, hour) do update set clicks = excluded.clicks`.execute(trx);
    const through = new Date(now).toISOString();
    await trx
      .insertInto("link_rollup_state")
      .values({ id: 1, recorded_through: through })
      .onConflict((oc) => oc.column("id").doUpdateSet({ recorded_through: through }))
      .execute();
    return { hours: Number(result.numAffectedRows ?? 0) };
  });
}
