import { z } from "zod";
import { defineJob } from "../../jobs/job.js";
import { recordAlerts } from "./alerts.js";
import { dispatchDeliveries } from "./webhooks/queueDeliveries.js";

/** A delivery still pending this long after it was queued lost its job (the process stopped first). */
const ORPHANED_AFTER_MS = 5 * 60_000;

/**
 * Every minute: moves the detector's clock on (hours close, quiet episodes end, a flush can raise an alert),
 * and hands webhook deliveries whose job was lost back to the jobs system.
 */
export const crisisTickJob = defineJob({
  name: "inbox.crisis.tick",
  payload: z.object({}),
  retry: { attempts: 1, backoff: { type: "fixed", delayMs: 60_000 } },
  timeoutMs: 60_000,
  every: { ms: 60_000 },
  async run(_payload, { db, services }) {
    const alerts = services.crisisDetector.flush(Date.now());
    if (alerts.length > 0) await recordAlerts(services, alerts);
    const orphaned = await db
      .selectFrom("inbox_crisis_webhook_deliveries")
      .select("id")
      .where("status", "=", "pending")
      .where("created_at", "<", new Date(Date.now() - ORPHANED_AFTER_MS).toISOString())
      .limit(100)
      .execute();
    await dispatchDeliveries(
      services,
      orphaned.map((d) => d.id),
    );
  },
});
