import { sql } from "kysely";
import type { AnalyticsDb, AnalyticsTrx } from "./tables.js";

/** What a conversion is credited to, copied from the click (a click's own copies of link, post, campaign, channel, UTM). */
export interface Attribution {
  link_id: string | null;
  campaign_id: string | null;
  post_id: string | null;
  account_id: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
}

export const NO_ATTRIBUTION: Attribution = {
  link_id: null,
  campaign_id: null,
  post_id: null,
  account_id: null,
  utm_source: null,
  utm_medium: null,
  utm_campaign: null,
  utm_term: null,
  utm_content: null,
};

const CLICK_COLUMNS = [
  "link_id",
  "campaign_id",
  "post_id",
  "account_id",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
] as const;

/** The clicks with these ids that are stored (a click is buffered for about a second before it is). */
export async function clicksById(db: AnalyticsDb | AnalyticsTrx, ids: string[]): Promise<Map<string, Attribution>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("link_clicks")
    .select(["id", ...CLICK_COLUMNS])
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map(({ id, ...rest }) => [id, rest]));
}

/** A conversion whose click has not arrived after this long is settled as `click_not_found`. */
export const CLICK_WAIT_MS = 3_600_000;

/**
 * Settles conversions still waiting for their click (the website can report a conversion before the
 * redirector's buffer reached the database): copies the click's attribution, or gives up after an hour.
 * A sale that follows its customer's lead waits for the lead's click and is credited `customer`.
 */
export async function settlePendingAttribution(db: AnalyticsDb, now = Date.now()): Promise<{ settled: number }> {
  let settled = 0;
  for (;;) {
    const pending = await db
      .selectFrom("analytics_conversions")
      .select(["id", "click_id", "attributed_via", "received_at"])
      // Literal, so both databases can use the partial index analytics_conversions_pending.
      .where(sql<boolean>`attributed_via in ('pending', 'pending_customer')`)
      .orderBy("received_at")
      .limit(500)
      .execute();
    if (pending.length === 0) return { settled };
    const clicks = await clicksById(db, [...new Set(pending.flatMap((p) => (p.click_id ? [p.click_id] : [])))]);
    const stamp = new Date(now).toISOString();
    let changed = 0;
    await db.transaction().execute(async (trx) => {
      for (const p of pending) {
        const click = p.click_id ? clicks.get(p.click_id) : undefined;
        const via = click ? (p.attributed_via === "pending_customer" ? "customer" : "click") : "click_not_found";
        if (!click && now - Date.parse(p.received_at) < CLICK_WAIT_MS) continue;
        await trx
          .updateTable("analytics_conversions")
          .set({ ...(click ?? {}), attributed_via: via, updated_at: stamp })
          .where("id", "=", p.id)
          .execute();
        changed++;
      }
    });
    settled += changed;
    // Everything left is still waiting within its hour.
    if (changed < pending.length) return { settled };
  }
}
