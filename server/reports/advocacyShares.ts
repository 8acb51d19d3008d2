import { advocacyDb } from "../advocacy/tables.js";
import type { Database } from "../db/database.js";
import { column, type ReportDefinition, type ReportRange, type ReportTable } from "./model.js";

/**
 * Employee advocacy per curated item over the range: shares people confirmed (by when they confirmed),
 * how many people shared, and the clicks the shares' own tracked links counted (one per visitor per
 * link per hour, by when they clicked), including clicks on shares opened but never confirmed.
 */
export async function advocacyShares(database: Database, range: ReportRange): Promise<ReportTable> {
  const db = advocacyDb(database);
  const [items, shares, clicks] = await Promise.all([
    db.selectFrom("advocacy_items").select(["id", "title", "expires_at"]).orderBy("title").execute(),
    db
      .selectFrom("advocacy_shares")
      .select(["item_id", "user_id", "network"])
      .where("status", "=", "shared")
      .where("shared_at", ">=", range.from)
      .where("shared_at", "<", range.to)
      .execute(),
    db
      .selectFrom("link_clicks")
      .innerJoin("advocacy_shares", "advocacy_shares.link_id", "link_clicks.link_id")
      .select(["advocacy_shares.item_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("link_clicks.clicked_at", ">=", range.from)
      .where("link_clicks.clicked_at", "<", range.to)
      .groupBy("advocacy_shares.item_id")
      .execute(),
  ]);
  const clicksOf = new Map(clicks.map((c) => [c.item_id, Number(c.n)]));
  return {
    columns: [
      column("item", "Item"),
      column("shares", "Shares"),
      column("people", "People who shared"),
      column("networks", "Networks"),
      column("clicks", "Clicks"),
      column("clicksPerShare", "Clicks per share"),
    ],
    rows: items
      .map((item) => {
        const mine = shares.filter((s) => s.item_id === item.id);
        const itemClicks = clicksOf.get(item.id) ?? 0;
        return {
          item: item.title,
          shares: mine.length,
          people: new Set(mine.map((s) => s.user_id)).size,
          networks: [...new Set(mine.map((s) => s.network))].sort().join(", "),
          clicks: itemClicks,
          clicksPerShare: mine.length === 0 ? null : Math.round((itemClicks / mine.length) * 10) / 10,
        };
      })
      .filter((row) => row.shares > 0 || row.clicks > 0),
  };
}

export const advocacyReport: ReportDefinition = {
  name: "advocacy",
  title: "Advocacy shares and clicks",
  permission: "advocacy.manage",
  ranged: true,
  build: (db, range) => advocacyShares(db, range),
};
