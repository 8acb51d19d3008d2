import type { Database } from "../../../db/database.js";
import type { SeriesSubject } from "../series.js";
import type { CrisisAlert } from "../types.js";

/** Messages carried in a webhook body, the latest first; the dashboard has them all. */
const MAX_MESSAGES = 50;
const MAX_TEXT = 1000;

/**
 * The JSON a crisis webhook receives for an alert (docs/crisis-detection.md, "Webhooks"). Built once when
 * the alert is recorded and stored with each delivery, so every retry sends the same bytes.
 */
export async function alertPayload(
  db: Database,
  input: { id: string; alert: CrisisAlert; subject: SeriesSubject; baseUrl: string },
): Promise<string> {
  const { alert, subject } = input;
  const ids = alert.messageIds.slice(-MAX_MESSAGES);
  const rows =
    ids.length === 0
      ? []
      : await db
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
          .where("inbox_messages.id", "in", ids)
          .orderBy("inbox_messages.sent_at", "desc")
          .execute();
  return JSON.stringify({
    event: "crisis.alert",
    alert: {
      id: input.id,
      series: alert.series,
      subject: { kind: subject.kind, id: subject.id, name: subject.name },
      severity: alert.severity,
      raisedAt: alert.raisedAt,
      spikeStart: alert.spikeStart,
      window: alert.window,
      baseline: alert.baseline,
      ratio: alert.ratio,
      zScore: alert.zScore,
      link: `${input.baseUrl}/crisis?alert=${input.id}`,
      messageCount: alert.messageIds.length,
      messages: rows.map((m) => ({
        id: m.id,
        conversationId: m.conversation_id,
        author: m.display_name,
        text: m.text.length > MAX_TEXT ? `${m.text.slice(0, MAX_TEXT)}…` : m.text,
        url: m.url,
        sentAt: m.sent_at,
        link: `${input.baseUrl}/inbox?conversation=${m.conversation_id}`,
      })),
    },
  });
}
