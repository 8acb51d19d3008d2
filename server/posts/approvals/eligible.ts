import type { Database } from "../../db/database.js";
import type { Approver } from "./model.js";

/**
 * The active people who may decide a step: its users and the members of its teams, less those
 * who may not approve this post (its author and whoever submitted it).
 */
export async function eligibleApprovers(db: Database, approvers: readonly Approver[], excluded: readonly string[]): Promise<string[]> {
  const userIds = approvers.filter((a) => a.type === "user").map((a) => a.id);
  const teamIds = approvers.filter((a) => a.type === "team").map((a) => a.id);
  if (userIds.length === 0 && teamIds.length === 0) return [];
  const rows = await db
    .selectFrom("users")
    .select("id")
    .where("disabled_at", "is", null)
    .where((eb) => {
      const either = [];
      if (userIds.length > 0) either.push(eb("id", "in", userIds));
      if (teamIds.length > 0) either.push(eb("id", "in", eb.selectFrom("team_members").select("user_id").where("team_id", "in", teamIds)));
      return eb.or(either);
    })
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id).filter((id) => !excluded.includes(id));
}

/** Users who hold publish on an account: its owner, social leads and admins, and grants to them or their teams. */
export async function publishersOf(db: Database, accountId: string): Promise<string[]> {
  const account = await db.selectFrom("accounts").select("owner_id").where("id", "=", accountId).executeTakeFirst();
  const leads = await db.selectFrom("user_roles").select("user_id").where("role", "in", ["admin", "lead"]).execute();
  const grants = await db
    .selectFrom("account_grants")
    .select(["subject_type", "subject_id"])
    .where("account_id", "=", accountId)
    .where("permission", "in", ["publish", "manage"])
    .execute();
  const approvers: Approver[] = [
    ...leads.map((l) => ({ type: "user" as const, id: l.user_id })),
    ...(account?.owner_id ? [{ type: "user" as const, id: account.owner_id }] : []),
    ...grants.map((g) => ({ type: g.subject_type === "team" ? ("team" as const) : ("user" as const), id: g.subject_id })),
  ];
  return eligibleApprovers(db, approvers, []);
}
