import { z } from "zod";
import type { Database } from "../db/database.js";
import { ROLES } from "../identity/roles.js";

/** Who a campaign asks: everyone, people with one of some roles, or members of some teams. */
export const Audience = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("everyone") }),
  z.strictObject({ kind: z.literal("roles"), roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length) }),
  z.strictObject({ kind: z.literal("teams"), teamIds: z.array(z.string().max(100)).min(1).max(200) }),
]);
export type Audience = z.infer<typeof Audience>;

export const parseAudience = (json: string): Audience => Audience.parse(JSON.parse(json));

/** The enabled people a campaign's audience names. */
export async function audienceMembers(db: Database, audience: Audience): Promise<{ id: string; name: string; email: string }[]> {
  let query = db.selectFrom("users").select(["users.id", "users.name", "users.email"]).where("users.disabled_at", "is", null);
  if (audience.kind === "roles") {
    query = query.where("users.id", "in", db.selectFrom("user_roles").select("user_id").where("role", "in", audience.roles));
  } else if (audience.kind === "teams") {
    query = query.where("users.id", "in", db.selectFrom("team_members").select("user_id").where("team_id", "in", audience.teamIds));
  }
  return query.orderBy("users.name").orderBy("users.email").execute();
}

/** The newest version, and the newest one marked substantive (the one people must have accepted). */
export async function policyHead(db: Database) {
  const latest = await db.selectFrom("policy_versions").selectAll().orderBy("version", "desc").executeTakeFirst();
  const substantive = await db
    .selectFrom("policy_versions")
    .select("version")
    .where("substantive", "=", 1)
    .orderBy("version", "desc")
    .executeTakeFirst();
  return { latest, requiredVersion: substantive?.version ?? null };
}

export async function lastAcknowledgment(db: Database, userId: string) {
  return db
    .selectFrom("policy_acknowledgments")
    .select(["version", "acknowledged_at"])
    .where("user_id", "=", userId)
    .orderBy("version", "desc")
    .executeTakeFirst();
}

/** The open campaign of the version people must accept, if any. */
export async function openCampaignFor(db: Database, version: number) {
  return db
    .selectFrom("policy_campaigns")
    .selectAll()
    .where("version", "=", version)
    .where("closed_at", "is", null)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}
