import type { Database } from "../../db/database.js";
import { prepared } from "../../db/preparedQuery.js";
import type { BrandSentimentSource } from "../../policy/service/sentiment.js";

const HOUR = 3_600_000;
/** The recent window, and the baseline before it. */
const WINDOW_HOURS = 24;
const BASELINE_DAYS = 7;
/** Fewer inbound messages than this say nothing about the brand's mood. */
const MIN_MENTIONS = 20;
/** Figures are re-read at most this often (the composer checks drafts as people type). */
const CACHE_MS = 60_000;

const countsBetween = prepared<[string, string], { sentiment: string | null; n: number }>(2, (db, from, to) =>
  db
    .selectFrom("inbox_messages")
    .select((eb) => ["sentiment", eb.fn.countAll<number>().as("n")])
    .where("sent_at", ">=", from)
    .where("sent_at", "<", to)
    .where("direction", "=", "in")
    .groupBy("sentiment"),
);

const crisisInForce = prepared<[], { reason: string }>(0, (db) =>
  db.selectFrom("inbox_crisis_modes").select("reason").where("ended_at", "is", null).orderBy("started_at", "desc").limit(1),
);

const shares = (rows: readonly { sentiment: string | null; n: number }[]) => {
  const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
  const negative = Number(rows.find((r) => r.sentiment === "negative")?.n ?? 0);
  return { total, share: total > 0 ? negative / total : 0 };
};

/**
 * The brand's mood as the policy's campaign-risk check reads it, from what the inbox classified:
 * negative when at least MIN_MENTIONS arrived in the last day and their negative share is both over
 * half and well above the week before (1.25×, or any rise when there is no baseline); and whether crisis
 * mode is on. Reads run on the embedded database's read-only connection (never blocking a write in
 * progress) and are kept a minute.
 */
export function inboxBrandSentiment(db: Database, clock: () => number = Date.now): BrandSentimentSource {
  let cached: { at: number; mood: Awaited<ReturnType<BrandSentimentSource["current"]>> } | undefined;
  const mood = async (now: number) => {
    if (cached && now - cached.at < CACHE_MS) return cached.mood;
    const iso = (ms: number) => new Date(ms).toISOString();
    const windowStart = now - WINDOW_HOURS * HOUR;
    const [recentRows, baselineRows] = await Promise.all([
      countsBetween(db, iso(windowStart), iso(now + 60_000)),
      countsBetween(db, iso(windowStart - BASELINE_DAYS * 24 * HOUR), iso(windowStart)),
    ]);
    const recent = shares(recentRows);
    const baseline = shares(baselineRows);
    const negative =
      recent.total >= MIN_MENTIONS && recent.share > 0.5 && (baseline.total < MIN_MENTIONS || recent.share >= baseline.share * 1.25);
    const figures = {
      negative_share: Math.round(recent.share * 1000) / 1000,
      mentions: recent.total,
      window_hours: WINDOW_HOURS,
      ...(baseline.total >= MIN_MENTIONS ? { baseline_negative_share: Math.round(baseline.share * 1000) / 1000 } : {}),
    };
    cached = {
      at: now,
      mood: recent.total > 0 ? { brand_sentiment: negative ? "negative" : "neutral", sentiment_figures: figures } : {},
    };
    return cached.mood;
  };
  return {
    async current() {
      // Crisis mode is read every time (one indexed row): starting it must count at once.
      const [recent, crisis] = await Promise.all([mood(clock()), crisisInForce(db)]);
      return { ...recent, ...(crisis[0] ? { crisis: true, crisis_reason: crisis[0].reason } : {}) };
    },
  };
}
