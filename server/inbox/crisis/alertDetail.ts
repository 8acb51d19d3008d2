import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { describeSeries, parseSeries, type SeriesSubject } from "./series.js";
import type { CrisisAlert } from "./types.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The chart shows two days before the spike began, and the baseline looks a week further back. */
const BEFORE_SPIKE_MS = 2 * DAY;
const BASELINE_DAYS = 7;
const AFTER_RAISED_MS = 2 * DAY;
/** The chart counts at most this many messages (a week and a bit of one series). */
const MAX_ROWS = 200_000;
const TEXT = 500;

export interface SeriesPoint {
  /** Start of the hour, ISO-8601 UTC. */
  hour: string;
  negative: number;
  total: number;
  /** Median negatives in the same hour of the 7 days before (null before there are any). */
  baseline: number | null;
}

export interface AlertMessage {
  id: string;
  conversationId: string;
  author: string | null;
  text: string;
  truncated: boolean;
  url: string | null;
  sentAt: string;
}

export interface AlertRow {
  id: string;
  series: string;
  severity: string;
  raised_at: string;
  spike_start: string;
  figures: string;
  message_ids: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution_note: string | null;
}

export type AlertFigures = Omit<CrisisAlert, "series" | "severity" | "raisedAt" | "spikeStart" | "messageIds">;

const floorHour = (ms: number) => Math.floor(ms / HOUR) * HOUR;
const median = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** The hourly negatives and totals of an alert's series around it, against the same hours of the week before. */
export async function seriesAround(
  db: Database,
  alert: Pick<AlertRow, "series" | "spike_start" | "raised_at">,
  nowMs = Date.now(),
): Promise<SeriesPoint[]> {
  const subject = parseSeries(alert.series);
  if (!subject) return [];
  const from = floorHour(Date.parse(alert.spike_start) - BEFORE_SPIKE_MS);
  const to = floorHour(Math.min(nowMs, Date.parse(alert.raised_at) + AFTER_RAISED_MS));
  const since = new Date(from - BASELINE_DAYS * DAY).toISOString();
  const until = new Date(to + HOUR).toISOString();
  const rows =
    subject.kind === "channel"
      ? await db
          .selectFrom("inbox_messages")
          .select(["sent_at", "sentiment"])
          .where("account_id", "=", subject.id)
          .where("direction", "=", "in")
          .where("sent_at", ">=", since)
          .where("sent_at", "<", until)
          .limit(MAX_ROWS)
          .execute()
      : await db
          .selectFrom("listening_hits")
          .innerJoin("inbox_messages", "inbox_messages.id", "listening_hits.message_id")
          .select(["listening_hits.sent_at", "inbox_messages.sentiment"])
          .where("listening_hits.topic_id", "=", subject.id)
          .where("listening_hits.sent_at", ">=", since)
          .where("listening_hits.sent_at", "<", until)
          .limit(MAX_ROWS)
          .execute();
  const negative = new Map<number, number>();
  const total = new Map<number, number>();
  for (const r of rows) {
    const hour = floorHour(Date.parse(r.sent_at));
    total.set(hour, (total.get(hour) ?? 0) + 1);
    if (r.sentiment === "negative") negative.set(hour, (negative.get(hour) ?? 0) + 1);
  }
  const firstSeen = rows.reduce((min, r) => Math.min(min, Date.parse(r.sent_at)), Number.POSITIVE_INFINITY);
  const points: SeriesPoint[] = [];
  for (let hour = from; hour <= to; hour += HOUR) {
    const previous: number[] = [];
    for (let d = 1; d <= BASELINE_DAYS; d++) {
      const h = hour - d * DAY;
      // Days before the series was first seen are not history.
      if (h >= floorHour(firstSeen)) previous.push(negative.get(h) ?? 0);
    }
    points.push({
      hour: new Date(hour).toISOString(),
      negative: negative.get(hour) ?? 0,
      total: total.get(hour) ?? 0,
      baseline: median(previous),
    });
  }
  return points;
}

/** The negative messages behind an alert, newest first, each text cut for the list. */
export async function messagesBehind(db: Database, messageIds: readonly string[]): Promise<AlertMessage[]> {
  if (messageIds.length === 0) return [];
  const rows = await db
    .selectFrom("inbox_messages")
    .leftJoin("inbox_contacts", "inbox_contacts.id", "inbox_messages.contact_id")
    .select([
      "inbox_messages.id",
      "inbox_messages.conversation_id",
      "inbox_messages.text",
      "inbox_messages.url",
      "inbox_messages.sent_at",
      "inbox_contacts.display_name",
    ])
    .where("inbox_messages.id", "in", [...messageIds])
    .orderBy("inbox_messages.sent_at", "desc")
    .execute();
  return rows.map((m) => ({
    id: m.id,
    conversationId: m.conversation_id,
    author: m.display_name,
    text: m.text.length > TEXT ? `${m.text.slice(0, TEXT)}…` : m.text,
    truncated: m.text.length > TEXT,
    url: m.url,
    sentAt: m.sent_at,
  }));
}

export async function loadAlert(db: Database, id: string): Promise<{ row: AlertRow; subject: SeriesSubject }> {
  const row = await db.selectFrom("inbox_crisis_alerts").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError(404, "alert_not_found", "That alert was not found.");
  const subject = (await describeSeries(db, [row.series])).get(row.series) as SeriesSubject;
  return { row, subject };
}
