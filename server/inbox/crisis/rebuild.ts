import type { Database } from "../../db/database.js";
import { type CrisisDeps, recordAlerts, topicIndex } from "./alerts.js";
import { seriesOf } from "./series.js";
import { defaultCrisisThresholds } from "./thresholds.js";
import type { CrisisAlert } from "./types.js";

const DAY = 86_400_000;
const PAGE = 5_000;
/** An alert the warm-up raises this long before now is old news: the surge was missed while nobody ran. */
const FRESH_MS = DAY;

export interface RebuildResult {
  messages: number;
  /** Alerts raised in the replay that the database did not have yet (recorded, people told). */
  recorded: number;
  /** Alerts raised in the replay for episodes already recorded, or too old to tell anyone about. */
  known: number;
}

/**
 * Rebuilds the detector's rolling state after a restart by replaying the stored inbound messages of the
 * days it keeps (the baseline's, today and one more) in time order, with the listening topics they matched,
 * then moving its clock to `now`. A surge that spans the restart is then judged on all its messages, and a
 * calm series keeps the history that tells it is calm. Run once, before live traffic (createServices).
 *
 * The replay raises again the alerts of episodes still within reach; one is recorded only if no alert of
 * that series was raised since the episode's spike began (the database knows it) and it is from the last day.
 */
export async function rebuildCrisisDetector(deps: CrisisDeps, options: { now?: Date; baselineDays?: number } = {}): Promise<RebuildResult> {
  const { db, crisisDetector: detector } = deps;
  const now = options.now ?? new Date();
  const keptDays = (options.baselineDays ?? defaultCrisisThresholds.baselineDays) + 2;
  const since = new Date(now.getTime() - keptDays * DAY).toISOString();
  const until = now.toISOString();
  const topicIds = (await db.selectFrom("listening_topics").select("id").where("enabled", "=", 1).execute()).map((t) => t.id);
  const raised: CrisisAlert[] = [];
  let messages = 0;
  let after: { sentAt: string; id: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom("inbox_messages")
      .select(["id", "account_id", "sentiment", "sent_at"])
      .where("direction", "=", "in")
      .where("sent_at", ">=", since)
      .where("sent_at", "<=", until);
    if (after) {
      const cursor: { sentAt: string; id: string } = after;
      query = query.where((eb) =>
        eb.or([eb("sent_at", ">", cursor.sentAt), eb.and([eb("sent_at", "=", cursor.sentAt), eb("id", ">", cursor.id)])]),
      );
    }
    const page = await query.orderBy("sent_at").orderBy("id").limit(PAGE).execute();
    if (page.length === 0) break;
    const first = page[0] as (typeof page)[number];
    const last = page[page.length - 1] as (typeof page)[number];
    const hits = await topicHitsBetween(db, topicIds, first.sent_at, last.sent_at);
    const topics = topicIndex(hits);
    for (const m of page)
      raised.push(
        ...detector.observe({
          at: Date.parse(m.sent_at),
          series: seriesOf({ id: m.id, accountId: m.account_id }, topics),
          negative: m.sentiment === "negative",
          id: m.id,
        }),
      );
    messages += page.length;
    after = { sentAt: last.sent_at, id: last.id };
    if (page.length < PAGE) break;
  }
  raised.push(...detector.flush(now));

  const fresh: CrisisAlert[] = [];
  let known = 0;
  for (const alert of raised) {
    const recorded = await db
      .selectFrom("inbox_crisis_alerts")
      .select("id")
      .where("series", "=", alert.series)
      .where("raised_at", ">=", alert.spikeStart)
      .executeTakeFirst();
    if (recorded || Date.parse(alert.raisedAt) < now.getTime() - FRESH_MS) known++;
    else fresh.push(alert);
  }
  if (fresh.length > 0) await recordAlerts(deps, fresh);
  return { messages, recorded: fresh.length, known };
}

async function topicHitsBetween(db: Database, topicIds: readonly string[], from: string, to: string) {
  if (topicIds.length === 0) return [];
  const rows = await db
    .selectFrom("listening_hits")
    .select(["topic_id", "message_id"])
    .where("topic_id", "in", [...topicIds])
    .where("sent_at", ">=", from)
    .where("sent_at", "<=", to)
    .execute();
  return rows.map((r) => ({ topicId: r.topic_id, messageId: r.message_id }));
}
