import { randomUUID } from "node:crypto";
import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { notify } from "../../notifications/notify.js";
import { slaRecipients } from "../sla/watchSlas.js";
import { type HeldReplyView, presentHeldReply } from "./heldReplies.js";

/**
 * Keeps a reply that needs approval instead of sending it: nothing goes to the network, the
 * conversation's clocks keep running (the customer is still waiting), and the leads are told
 * (the team's leads, else every lead). Audited.
 */
export async function holdReply(
  db: Database,
  audit: AuditActor,
  conversation: { id: string; subject: string; team_id: string | null },
  authorUserId: string,
  text: string,
  findings: readonly unknown[],
): Promise<HeldReplyView> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("inbox_held_replies")
      .values({
        id,
        conversation_id: conversation.id,
        author_user_id: authorUserId,
        text,
        findings: JSON.stringify(findings),
        status: "waiting",
        comment: null,
        decided_by: null,
        decided_at: null,
        message_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAudit(trx, audit, {
      action: "inbox.reply.held",
      targetType: "inbox_conversation",
      targetId: conversation.id,
      summary: `Reply held for approval on “${conversation.subject.slice(0, 80)}”`,
      changes: { heldReplyId: id, length: text.length },
    });
    const leads = (await slaRecipients(trx, { assignee_id: null, team_id: conversation.team_id })).filter((u) => u !== authorUserId);
    await notify(trx, leads, {
      kind: "inbox.reply_waiting",
      title: "A reply is waiting for your approval",
      body: text.slice(0, 200),
      link: `/inbox/approvals`,
    });
  });
  const held = await presentHeldReply(db, id);
  if (!held) throw new Error("held reply vanished");
  return held;
}
