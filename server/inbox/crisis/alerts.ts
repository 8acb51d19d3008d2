import { randomUUID } from "node:crypto";
import { systemActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { notify } from "../../notifications/notify.js";
import type { Services } from "../../services.js";
import type { StoredMessage } from "../ingest/types.js";
import { describeSeries, type SeriesSubject, seriesOf } from "./series.js";
import type { CrisisAlert } from "./types.js";
import { alertPayload } from "./webhooks/payload.js";
import { dispatchDeliveries, queueDeliveries } from "./webhooks/queueDeliveries.js";

/** What watching for spikes needs; `jobs` and `config` send webhooks and make links (absent in a few tests). */
export type CrisisDeps = Pick<Services, "db" | "crisisDetector"> & Partial<Pick<Services, "jobs" | "config">>;

/** A listening topic a stored message matched. */
export interface TopicHit {
  topicId: string;
  messageId: string;
}

export const topicIndex = (hits: readonly TopicHit[]) => {
  const byMessage = new Map<string, string[]>();
  for (const h of hits) {
    const list = byMessage.get(h.messageId);
    if (list) list.push(h.topicId);
    else byMessage.set(h.messageId, [h.topicId]);
  }
  return byMessage;
};

/**
 * Feeds what was just stored to the detector, in time order, one series per channel and per listening topic
 * matched, and records the alerts it raises (see recordAlerts).
 */
export async function observeStored(
  deps: CrisisDeps,
  stored: readonly StoredMessage[],
  topicHits: readonly TopicHit[] = [],
): Promise<CrisisAlert[]> {
  const alerts: CrisisAlert[] = [];
  const topics = topicIndex(topicHits);
  const ordered = [...stored].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  for (const m of ordered)
    alerts.push(
      ...deps.crisisDetector.observe({
        at: Date.parse(m.sentAt),
        series: seriesOf(m, topics),
        negative: m.sentiment === "negative",
        id: m.id,
      }),
    );
  if (alerts.length > 0) await recordAlerts(deps, alerts);
  return alerts;
}

const EXCERPT = 140;

/**
 * Keeps each alert with its figures and the messages behind it (audited, as the detector's act), tells the
 * social leads and admins in the app (the notifications job emails them when SMTP is configured), and queues
 * a signed POST to every enabled crisis webhook (sent by the jobs system, with retries).
 */
export async function recordAlerts(deps: CrisisDeps, alerts: readonly CrisisAlert[]): Promise<string[]> {
  const { db } = deps;
  const subjects = await describeSeries(
    db,
    alerts.map((a) => a.series),
  );
  const ids: string[] = [];
  const deliveries: string[] = [];
  await db.transaction().execute(async (trx) => {
    const watchers = await leadsAndAdmins(trx);
    for (const alert of alerts) {
      const id = randomUUID();
      ids.push(id);
      const subject = subjects.get(alert.series) as SeriesSubject;
      const { series, severity, raisedAt, spikeStart, messageIds, ...figures } = alert;
      await trx
        .insertInto("inbox_crisis_alerts")
        .values({
          id,
          series,
          severity,
          raised_at: raisedAt,
          spike_start: spikeStart,
          figures: JSON.stringify(figures),
          message_ids: JSON.stringify(messageIds),
          acknowledged_at: null,
          acknowledged_by: null,
          resolved_at: null,
          resolved_by: null,
          resolution_note: null,
        })
        .execute();
      const share = Math.round(alert.window.negativeShare * 100);
      const figuresLine = `${alert.window.negative} negative messages (${share}% of ${alert.window.total}) against ${alert.baseline.negative.toFixed(0)} usually: ${alert.ratio.toFixed(1)}× (${severity})`;
      await recordAudit(trx, systemActor("crisis detector"), {
        action: "inbox.crisis.alert_raised",
        targetType: "crisis_alert",
        targetId: id,
        summary: `Negative spike on ${subject.name}: ${figuresLine}`,
        changes: { series, severity, spikeStart, window: alert.window.kind, messages: messageIds.length },
      });
      const recent = messageIds.slice(-50);
      const latest =
        recent.length === 0
          ? []
          : await trx
              .selectFrom("inbox_messages")
              .select(["text", "sent_at"])
              .where("id", "in", recent)
              .orderBy("sent_at", "desc")
              .limit(3)
              .execute();
      const quotes = latest.map((m) => `“${m.text.length > EXCERPT ? `${m.text.slice(0, EXCERPT)}…` : m.text}”`);
      await notify(trx, watchers, {
        kind: "inbox.crisis-alert",
        title: `Negative spike on ${subject.name}`,
        body: `${figuresLine}. Consider crisis mode before the next scheduled post goes out.${quotes.length > 0 ? `\n\nLatest:\n${quotes.join("\n")}` : ""}`,
        link: `/crisis?alert=${id}`,
      });
      const body = await alertPayload(trx, { id, alert, subject, baseUrl: deps.config?.baseUrl ?? "" });
      deliveries.push(...(await queueDeliveries(trx, { event: "crisis.alert", alertId: id, body })));
    }
  });
  await dispatchDeliveries(deps, deliveries);
  return ids;
}

/** The people a spike concerns: every active social lead and administrator. */
async function leadsAndAdmins(db: Database): Promise<string[]> {
  const rows = await db
    .selectFrom("user_roles")
    .innerJoin("users", "users.id", "user_roles.user_id")
    .select("users.id")
    .where("user_roles.role", "in", ["lead", "admin"])
    .where("users.disabled_at", "is", null)
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}
