import { randomUUID } from "node:crypto";
import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { AppError, badRequest } from "../../errors.js";
import type { Actor } from "../../identity/actor.js";
import { notifyLeads } from "./notifyLeads.js";
import type { PauseInputType } from "./schema.js";

/** What the scope is called, checking that the account or campaign exists. */
async function labelOf(db: Database, input: PauseInputType): Promise<string> {
  if (input.scope === "all") {
    if (input.scopeId) throw badRequest("scope_id_not_allowed", "A pause of everything names no account or campaign: leave scopeId out.");
    return "Everything";
  }
  if (!input.scopeId) {
    throw badRequest("scope_id_required", `Name the ${input.scope === "account" ? "channel" : "campaign"} to pause (scopeId).`);
  }
  if (input.scope === "account") {
    const account = await db.selectFrom("accounts").select(["handle", "network"]).where("id", "=", input.scopeId).executeTakeFirst();
    if (!account) throw new AppError(404, "account_not_found", "That channel was not found.");
    return `${account.handle} (${account.network})`;
  }
  const campaign = await db.selectFrom("campaigns").select("name").where("id", "=", input.scopeId).executeTakeFirst();
  if (!campaign) throw new AppError(404, "campaign_not_found", "That campaign was not found.");
  return campaign.name;
}

/**
 * Puts a pause in force: from now on the publish engine holds what falls due in its scope (neither
 * sent nor marked missed) until the pause is resumed. Several pauses may be in force at once, but
 * not two on the same scope.
 */
export async function pausePublishing(db: Database, actor: Actor, audit: AuditActor, input: PauseInputType): Promise<string> {
  const reason = input.reason.trim();
  if (!reason) throw badRequest("reason_required", "Say why publishing is paused: the reason is shown to everyone who sees the banner.");
  const scopeLabel = await labelOf(db, input);
  const scopeId = input.scope === "all" ? null : (input.scopeId ?? null);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("publish_pauses")
      .select("id")
      .where("resumed_at", "is", null)
      .where("scope", "=", input.scope)
      .where("scope_id", scopeId === null ? "is" : "=", scopeId)
      .executeTakeFirst();
    if (existing) {
      throw new AppError(409, "already_paused", `${scopeLabel} is already paused.`, { details: { pauseId: existing.id } });
    }
    await trx
      .insertInto("publish_pauses")
      .values({
        id,
        scope: input.scope,
        scope_id: scopeId,
        scope_label: scopeLabel,
        reason,
        paused_by: actor.user.id,
        paused_at: new Date().toISOString(),
        resumed_by: null,
        resumed_at: null,
      })
      .execute();
    await recordAudit(trx, audit, {
      action: "publishing.paused",
      targetType: "publish_pause",
      targetId: id,
      summary: `Paused publishing: ${scopeLabel}. Reason: ${reason}`,
      changes: { scope: input.scope, scopeId, reason },
    });
    await notifyLeads(trx, actor.user.id, {
      kind: "publishing.paused",
      title: `Publishing paused: ${scopeLabel}`,
      body: `${actor.user.name} paused publishing. Reason: ${reason}. Posts that fall due are held until someone resumes.`,
      link: "/publishing",
    });
  });
  return id;
}
