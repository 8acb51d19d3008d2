import type { Database } from "../../db/database.js";
import type { Services } from "../../services.js";

const WINDOW_DAYS = 30;

export interface Coaching {
  windowDays: number;
  /** Posts this account published in the window (each thread counted once). */
  posts: number;
  /** Replies the account sent from the inbox in the window (engagements such as likes are not recorded yet). */
  repliesAndEngagements: number;
  /** Messages the public sent the account in the window: what there was to listen to. */
  inbound: number;
  /** posts ÷ (replies + engagements); null when the account neither posted nor answered. */
  talkToListen: number | null;
  /** Share of published posts with a sales-pitch finding, 0..1; null without posts. */
  pitchRatio: number | null;
  guidance: string[];
}

/**
 * How an account speaks: talk-to-listen (broadcasting against answering and engaging) and pitch
 * ratio (how much of what it says is selling), over the last 30 days, with what to do about it.
 * Replies come from the inbox (messages sent from it on this channel).
 */
export async function coachingOf(
  services: Pick<Services, "policy" | "brandSentiment"> & { db: Database },
  accountId: string,
  now = new Date(),
): Promise<Coaching> {
  const since = new Date(now.getTime() - WINDOW_DAYS * 86_400_000).toISOString();
  const published = await services.db
    .selectFrom("post_variants")
    .innerJoin("posts", "posts.id", "post_variants.post_id")
    .select(["post_variants.text", "posts.text as post_text"])
    .where("post_variants.account_id", "=", accountId)
    .where("post_variants.status", "=", "published")
    .where("post_variants.published_at", ">=", since)
    .execute();
  const { policy } = await services.policy.current();
  const pitching = published.filter((v) =>
    policy.check(v.text ?? v.post_text).some((f) => f.source === "netiquette" && f.ruleId === "sales-pitch"),
  );
  const posts = published.length;
  const pitchRatio = posts === 0 ? null : pitching.length / posts;
  const conversation = await services.db
    .selectFrom("inbox_messages")
    .select(["direction", (eb) => eb.fn.countAll<number>().as("n")])
    .where("account_id", "=", accountId)
    .where("sent_at", ">=", since)
    .where("direction", "in", ["in", "out"])
    .groupBy("direction")
    .execute();
  const countOf = (direction: string) => Number(conversation.find((c) => c.direction === direction)?.n ?? 0);
  const repliesAndEngagements = countOf("out");
  const inbound = countOf("in");
  const talkToListen = posts + repliesAndEngagements === 0 ? null : repliesAndEngagements === 0 ? posts : posts / repliesAndEngagements;
  const guidance: string[] = [];
  if (posts === 0) guidance.push("Nothing published in the last 30 days: an account that goes quiet loses its audience.");
  if (pitchRatio !== null && pitchRatio > 0.2) {
    guidance.push(
      `${Math.round(pitchRatio * 100)}% of posts read as sales pitches. Keep it under one in five: share insight, answer questions, show the people behind the brand.`,
    );
  } else if (pitchRatio !== null) {
    guidance.push("Selling stays in proportion: fewer than one post in five reads as a pitch.");
  }
  if (inbound > 0 && repliesAndEngagements === 0)
    guidance.push(`${inbound} messages came in and none was answered from here: people who write to a brand expect an answer.`);
  else if (talkToListen !== null && talkToListen > 1)
    guidance.push(
      `For every reply, ${talkToListen.toFixed(1)} posts went out: answer and engage more than you broadcast (aim for a ratio under 1).`,
    );
  else if (talkToListen !== null) guidance.push("More answering than broadcasting: the account listens.");
  else guidance.push("Aim to answer and engage more than you broadcast.");
  return { windowDays: WINDOW_DAYS, posts, repliesAndEngagements, inbound, talkToListen, pitchRatio, guidance };
}
