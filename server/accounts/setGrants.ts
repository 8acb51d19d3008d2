import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { AppError, notFound } from "../errors.js";
import type { GrantPermission, GrantSubject } from "./model.js";

export interface GrantInput {
  subjectType: GrantSubject;
  subjectId: string;
  permissions: GrantPermission[];
}

const describe = (rows: { subject_type: string; subject_id: string; permission: string }[]) =>
  rows.map((r) => `${r.subject_type}:${r.subject_id}:${r.permission}`).sort();

/** Replaces who has which access to an account; records the difference. */
export async function setAccountGrants(db: Database, actor: AuditActor, accountId: string, grants: GrantInput[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const account = await trx.selectFrom("accounts").select(["id", "network", "handle"]).where("id", "=", accountId).executeTakeFirst();
    if (!account) throw notFound("Account", "account_not_found");
    for (const type of ["user", "team"] as const) {
      const ids = [...new Set(grants.filter((g) => g.subjectType === type).map((g) => g.subjectId))];
      if (ids.length === 0) continue;
      const table = type === "user" ? "users" : "teams";
      const found = await trx.selectFrom(table).select("id").where("id", "in", ids).execute();
      if (found.length !== ids.length) {
        const known = new Set(found.map((f) => f.id));
        throw new AppError(400, `unknown_${type}`, `Some ${type}s in the grants do not exist.`, {
          details: { ids: ids.filter((id) => !known.has(id)) },
        });
      }
    }
    const before = await trx.selectFrom("account_grants").selectAll().where("account_id", "=", accountId).execute();
    const now = new Date().toISOString();
    const rows = grants.flatMap((g) =>
      [...new Set(g.permissions)].map((permission) => ({
        account_id: accountId,
        subject_type: g.subjectType,
        subject_id: g.subjectId,
        permission,
        granted_by: actor.actorId,
        created_at: now,
      })),
    );
    const seen = new Set<string>();
    const unique = rows.filter((r) => {
      const key = `${r.subject_type}:${r.subject_id}:${r.permission}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const removed = describe(before).filter((k) => !seen.has(k));
    const added = [...seen].filter((k) => !describe(before).includes(k)).sort();
    if (removed.length === 0 && added.length === 0) return;
    await trx.deleteFrom("account_grants").where("account_id", "=", accountId).execute();
    if (unique.length > 0) await trx.insertInto("account_grants").values(unique).execute();
    await recordAudit(trx, actor, {
      action: "account.grants_changed",
      targetType: "account",
      targetId: accountId,
      summary: `Changed access to ${account.network} account ${account.handle}: ${added.length} granted, ${removed.length} revoked`,
      changes: { added, removed },
    });
  });
}
