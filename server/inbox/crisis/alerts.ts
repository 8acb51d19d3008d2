import { randomUUID } from "node:crypto";
import type { Database } from "../../db/database.js";
import { notifyLeads } from "../../posts/pause/notifyLeads.js";
import type { StoredMessage } from "../ingest/types.js";
import type { CrisisDetector } from "./detector.js";
import type { CrisisAlert } from "./types.js";

/** The series a stored message counts in: its channel's (the brand as people address it there). */
export const seriesOf = (message: StoredMessage) => [`channel:${message.accountId}`];

/**
 * Feeds what was just stored to the detector, in time order, and records the alerts it raises: each
 * kept with its figures and the messages behind it, and the social leads told in the app (and by email
 * when SMTP is set, like every notification).
 */
export async function observeStored(db: Database, detector: CrisisDetector, stored: readonly StoredMessage[]): Promise<CrisisAlert[]> {
  const alerts: CrisisAlert[] = [];
  const ordered = [...stored].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  for (const m of ordered)
    alerts.push(...detector.observe({ at: Date.parse(m.sentAt), series: seriesOf(m), negative: m.sentiment === "negative", id: m.id }));
  if (alerts.length > 0) await recordAlerts(db, alerts);
  return alerts;
}

async function recordAlerts(db: Database, alerts: readonly CrisisAlert[]) {
  const accounts = await db.selectFrom("accounts").select(["id", "handle", "network"]).execute();
  const nameOf = (series: string) => {
    const account = accounts.find((a) => series === `channel:${a.id}`);
    return account ? `${account.handle} (${account.network})` : series;
  };
  await db.transaction().execute(async (trx) => {
    for (const alert of alerts) {
      const { series, severity, raisedAt, spikeStart, messageIds, ...figures } = alert;
      await trx
        .insertInto("inbox_crisis_alerts")
        .values({
          id: randomUUID(),
          series,
          severity,
          raised_at: raisedAt,
          spike_start: spikeStart,
          figures: JSON.stringify(figures),
          message_ids: JSON.stringify(messageIds),
          acknowledged_at: null,
          acknowledged_by: null,
        })
        .execute();
      const share = Math.round(alert.window.negativeShare * 100);
      await notifyLeads(trx, null, {
        kind: "inbox.crisis-alert",
        title: `Negative spike on ${nameOf(series)}`,
        body: `${alert.window.negative} negative mentions (${share}% of ${alert.window.total}) against ${alert.baseline.negative.toFixed(0)} usually: ${alert.ratio.toFixed(1)}× (${severity}). Consider crisis mode before the next scheduled post goes out.`,
        link: "/inbox",
      });
    }
  });
}
