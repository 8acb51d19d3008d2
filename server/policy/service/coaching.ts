import type { Database } from "../../db/database.js";
import type { Services } from "../../services.js";

const WINDOW_DAYS = 30;

export interface Coaching {
  windowDays: number;
  /** Posts this account published in the window (each thread counted once). */
  posts: number;
  /** Replies and engagements (likes, shares) the account made; null until the inbox records them. */
  repliesAndEngagements: number | null;
  /** posts ÷ (replies + engagements); null when either is unknown or there was nothing to listen to. */
  talkToListen: number | null;
  /** Share of published posts with a sales-pitch finding, 0..1; null without posts. */
  pitchRatio: number | null;
  guidance: string[];
}

/**
 * How an account speaks: talk-to-listen (broadcasting against answering and engaging) and pitch
 * ratio (how much of what it says is selling), over the last 30 days, with what to do about it.
 * Replies and engagements come from the inbox; until it records them that half is unknown.
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
  const repliesAndEngagements: number | null = null;
  const guidance: string[] = [];
  if (posts === 0) guidance.push("Nothing published in the last 30 days: an account that goes quiet loses its audience.");
  if (pitchRatio !== null && pitchRatio > 0.2) {
    guidance.push(
      `${Math.round(pitchRatio * 100)}% of posts read as sales pitches. Keep it under one in five: share insight, answer questions, show the people behind the brand.`,
    );
  } else if (pitchRatio !== null) {
    guidance.push("Selling stays in proportion: fewer than one post in five reads as a pitch.");
  }
  guidance.push(
    repliesAndEngagements === null
      ? "Talk-to-listen needs the inbox's replies and engagements; it appears once the inbox records them. Aim to answer and engage more than you broadcast."
      : "Aim to answer and engage more than you broadcast.",
  );
  return { windowDays: WINDOW_DAYS, posts, repliesAndEngagements, talkToListen: null, pitchRatio, guidance };
}
