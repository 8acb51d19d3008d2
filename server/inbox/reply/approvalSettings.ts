import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { badRequest } from "../../errors.js";
import type { Actor } from "../../identity/actor.js";
import type { Role } from "../../identity/roles.js";

const KEY = "reply_approval";

/**
 * Whose inbox replies wait for a lead's approval: people holding one of `roles`, on the channels in
 * `accountIds` (the organisation's corporate accounts, say), or on every channel when it is empty.
 * People who may approve (`inbox.manage`: leads, admins) never wait, whatever else they hold.
 */
export interface ReplyApproval {
  roles: Role[];
  accountIds: string[];
}

export const NO_APPROVAL: ReplyApproval = { roles: [], accountIds: [] };

export async function readReplyApproval(db: Database): Promise<ReplyApproval> {
  const row = await db.selectFrom("inbox_settings").select("value").where("key", "=", KEY).executeTakeFirst();
  if (!row) return NO_APPROVAL;
  const value = JSON.parse(row.value) as Partial<ReplyApproval>;
  return { roles: value.roles ?? [], accountIds: value.accountIds ?? [] };
}

export async function needsApproval(db: Database, actor: Actor, accountId: string): Promise<boolean> {
  if (actor.permissions.has("inbox.manage")) return false;
  const config = await readReplyApproval(db);
  if (!actor.roles.some((r) => config.roles.includes(r))) return false;
  return config.accountIds.length === 0 || config.accountIds.includes(accountId);
}

/** An administrator sets whose replies need approval. Audited with the before and after. */
export async function saveReplyApproval(db: Database, audit: AuditActor, input: ReplyApproval, at = new Date()) {
  const now = at.toISOString();
  const next: ReplyApproval = { roles: [...new Set(input.roles)].sort(), accountIds: [...new Set(input.accountIds)].sort() };
  await db.transaction().execute(async (trx) => {
    if (next.accountIds.length > 0) {
      const found = await trx.selectFrom("accounts").select("id").where("id", "in", next.accountIds).execute();
      const missing = next.accountIds.find((id) => !found.some((f) => f.id === id));
      if (missing) throw badRequest("account_not_found", "No channel has that id.", { accountId: missing });
    }
    const before = await readReplyApproval(trx);
    if (JSON.stringify(before) === JSON.stringify(next)) return;
    const value = JSON.stringify(next);
    await trx
      .insertInto("inbox_settings")
      .values({ key: KEY, value, updated_at: now })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now }))
      .execute();
    await recordAudit(trx, audit, {
      action: "inbox.reply_approval.saved",
      targetType: "inbox_settings",
      targetId: KEY,
      summary: next.roles.length === 0 ? "Inbox replies need no approval" : `Inbox replies by ${next.roles.join(", ")} need approval`,
      changes: { roles: [before.roles, next.roles], accountIds: [before.accountIds, next.accountIds] },
    });
  });
}
