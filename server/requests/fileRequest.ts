import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { badRequest } from "../errors.js";
import type { Actor } from "../identity/actor.js";
import { visibleTo } from "../kb/model.js";
import { DEFLECTION_WINDOW_DAYS, markRequestFiled, solvedSessionsSince } from "../kb/suggestions.js";
import { calendarsById, policyById, typeByKey } from "./config.js";
import { notifyApprovers, notifyRequester, notifyWorkers } from "./notifyRequest.js";
import { startCycle } from "./slaCycles.js";
import type { RequestRow } from "./store.js";
import { validateFields } from "./validateFields.js";
import { recordRogueAccount } from "./workflows/reportRogue.js";

export interface FileInput {
  type: string;
  subject: string;
  description: string;
  fields: Record<string, string>;
  accountId: string | null;
  articleId: string | null;
  suggestionSessionId: string | null;
}

/** The account, if this person may see it; otherwise the same answer as for one that does not exist. */
async function checkAccount(trx: Database, actor: Actor, accountId: string | null) {
  if (!accountId) return;
  const row = actor.permissions.has("accounts.read")
    ? await trx.selectFrom("accounts").select("id").where("id", "=", accountId).executeTakeFirst()
    : undefined;
  if (!row) throw badRequest("unknown_account", "There is no such account.");
}

/**
 * Files a request: numbers it, puts it in its type's queue, starts its SLA clocks, runs what its
 * type's workflow does at filing, ties it to the knowledge-base suggestion session, and tells the
 * requester and the queue.
 */
export async function fileRequest(db: Database, audit: AuditActor, actor: Actor, input: FileInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const type = await typeByKey(trx, input.type);
    if (!type?.enabled) throw badRequest("unknown_request_type", "There is no such request type.");
    const fields = await validateFields(trx, type.fields, input.fields, input.accountId);
    await checkAccount(trx, actor, input.accountId);
    if (input.articleId) {
      const article = await trx.selectFrom("kb_articles").select("visibility").where("id", "=", input.articleId).executeTakeFirst();
      if (!article || !visibleTo(actor).includes(article.visibility as never))
        throw badRequest("unknown_article", "There is no such article.");
    }
    const counter = await trx
      .updateTable("request_counter")
      .set((eb) => ({ value: eb("value", "+", 1) }))
      .where("id", "=", "requests")
      .returning("value")
      .executeTakeFirstOrThrow();
    const policy = await policyById(trx, type.policyId);
    const calendar = (await calendarsById(trx, [policy.calendarId])).get(policy.calendarId);
    if (!calendar) throw badRequest("sla_calendar_not_found", "The request type's SLA calendar is missing.");
    const now = Date.now();
    const at = new Date(now).toISOString();
    const id = randomUUID();
    const rogue = type.workflow === "rogue_report" ? await recordRogueAccount(trx, audit, fields) : null;
    const needsApproval =
      type.workflow === "new_account" || (type.workflow === "access" && Boolean(fields.permission) && Boolean(input.accountId));
    const row: RequestRow = {
      id,
      number: Number(counter.value),
      type: type.key,
      queue_id: type.queueId,
      policy_id: policy.id,
      subject: input.subject,
      description: input.description,
      fields: JSON.stringify(fields),
      status: "new",
      priority: type.defaultPriority,
      requester_id: actor.user.id,
      assignee_id: null,
      account_id: rogue?.accountId ?? input.accountId,
      article_id: input.articleId,
      suggestion_session_id: input.suggestionSessionId,
      approval: needsApproval ? "pending" : null,
      decided_by: null,
      decided_at: null,
      outcome: rogue ? JSON.stringify({ accountId: rogue.accountId, accountCreated: String(rogue.created) }) : null,
      checklist: rogue ? JSON.stringify(rogue.checklist) : null,
      rating: null,
      rating_comment: null,
      rated_at: null,
      first_responded_at: null,
      resolved_at: null,
      closed_at: null,
      reopen_count: 0,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto("requests").values(row).execute();
    await startCycle(trx, id, "first_response", policy, calendar, now, true);
    await startCycle(trx, id, "resolution", policy, calendar, now, true);

    if (input.suggestionSessionId) await markRequestFiled(trx, audit, input.suggestionSessionId, actor.user.id, { id, type: type.key });
    // Said "this solved it" for this type within the window, yet here again: those sessions were not deflections.
    const since = new Date(now - DEFLECTION_WINDOW_DAYS * 86_400_000).toISOString();
    for (const s of await solvedSessionsSince(trx, actor.user.id, type.key, since)) {
      if (s.requestId === null && s.id !== input.suggestionSessionId)
        await markRequestFiled(trx, audit, s.id, actor.user.id, { id, type: type.key });
    }

    await recordAudit(trx, audit, {
      action: "request.filed",
      targetType: "request",
      targetId: id,
      summary: `Filed request #${row.number} (${type.name}): ${input.subject}`,
      changes: { type: type.key, queue: type.queueId, priority: row.priority, accountId: row.account_id, approval: row.approval },
    });
    const queue = await trx.selectFrom("request_queues").select("name").where("id", "=", type.queueId).executeTakeFirst();
    await notifyRequester(
      trx,
      row,
      "request.received",
      `We got your request #${row.number}`,
      `“${input.subject}” is with ${queue?.name ?? "the help desk"}.`,
    );
    await notifyWorkers(trx, row, actor.user.id, "request.new", `New request #${row.number}: ${input.subject}`, type.name);
    if (needsApproval) await notifyApprovers(trx, row, `Request #${row.number} needs your approval: ${input.subject}`);
    return row.number;
  });
}
