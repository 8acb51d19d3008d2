import { randomUUID } from "node:crypto";
import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { AppError, notFound } from "../../errors.js";
import type { JobQueue } from "../../jobs/queue.js";
import { deliverLeadJob } from "./deliverJob.js";
import { readLeadWebhook } from "./webhookSettings.js";

export interface LeadInput {
  name: string;
  company: string;
  email: string;
  note: string;
}

/** Queues the lead's delivery to sales (a new delivery id each time), in the caller's transaction; false without a webhook. */
async function queueDelivery(trx: Database, conversationId: string): Promise<string | undefined> {
  const hook = await readLeadWebhook(trx);
  if (!hook?.enabled) return undefined;
  const deliveryId = randomUUID();
  await trx
    .updateTable("inbox_leads")
    .set({ delivery_status: "pending", delivery_id: deliveryId, attempts: 0, last_error: null })
    .where("conversation_id", "=", conversationId)
    .execute();
  return deliveryId;
}

const dispatch = async (jobs: JobQueue | undefined, conversationId: string, deliveryId: string | undefined) => {
  if (jobs && deliveryId) await jobs.dispatch(deliverLeadJob, { conversationId, deliveryId }, { dedupeKey: `lead-webhook:${deliveryId}` });
};

/**
 * Marks a conversation as a sales lead (or changes the lead's fields). A new lead goes to sales at once
 * when the sales webhook is on; a change does not send it again (Send again does). Audited.
 */
export async function markLead(
  db: Database,
  jobs: JobQueue | undefined,
  audit: AuditActor,
  userId: string,
  conversationId: string,
  input: LeadInput,
) {
  const now = new Date().toISOString();
  const fields = { name: input.name.trim(), company: input.company.trim(), email: input.email.trim(), note: input.note.trim() };
  const { deliveryId, created } = await db.transaction().execute(async (trx) => {
    const conversation = await trx
      .selectFrom("inbox_conversations")
      .select(["id", "subject"])
      .where("id", "=", conversationId)
      .executeTakeFirst();
    if (!conversation) throw notFound("Conversation", "conversation_not_found");
    const before = await trx.selectFrom("inbox_leads").selectAll().where("conversation_id", "=", conversationId).executeTakeFirst();
    if (before) {
      const changes: Record<string, [unknown, unknown]> = {};
      for (const key of ["name", "company", "email", "note"] as const)
        if (before[key] !== fields[key]) changes[key] = [before[key], fields[key]];
      if (Object.keys(changes).length === 0) return { deliveryId: undefined, created: false };
      await trx
        .updateTable("inbox_leads")
        .set({ ...fields, updated_at: now })
        .where("conversation_id", "=", conversationId)
        .execute();
      await recordAudit(trx, audit, {
        action: "inbox.lead.updated",
        targetType: "inbox_conversation",
        targetId: conversationId,
        summary: `Changed the lead ${fields.name || fields.company || fields.email}`,
        changes,
      });
      return { deliveryId: undefined, created: false };
    }
    await trx
      .insertInto("inbox_leads")
      .values({
        conversation_id: conversationId,
        ...fields,
        marked_by: userId,
        marked_at: now,
        updated_at: now,
        delivery_status: "not_sent",
        delivery_id: null,
        attempts: 0,
        last_error: null,
        sent_at: null,
      })
      .execute();
    const queued = await queueDelivery(trx, conversationId);
    await recordAudit(trx, audit, {
      action: "inbox.lead.marked",
      targetType: "inbox_conversation",
      targetId: conversationId,
      summary: `Marked “${conversation.subject.slice(0, 80)}” as a lead${queued ? " and sent it to sales" : ""}`,
      changes: { ...fields, sentToSales: Boolean(queued) },
    });
    return { deliveryId: queued, created: true };
  });
  await dispatch(jobs, conversationId, deliveryId);
  return created;
}

/** Sends a lead to sales again (after a failure, or a change). 409 `lead_webhook_not_configured` without a webhook on. Audited. */
export async function resendLead(db: Database, jobs: JobQueue | undefined, audit: AuditActor, conversationId: string) {
  const deliveryId = await db.transaction().execute(async (trx) => {
    const lead = await trx.selectFrom("inbox_leads").select(["name"]).where("conversation_id", "=", conversationId).executeTakeFirst();
    if (!lead) throw notFound("Lead", "lead_not_found");
    const queued = await queueDelivery(trx, conversationId);
    if (!queued)
      throw new AppError(
        409,
        "lead_webhook_not_configured",
        "No sales webhook is switched on: an administrator sets it in the inbox settings.",
      );
    await recordAudit(trx, audit, {
      action: "inbox.lead.sent",
      targetType: "inbox_conversation",
      targetId: conversationId,
      summary: `Sent the lead ${lead.name} to sales again`,
      changes: { deliveryId: queued },
    });
    return queued;
  });
  await dispatch(jobs, conversationId, deliveryId);
}

/** The conversation is no lead after all. Audited. */
export async function unmarkLead(db: Database, audit: AuditActor, conversationId: string) {
  await db.transaction().execute(async (trx) => {
    const lead = await trx.selectFrom("inbox_leads").selectAll().where("conversation_id", "=", conversationId).executeTakeFirst();
    if (!lead) throw notFound("Lead", "lead_not_found");
    await trx.deleteFrom("inbox_leads").where("conversation_id", "=", conversationId).execute();
    await recordAudit(trx, audit, {
      action: "inbox.lead.unmarked",
      targetType: "inbox_conversation",
      targetId: conversationId,
      summary: `No longer a lead: ${lead.name || lead.company || lead.email}`,
      changes: { name: [lead.name, null], company: [lead.company, null], email: [lead.email, null] },
    });
  });
}
