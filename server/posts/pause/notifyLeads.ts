import type { Database } from "../../db/database.js";
import { type NewNotification, notify } from "../../notifications/notify.js";

/** Tells every active social lead (but the one who acted) about a pause or a resume, in the app. */
export async function notifyLeads(trx: Database, actorId: string | null, notification: NewNotification): Promise<number> {
  const leads = await trx
    .selectFrom("user_roles")
    .innerJoin("users", "users.id", "user_roles.user_id")
    .select("users.id")
    .where("user_roles.role", "=", "lead")
    .where("users.disabled_at", "is", null)
    .execute();
  return notify(
    trx,
    leads.map((l) => l.id).filter((id) => id !== actorId),
    notification,
  );
}
