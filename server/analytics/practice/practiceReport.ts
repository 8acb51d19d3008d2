import type { z } from "zod";
import { notFound } from "../../errors.js";
import type { AnalyticsDb } from "../tables.js";
import type { PracticeReport, PracticeRow } from "./schema.js";
import { weekOf, weeksBetween } from "./weeks.js";

/** Enough for a report; a range with more messages is cut to its first rows and says so. */
const MAX_ROWS = 200_000;

type Row = z.infer<typeof PracticeRow>;

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);

const emptyCounts = () => ({ posts: 0, promotional: 0, replies: 0, inbound: 0, conversations: 0, answered: 0 });
type Counts = ReturnType<typeof emptyCounts>;

const rowOf = (week: string | null, c: Counts): Row => ({
  ...(week ? { week } : {}),
  ...c,
  talkToListen: ratio(c.posts, c.replies),
  pitchRatio: ratio(c.promotional, c.posts),
  responseRate: ratio(c.answered, c.conversations),
});

export const DEFINITIONS = [
  "Talk-to-listen: posts published ÷ replies sent from the inbox, on the channel in the week (as Sprout Social's index counts brand messages per reply). Under 1: the channel answers more than it broadcasts. No replies: shown as “no replies”.",
  "Pitch ratio: the share of published posts that promote (“Promo”): the post belongs to a campaign or carries a tracked link. (The channel's coaching card judges the wording instead: posts that read as sales pitches.)",
  "Response rate: the share of conversations that began in the week with a message from the public and got a reply from the inbox (at any time since).",
  "Weeks run Monday to Sunday in UTC; the range is widened to whole weeks.",
];

/**
 * How each channel behaves week by week: what it says (posts, and how many promote), what it answers
 * (replies, against what came in), and the share of conversations that got an answer.
 */
export async function practiceReport(
  db: AnalyticsDb,
  range: { from: string; to: string },
  accountId?: string,
): Promise<z.infer<typeof PracticeReport>> {
  if (accountId && !(await db.selectFrom("accounts").select("id").where("id", "=", accountId).executeTakeFirst()))
    throw notFound("Account", "account_not_found");
  const { weeks, start: startDay, end: endDay } = weeksBetween(range.from, range.to);
  const start = `${startDay}T00:00:00.000Z`;
  const end = new Date(Date.parse(`${endDay}T00:00:00.000Z`) + 86_400_000).toISOString();

  let variants = db
    .selectFrom("post_variants as v")
    .innerJoin("posts as p", "p.id", "v.post_id")
    .select(["v.account_id", "v.post_id", "v.published_at", "p.campaign_id"])
    .where("v.status", "=", "published")
    .where("v.published_at", ">=", start)
    .where("v.published_at", "<", end);
  if (accountId) variants = variants.where("v.account_id", "=", accountId);
  const published = await variants.limit(MAX_ROWS).execute();
  const tracked = new Set(
    (
      await db
        .selectFrom("links as l")
        .innerJoin("post_variants as v", "v.post_id", "l.post_id")
        .select("l.post_id")
        .distinct()
        .where("v.status", "=", "published")
        .where("v.published_at", ">=", start)
        .where("v.published_at", "<", end)
        .execute()
    ).map((r) => r.post_id),
  );

  let messages = db
    .selectFrom("inbox_messages")
    .select(["account_id", "direction", "sent_at"])
    .where("direction", "in", ["in", "out"])
    .where("sent_at", ">=", start)
    .where("sent_at", "<", end);
  if (accountId) messages = messages.where("account_id", "=", accountId);
  const sent = await messages.limit(MAX_ROWS).execute();

  let conversations = db
    .selectFrom("inbox_conversations as c")
    .select((eb) => [
      "c.account_id",
      "c.first_message_at",
      eb
        .selectFrom("inbox_messages as m")
        .select((e) => e.fn.min("m.sent_at").as("t"))
        .whereRef("m.conversation_id", "=", "c.id")
        .where("m.direction", "=", "out")
        .as("first_out"),
      eb
        .selectFrom("inbox_messages as m")
        .select((e) => e.fn.min("m.sent_at").as("t"))
        .whereRef("m.conversation_id", "=", "c.id")
        .where("m.direction", "=", "in")
        .as("first_in"),
    ])
    .where("c.first_message_at", ">=", start)
    .where("c.first_message_at", "<", end);
  if (accountId) conversations = conversations.where("c.account_id", "=", accountId);
  const threads = await conversations.limit(MAX_ROWS).execute();

  const counts = new Map<string, Map<string, Counts>>();
  const bump = (account: string | null, at: string | null, field: keyof Counts) => {
    if (!account || !at) return;
    const week = weekOf(at);
    const byWeek = counts.get(account) ?? new Map<string, Counts>();
    const c = byWeek.get(week) ?? emptyCounts();
    c[field]++;
    byWeek.set(week, c);
    counts.set(account, byWeek);
  };
  for (const v of published) {
    bump(v.account_id, v.published_at, "posts");
    if (v.campaign_id || tracked.has(v.post_id)) bump(v.account_id, v.published_at, "promotional");
  }
  for (const m of sent) bump(m.account_id, m.sent_at, m.direction === "in" ? "inbound" : "replies");
  for (const c of threads) {
    // Only conversations someone from the public started count as inbound (not a thread the brand opened).
    if (!c.first_in) continue;
    bump(c.account_id, c.first_message_at, "conversations");
    if (c.first_out) bump(c.account_id, c.first_message_at, "answered");
  }

  const ids = accountId ? [accountId] : [...counts.keys()];
  const accounts = ids.length ? await db.selectFrom("accounts").select(["id", "network", "handle"]).where("id", "in", ids).execute() : [];
  return {
    range: { from: startDay, to: endDay },
    weeks,
    accounts: accounts
      .map((a) => {
        const byWeek = counts.get(a.id) ?? new Map<string, Counts>();
        const total = emptyCounts();
        for (const c of byWeek.values()) for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += c[k];
        return {
          accountId: a.id,
          network: a.network,
          handle: a.handle,
          total: rowOf(null, total),
          weeks: weeks.map((w) => rowOf(w, byWeek.get(w) ?? emptyCounts())),
        };
      })
      .sort((a, b) => a.network.localeCompare(b.network) || a.handle.localeCompare(b.handle)),
    definitions: DEFINITIONS,
    truncated: published.length >= MAX_ROWS || sent.length >= MAX_ROWS || threads.length >= MAX_ROWS,
  };
}
