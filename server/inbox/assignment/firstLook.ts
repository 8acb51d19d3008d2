import { systemActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { type CompiledRules, route } from "../routing/rules.js";
import { canTake } from "./agents.js";
import { teamSettings } from "./teamSettings.js";

interface NewConversation {
  id: string;
  network: string;
  kind: string;
  account_id: string;
  subject: string;
  team_id: string | null;
  assignee_id: string | null;
}

/**
 * The routing rules again on the conversation's first message: they are pure, so this gives what they
 * gave when it arrived, including the SLA policy they name (ingestion stores team, assignee, priority
 * and tags; the queue worker decides the rest).
 */
async function routedPolicy(trx: Database, conversation: NewConversation, rules: CompiledRules): Promise<string | null> {
  const first = await trx
    .selectFrom("inbox_messages")
    .select(["text", "sentiment", "intent", "topic", "sent_at", "contact_id"])
    .where("conversation_id", "=", conversation.id)
    .where("direction", "=", "in")
    .orderBy("sent_at")
    .limit(1)
    .executeTakeFirst();
  if (!first) return null;
  const identity = first.contact_id
    ? await trx
        .selectFrom("inbox_identities")
        .select(["external_id", "handle"])
        .where("contact_id", "=", first.contact_id)
        .where("network", "=", conversation.network)
        .limit(1)
        .executeTakeFirst()
    : undefined;
  return route(rules, {
    accountId: conversation.account_id,
    network: conversation.network,
    kind: conversation.kind,
    text: first.text,
    sentiment: first.sentiment ?? "neutral",
    intent: first.intent ?? "other",
    topic: first.topic,
    author: { externalId: identity?.external_id ?? "", handle: identity?.handle ?? null },
    at: new Date(first.sent_at),
  }).slaPolicyId;
}

/**
 * What the queue decides once, when it first sees a conversation: its SLA policy (a routing rule's,
 * else its team's default), and whether the agent a routing rule named may take it (available and
 * under capacity); if not, it goes back to its team unassigned, for auto-assignment or a person.
 */
export async function firstLook(trx: Database, conversation: NewConversation, rules: CompiledRules, now: string): Promise<void> {
  const team = conversation.team_id ? await teamSettings(trx, conversation.team_id) : undefined;
  const policyId = (await routedPolicy(trx, conversation, rules)) ?? team?.sla_policy_id ?? null;
  const policyExists = policyId
    ? await trx.selectFrom("sla_policies").select("id").where("id", "=", policyId).executeTakeFirst()
    : undefined;
  if (policyExists)
    await trx.updateTable("inbox_conversations").set({ sla_policy_id: policyId }).where("id", "=", conversation.id).execute();
  if (!conversation.assignee_id || (await canTake(trx, conversation.assignee_id, true))) return;
  const claimed = await trx
    .updateTable("inbox_conversations")
    .set({ assignee_id: null, updated_at: now })
    .where("id", "=", conversation.id)
    .where("assignee_id", "=", conversation.assignee_id)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return;
  await recordAudit(trx, systemActor("routing"), {
    action: "inbox.conversation.assigned",
    targetType: "inbox_conversation",
    targetId: conversation.id,
    summary: `Routing's agent is away or at capacity: “${conversation.subject.slice(0, 80)}” stays with ${conversation.team_id ? "the team" : "nobody"}`,
    changes: { assigneeId: [conversation.assignee_id, null] },
  });
}
