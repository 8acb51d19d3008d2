import { randomUUID } from "node:crypto";
import type { Database } from "../db/database.js";

export interface NewNotification {
  kind: string;
  title: string;
  body?: string;
  /** A path in the web app, e.g. /accounts/<id>. */
  link?: string;
}

/**
 * Tells people something needs them, in the app. Runs in the caller's
 * transaction; the change that caused it carries the audit event. (Email
 * delivery joins when SMTP is configured; see the publishing issue.)
 */
export async function notify(db: Database, userIds: (string | null | undefined)[], n: NewNotification): Promise<number> {
  const recipients = [...new Set(userIds.filter((id): id is string => Boolean(id)))];
  if (recipients.length === 0) return 0;
  const now = new Date().toISOString();
  await db
    .insertInto("notifications")
    .values(
      recipients.map((user_id) => ({
        id: randomUUID(),
        user_id,
        kind: n.kind,
        title: n.title,
        body: n.body ?? "",
        link: n.link ?? null,
        created_at: now,
        read_at: null,
      })),
    )
    .execute();
  return recipients.length;
}
