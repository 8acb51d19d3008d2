import { sql } from "kysely";
import { rollupClicks } from "../links/rollup.js";
import type { LinksDb } from "../links/tables.js";
import { settlePendingAttribution } from "./attribution.js";
import { readSettings } from "./settings.js";
import type { AnalyticsDb } from "./tables.js";

const DAY_MS = 86_400_000;
/** As links/rollup.ts: writes commit within a second; a minute of overlap also covers clocks that differ. */
const OVERLAP_MS = 60_000;
const EPOCH = new Date(0).toISOString();

const dayOfIso = (iso: string) => new Date(Date.parse(iso)).toISOString().slice(0, 10);

/**
 * Recounts one UTC day of analytics_daily from its sources: the hourly link rollup (clicks, credited to
 * the link's campaign, channel and post), the conversions of that day (value only in the reporting
 * currency) and the conversations marked as leads that day. The day's rows are replaced in one
 * transaction, so a recount is idempotent and readers never see half a day.
 */
export async function recountDay(db: AnalyticsDb, day: string, currency: string): Promise<void> {
  const start = `${day}T00:00:00.000Z`;
  const end = new Date(Date.parse(start) + DAY_MS).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("analytics_daily").where("day", "=", day).execute();
    await sql`
      insert into analytics_daily (day, campaign_id, account_id, post_id, link_id, clicks, leads, signups, sales, value_minor, unsigned, inbox_leads, unvalued)
      select ${day}, campaign_id, account_id, post_id, link_id,
        sum(clicks), sum(leads), sum(signups), sum(sales), sum(value_minor), sum(unsigned), sum(inbox_leads), sum(unvalued)
      from (
        select coalesce(l.campaign_id, '') as campaign_id, coalesce(l.account_id, '') as account_id,
          coalesce(l.post_id, '') as post_id, h.link_id as link_id, h.clicks as clicks,
          0 as leads, 0 as signups, 0 as sales, 0 as value_minor, 0 as unsigned, 0 as inbox_leads, 0 as unvalued
        from link_clicks_hourly h join links l on l.id = h.link_id
        where h.hour >= ${start} and h.hour < ${end}
        union all
        select coalesce(campaign_id, ''), coalesce(account_id, ''), coalesce(post_id, ''), coalesce(link_id, ''), 0,
          case when kind = 'lead' then 1 else 0 end, case when kind = 'signup' then 1 else 0 end,
          case when kind = 'sale' then 1 else 0 end, case when currency = ${currency} then value_minor else 0 end,
          1 - signed, 0, case when value_minor > 0 and currency <> ${currency} then 1 else 0 end
        from analytics_conversions where day = ${day}
        union all
        select '', c.account_id, '', '', 0, 0, 0, 0, 0, 0, 1, 0
        from inbox_leads il join inbox_conversations c on c.id = il.conversation_id
        where il.marked_at >= ${start} and il.marked_at < ${end}
      ) x
      group by campaign_id, account_id, post_id, link_id`.execute(trx);
  });
}

/** The UTC days whose sources changed since `since`. */
async function changedDays(db: AnalyticsDb, since: string): Promise<Set<string>> {
  const days = new Set<string>();
  const hours = await db.selectFrom("link_clicks").select("hour").distinct().where("recorded_at", ">=", since).execute();
  for (const h of hours) days.add(dayOfIso(h.hour));
  const conversions = await db.selectFrom("analytics_conversions").select("day").distinct().where("updated_at", ">=", since).execute();
  for (const c of conversions) days.add(c.day);
  const leads = await db.selectFrom("inbox_leads").select("marked_at").where("updated_at", ">=", since).execute();
  for (const l of leads) days.add(dayOfIso(l.marked_at));
  return days;
}

/**
 * Brings analytics_daily up to date: the hourly link rollup first, then pending conversion attribution,
 * then every day whose sources changed since the last run (plus today, so a lead unmarked today is
 * seen). Derived data: not audited.
 */
export async function rollupDaily(db: AnalyticsDb, now = Date.now()): Promise<{ days: number }> {
  await rollupClicks(db as unknown as LinksDb, now);
  await settlePendingAttribution(db, now);
  const state = await db.selectFrom("analytics_rollup_state").select("read_through").where("id", "=", 1).executeTakeFirst();
  const since = new Date(Date.parse(state?.read_through ?? EPOCH) - OVERLAP_MS).toISOString();
  const through = new Date(now).toISOString();
  const days = await changedDays(db, since);
  days.add(through.slice(0, 10));
  const { currency } = await readSettings(db);
  for (const day of [...days].sort()) await recountDay(db, day, currency);
  await db
    .insertInto("analytics_rollup_state")
    .values({ id: 1, read_through: through })
    .onConflict((oc) => oc.column("id").doUpdateSet({ read_through: through }))
    .execute();
  return { days: days.size };
}

/** Makes the next run recount every day (after the reporting currency changes). */
export async function recountEverything(db: AnalyticsDb): Promise<void> {
  await db.deleteFrom("analytics_rollup_state").execute();
}
