import { type SelectQueryBuilder, sql } from "kysely";
import { badRequest } from "../errors.js";
import { metricsDb } from "./metrics/tables.js";
import type { BreakdownRow, KpisType, ReportFilter, ReportType } from "./schema.js";
import { type AnalyticsSettings, readSettings } from "./settings.js";
import { type AnalyticsDb, type AnalyticsTables, coreDb, num } from "./tables.js";

const DAY_MS = 86_400_000;
const MAX_DAYS = 400;
const TABLE_ROWS = 100;

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const money = (minor: number) => Math.round(minor) / 100;

interface Sums {
  clicks: number;
  leads: number;
  inboxLeads: number;
  signups: number;
  sales: number;
  valueMinor: number;
  unsigned: number;
  unvalued: number;
}

function kpis(s: Sums, costMinor: number | null): KpisType {
  const allLeads = s.leads + s.inboxLeads;
  const cost = costMinor === null ? null : money(costMinor);
  return {
    clicks: s.clicks,
    leads: s.leads,
    inboxLeads: s.inboxLeads,
    signups: s.signups,
    sales: s.sales,
    value: money(s.valueMinor),
    cost,
    costPerLead: costMinor !== null && allLeads > 0 ? money(costMinor / allLeads) : null,
    costPerClick: costMinor !== null && s.clicks > 0 ? money(costMinor / s.clicks) : null,
    roi: costMinor !== null && costMinor > 0 ? Math.round(((s.valueMinor - costMinor) / costMinor) * 1000) / 1000 : null,
    unsigned: s.unsigned,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the filter helper works on any select over analytics_daily
type DailyQuery = SelectQueryBuilder<AnalyticsTables & any, "analytics_daily", object>;

/** The dashboard's filters, applied to analytics_daily (each one an indexed column). */
function filtered(db: AnalyticsDb, filter: ReportFilter, from: string, to: string): DailyQuery {
  let q = db.selectFrom("analytics_daily").where("day", ">=", from).where("day", "<=", to) as DailyQuery;
  if (filter.campaignId) q = q.where("campaign_id", "=", filter.campaignId);
  if (filter.accountId) q = q.where("account_id", "=", filter.accountId);
  if (filter.postId) q = q.where("post_id", "=", filter.postId);
  if (filter.linkId) q = q.where("link_id", "=", filter.linkId);
  return q;
}

const SUMS = {
  clicks: sql<string>`sum(clicks)`,
  leads: sql<string>`sum(leads)`,
  inboxLeads: sql<string>`sum(inbox_leads)`,
  signups: sql<string>`sum(signups)`,
  sales: sql<string>`sum(sales)`,
  valueMinor: sql<string>`sum(value_minor)`,
  unsigned: sql<string>`sum(unsigned)`,
  unvalued: sql<string>`sum(unvalued)`,
};

function selectSums<Q extends DailyQuery>(q: Q) {
  return q.select([
    SUMS.clicks.as("clicks"),
    SUMS.leads.as("leads"),
    SUMS.inboxLeads.as("inbox_leads"),
    SUMS.signups.as("signups"),
    SUMS.sales.as("sales"),
    SUMS.valueMinor.as("value_minor"),
    SUMS.unsigned.as("unsigned"),
    SUMS.unvalued.as("unvalued"),
  ]);
}

// biome-ignore lint/suspicious/noExplicitAny: rows of the sum selects above
const sumsOf = (r: any): Sums => ({
  clicks: num(r?.clicks),
  leads: num(r?.leads),
  inboxLeads: num(r?.inbox_leads),
  signups: num(r?.signups),
  sales: num(r?.sales),
  valueMinor: num(r?.value_minor),
  unsigned: num(r?.unsigned),
  unvalued: num(r?.unvalued),
});

function addSums(into: Sums, more: Sums): void {
  for (const key of Object.keys(into) as (keyof Sums)[]) into[key] += more[key];
}

/** Resolves and checks the range: `to` defaults to today (UTC), `from` to 29 days earlier. */
export function resolveRange(filter: ReportFilter, now = Date.now()) {
  const to = filter.to ?? new Date(now).toISOString().slice(0, 10);
  const from = filter.from ?? addDays(to, -29);
  if (from > to) throw badRequest("analytics_range_invalid", "`from` must not be after `to`.");
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
  if (days > MAX_DAYS) throw badRequest("analytics_range_too_long", `Ask for at most ${MAX_DAYS} days at a time.`);
  const prevTo = addDays(from, -1);
  return { from, to, days, prevFrom: addDays(prevTo, -(days - 1)), prevTo };
}

/**
 * One dashboard: totals against the previous period of the same length, a daily series, and tables per
 * campaign, channel, post and link, all read from analytics_daily (never from raw clicks), plus campaign
 * costs. The same report serves the overview (no filter), a campaign, a channel, a post and a link.
 */
export async function buildReport(db: AnalyticsDb, filter: ReportFilter, now = Date.now()): Promise<ReportType> {
  const r = resolveRange(filter, now);
  const settings = await readSettings(db);
  const costsApply = !filter.accountId && !filter.postId && !filter.linkId;

  // One scan for the series and both periods' totals (summed here), one for every breakdown table.
  const dayRows = await selectSums(filtered(db, filter, r.prevFrom, r.to))
    .select("day")
    .groupBy("day")
    .execute();
  const byDay = new Map(dayRows.map((d) => [d.day as string, sumsOf(d)]));
  const current = sumsOf(undefined);
  const previous = sumsOf(undefined);
  for (const [day, sums] of byDay) addSums(day >= r.from ? current : previous, sums);

  let costQuery = db
    .selectFrom("analytics_costs")
    .select(["campaign_id", "incurred_on", sql<string>`sum(amount_minor)`.as("amount")])
    .where("currency", "=", settings.currency)
    .where("incurred_on", ">=", r.prevFrom)
    .where("incurred_on", "<=", r.to)
    .groupBy(["campaign_id", "incurred_on"]);
  if (filter.campaignId) costQuery = costQuery.where("campaign_id", "=", filter.campaignId);
  const costs = costsApply ? await costQuery.execute() : [];
  let costNow = 0;
  let costBefore = 0;
  const costByDay = new Map<string, number>();
  const costByCampaign = new Map<string, number>();
  for (const c of costs) {
    const amount = num(c.amount);
    if (c.incurred_on < r.from) {
      costBefore += amount;
      continue;
    }
    costNow += amount;
    costByDay.set(c.incurred_on, (costByDay.get(c.incurred_on) ?? 0) + amount);
    costByCampaign.set(c.campaign_id, (costByCampaign.get(c.campaign_id) ?? 0) + amount);
  }

  const series: ReportType["series"] = [];
  for (let day = r.from; day <= r.to; day = addDays(day, 1)) {
    const s = byDay.get(day);
    series.push({
      day,
      clicks: s?.clicks ?? 0,
      leads: s?.leads ?? 0,
      inboxLeads: s?.inboxLeads ?? 0,
      sales: s?.sales ?? 0,
      value: money(s?.valueMinor ?? 0),
      cost: money(costByDay.get(day) ?? 0),
    });
  }

  const combos = await selectSums(filtered(db, filter, r.from, r.to))
    .select(["campaign_id", "account_id", "post_id", "link_id"])
    .groupBy(["campaign_id", "account_id", "post_id", "link_id"])
    .execute();
  const breakdown = (column: "campaign_id" | "account_id" | "post_id" | "link_id") => {
    const groups = new Map<string, Sums>();
    for (const combo of combos) {
      const id = combo[column] as string;
      let sums = groups.get(id);
      if (!sums) {
        sums = sumsOf(undefined);
        groups.set(id, sums);
      }
      addSums(sums, sumsOf(combo));
    }
    return [...groups]
      .map(([id, sums]) => ({ id, sums }))
      .sort(
        (x, y) =>
          y.sums.clicks - x.sums.clicks ||
          y.sums.leads + y.sums.inboxLeads - (x.sums.leads + x.sums.inboxLeads) ||
          (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
      )
      .slice(0, TABLE_ROWS);
  };
  const [campaignRows, channelRows, postRows, linkRows] = [
    breakdown("campaign_id"),
    breakdown("account_id"),
    breakdown("post_id"),
    breakdown("link_id"),
  ];
  // Campaigns with costs but no clicks yet still belong in the campaign table.
  for (const id of costByCampaign.keys()) if (!campaignRows.some((c) => c.id === id)) campaignRows.push({ id, sums: sumsOf(undefined) });

  const ids = (rows: { id: string }[]) => rows.map((x) => x.id).filter((id) => id !== "");
  const [campaignNames, accounts, posts, links] = await Promise.all([
    ids(campaignRows).length ? db.selectFrom("campaigns").select(["id", "name"]).where("id", "in", ids(campaignRows)).execute() : [],
    ids(channelRows).length
      ? db.selectFrom("accounts").select(["id", "network", "handle"]).where("id", "in", ids(channelRows)).execute()
      : [],
    ids(postRows).length ? db.selectFrom("posts").select(["id", "text"]).where("id", "in", ids(postRows)).execute() : [],
    ids(linkRows).length ? db.selectFrom("links").select(["id", "code", "destination"]).where("id", "in", ids(linkRows)).execute() : [],
  ]);

  const row = (id: string, label: string, detail: string | null, s: Sums, costMinor: number | null): BreakdownRow => {
    const k = kpis(s, costMinor);
    const { clicks, leads, inboxLeads, sales, value, cost, costPerLead, roi } = k;
    return { id, label, detail, clicks, leads, inboxLeads, sales, value, cost, costPerLead, roi };
  };
  const campaignTable = campaignRows.map((c) =>
    row(
      c.id,
      c.id === "" ? "No campaign" : (campaignNames.find((n) => n.id === c.id)?.name ?? "Removed campaign"),
      null,
      c.sums,
      costsApply && c.id !== "" ? (costByCampaign.get(c.id) ?? 0) : null,
    ),
  );
  const channelTable = channelRows.map((c) => {
    const a = accounts.find((x) => x.id === c.id);
    return row(c.id, c.id === "" ? "No channel" : a ? `@${a.handle}` : "Removed channel", a?.network ?? null, c.sums, null);
  });
  const postTable = postRows.map((p) => {
    const post = posts.find((x) => x.id === p.id);
    const text = post ? post.text.replace(/\s+/g, " ").trim() : "";
    return row(p.id, p.id === "" ? "No post" : text.length > 80 ? `${text.slice(0, 79)}…` : text || "Removed post", null, p.sums, null);
  });
  const linkTable = linkRows.map((l) => {
    const link = links.find((x) => x.id === l.id);
    return row(l.id, l.id === "" ? "No link" : link ? `/l/${link.code}` : "Removed link", link?.destination ?? null, l.sums, null);
  });

  const totals = kpis(current, costsApply ? costNow : null);
  const assumptions = [
    `Value is the sum of conversion values reported in ${settings.currency}; ROI = (value − cost) ÷ cost.`,
    costsApply
      ? `Cost is the campaign cost entries dated in the range (money, and hours × hourly rate), in ${settings.currency}.`
      : "Costs are entered per campaign, so cost per lead and ROI are shown on campaign and overview dashboards only.",
    "Cost per lead counts website leads and conversations marked as leads in the inbox (inbox leads belong to a channel, not a campaign).",
    "Days are UTC days; figures come from the daily rollup and are up to a minute behind.",
  ];
  const others = current.unvalued;
  if (others > 0) assumptions.push(`${others} conversions with a value in another currency are counted but not valued.`);
  if (current.unsigned > 0)
    assumptions.push(`${current.unsigned} conversions came through the unsigned pixel; anyone could have sent them.`);

  const impressions = filter.linkId ? null : await impressionsIn(db, filter, r.from, r.to);
  const emv = earnedMedia(settings, current.clicks, impressions);
  return {
    currency: settings.currency,
    range: { from: r.from, to: r.to, days: r.days },
    previous: { from: r.prevFrom, to: r.prevTo },
    totals,
    previousTotals: kpis(previous, costsApply ? costBefore : null),
    series,
    campaigns: campaignTable,
    channels: channelTable,
    posts: postTable,
    links: linkTable,
    earnedMedia: emv,
    assumptions,
  };
}

/** Impressions the networks reported for the range (the daily growth of the post totals), as filtered. */
async function impressionsIn(db: AnalyticsDb, filter: ReportFilter, from: string, to: string): Promise<number> {
  const mdb = metricsDb(coreDb(db));
  let query = mdb
    .selectFrom("metric_snapshots")
    .select(sql<string>`coalesce(sum(delta), 0)`.as("n"))
    .where("metric", "=", "impressions")
    .where("variant_id", "is not", null)
    .where("day", ">=", from)
    .where("day", "<=", to);
  if (filter.accountId) query = query.where("account_id", "=", filter.accountId);
  if (filter.postId) query = query.where("post_id", "=", filter.postId);
  const campaignId = filter.campaignId;
  if (campaignId) query = query.where("post_id", "in", mdb.selectFrom("posts").select("id").where("campaign_id", "=", campaignId));
  return num((await query.executeTakeFirst())?.n);
}

/**
 * Earned media value, modelled only from figures an admin set: measured clicks × CPC plus network-reported
 * impressions ÷ 1,000 × CPM. Shown apart from measured results and labelled as modelled.
 */
function earnedMedia(settings: AnalyticsSettings, clicks: number, impressions: number | null): ReportType["earnedMedia"] {
  const { cpcMinor, cpmMinor } = settings;
  const parts: string[] = [];
  let valueMinor: number | null = null;
  if (cpcMinor !== null) {
    valueMinor = clicks * cpcMinor;
    parts.push("measured clicks × the CPC");
  }
  if (cpmMinor !== null && impressions !== null) {
    valueMinor = (valueMinor ?? 0) + (impressions / 1000) * cpmMinor;
    parts.push("impressions the networks reported ÷ 1,000 × the CPM");
  }
  return {
    modelled: true,
    value: valueMinor === null ? null : money(Math.round(valueMinor)),
    cpc: cpcMinor === null ? null : money(cpcMinor),
    cpm: cpmMinor === null ? null : money(cpmMinor),
    impressions,
    note:
      valueMinor === null
        ? "No earned media value: an admin has not set a cost per click or per thousand impressions to model it with."
        : `Modelled: ${parts.join(" plus ")} an admin set. Not money received.${
            impressions === null ? "" : ` ${impressions.toLocaleString("en")} impressions in the range.`
          }`,
  };
}
