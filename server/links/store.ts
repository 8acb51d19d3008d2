import { sql } from "kysely";
import type { z } from "zod";
import { badRequest, notFound } from "../errors.js";
import { targetUrl } from "./destination.js";
import type { ClickSeries, LinkListQuery, LinkViewType } from "./schema.js";
import type { LinksDb, LinksTable } from "./tables.js";
import { DAY_MS, HOUR_MS, hourStart } from "./visitor.js";

type Row = LinksTable & {
  campaign_name: string | null;
  account_network: string | null;
  account_handle: string | null;
  clicks: number | string | null;
  clicks7d: number | string | null;
};

function statusOf(row: LinksTable, now: number): LinkViewType["status"] {
  if (row.archived_at) return "archived";
  if (row.expires_at && Date.parse(row.expires_at) <= now) return "expired";
  return "active";
}

function present(row: Row, baseUrl: string, now: number): LinkViewType {
  const utm = { source: row.utm_source, medium: row.utm_medium, campaign: row.utm_campaign, term: row.utm_term, content: row.utm_content };
  return {
    id: row.id,
    code: row.code,
    shortUrl: `${baseUrl}/l/${row.code}`,
    destination: row.destination,
    target: targetUrl(row.destination, utm),
    campaign: row.campaign_id && row.campaign_name ? { id: row.campaign_id, name: row.campaign_name } : null,
    postId: row.post_id,
    account:
      row.account_id && row.account_network && row.account_handle
        ? { id: row.account_id, network: row.account_network, handle: row.account_handle }
        : null,
    utm,
    expiresAt: row.expires_at,
    archivedAt: row.archived_at,
    status: statusOf(row, now),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    clicks: Number(row.clicks ?? 0),
    clicks7d: Number(row.clicks7d ?? 0),
  };
}

function baseQuery(db: LinksDb, now: number) {
  const since = new Date(hourStart(now) - 7 * DAY_MS).toISOString();
  return db
    .selectFrom("links")
    .leftJoin("campaigns", "campaigns.id", "links.campaign_id")
    .leftJoin("accounts", "accounts.id", "links.account_id")
    .selectAll("links")
    .select((eb) => [
      "campaigns.name as campaign_name",
      "accounts.network as account_network",
      "accounts.handle as account_handle",
      eb
        .selectFrom("link_clicks_hourly")
        .select((e) => e.fn.coalesce(e.fn.sum<number>("clicks"), sql<number>`0`).as("n"))
        .whereRef("link_clicks_hourly.link_id", "=", "links.id")
        .as("clicks"),
      eb
        .selectFrom("link_clicks_hourly")
        .select((e) => e.fn.coalesce(e.fn.sum<number>("clicks"), sql<number>`0`).as("n"))
        .whereRef("link_clicks_hourly.link_id", "=", "links.id")
        .where("link_clicks_hourly.hour", ">=", since)
        .as("clicks7d"),
    ]);
}

export async function listLinks(
  db: LinksDb,
  baseUrl: string,
  query: z.infer<typeof LinkListQuery>,
): Promise<{ items: LinkViewType[]; total: number }> {
  const now = Date.now();
  const nowIso = new Date(now).toISOString();
  let items = baseQuery(db, now);
  let count = db.selectFrom("links").select((eb) => eb.fn.countAll<number>().as("n"));
  if (query.campaignId) {
    items = items.where("links.campaign_id", "=", query.campaignId);
    count = count.where("links.campaign_id", "=", query.campaignId);
  }
  if (query.postId) {
    items = items.where("links.post_id", "=", query.postId);
    count = count.where("links.post_id", "=", query.postId);
  }
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    items = items.where((eb) =>
      eb.or([
        eb("links.code", "like", sql<string>`${like} escape '\\'`),
        eb("links.destination", "like", sql<string>`${like} escape '\\'`),
      ]),
    );
    count = count.where((eb) =>
      eb.or([
        eb("links.code", "like", sql<string>`${like} escape '\\'`),
        eb("links.destination", "like", sql<string>`${like} escape '\\'`),
      ]),
    );
  }
  if (query.status === "archived") {
    items = items.where("links.archived_at", "is not", null);
    count = count.where("links.archived_at", "is not", null);
  } else if (query.status === "expired") {
    items = items.where("links.archived_at", "is", null).where("links.expires_at", "<=", nowIso);
    count = count.where("links.archived_at", "is", null).where("links.expires_at", "<=", nowIso);
  } else if (query.status === "active") {
    items = items
      .where("links.archived_at", "is", null)
      .where((eb) => eb.or([eb("links.expires_at", "is", null), eb("links.expires_at", ">", nowIso)]));
    count = count
      .where("links.archived_at", "is", null)
      .where((eb) => eb.or([eb("links.expires_at", "is", null), eb("links.expires_at", ">", nowIso)]));
  }
  const rows = (await items
    .orderBy("links.created_at", "desc")
    .orderBy("links.id")
    .limit(query.limit)
    .offset(query.offset)
    .execute()) as Row[];
  const total = await count.executeTakeFirstOrThrow();
  return { items: rows.map((r) => present(r, baseUrl, now)), total: Number(total.n) };
}

export async function getLinkView(db: LinksDb, baseUrl: string, id: string): Promise<LinkViewType> {
  const now = Date.now();
  const row = (await baseQuery(db, now).where("links.id", "=", id).executeTakeFirst()) as Row | undefined;
  if (!row) throw notFound("That link", "link_not_found");
  return present(row, baseUrl, now);
}

const MAX_HOURS = 31 * 24;
const MAX_DAYS = 400;

/** Clicks per hour, or per local day of `timeZone`, from the hourly rollup, with empty slots as zero. */
export async function clickSeries(
  db: LinksDb,
  id: string,
  options: { interval: "hour" | "day"; from?: string | undefined; to?: string | undefined; timeZone: string },
): Promise<z.infer<typeof ClickSeries>> {
  let dateOf: Intl.DateTimeFormat;
  try {
    dateOf = new Intl.DateTimeFormat("en-CA", { timeZone: options.timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  } catch {
    throw badRequest("unknown_time_zone", `“${options.timeZone}” is not a time zone (use an IANA name such as Europe/Lisbon).`);
  }
  const link = await db.selectFrom("links").select("id").where("id", "=", id).executeTakeFirst();
  if (!link) throw notFound("That link", "link_not_found");
  const now = Date.now();
  const to = hourStart(options.to ? Date.parse(options.to) : now);
  const defaultSpan = options.interval === "hour" ? 47 * HOUR_MS : 29 * DAY_MS;
  const from = hourStart(options.from ? Date.parse(options.from) : to - defaultSpan);
  if (from > to) throw badRequest("link_range_invalid", "`from` must be before `to`.");
  const limit = options.interval === "hour" ? MAX_HOURS * HOUR_MS : MAX_DAYS * DAY_MS;
  if (to - from > limit) {
    throw badRequest(
      "link_range_too_long",
      `Ask for at most ${options.interval === "hour" ? `${MAX_HOURS} hours` : `${MAX_DAYS} days`} at a time.`,
    );
  }
  const rows = await db
    .selectFrom("link_clicks_hourly")
    .select(["hour", "clicks"])
    .where("link_id", "=", id)
    .where("hour", ">=", new Date(from).toISOString())
    .where("hour", "<=", new Date(to).toISOString())
    .execute();
  const byHour = new Map(rows.map((r) => [Date.parse(r.hour), Number(r.clicks)]));
  const points: { at: string; clicks: number }[] = [];
  let total = 0;
  for (let h = from; h <= to; h += HOUR_MS) {
    const clicks = byHour.get(h) ?? 0;
    total += clicks;
    if (options.interval === "hour") {
      points.push({ at: new Date(h).toISOString(), clicks });
      continue;
    }
    const day = dateOf.format(h);
    const last = points.at(-1);
    if (last?.at === day) last.clicks += clicks;
    else points.push({ at: day, clicks });
  }
  return {
    interval: options.interval,
    timeZone: options.timeZone,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    points,
    total,
  };
}
