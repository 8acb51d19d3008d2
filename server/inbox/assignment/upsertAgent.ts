import type { Database } from "../../db/database.js";
import { DEFAULT_CAPACITY } from "./agents.js";

/** The agent's row, made with the defaults (offline, default capacity) the first time it is needed. */
export async function ensureAgentRow(trx: Database, userId: string, now: string) {
  await trx
    .insertInto("inbox_agents")
    .values({
      user_id: userId,
      presence: "offline",
      presence_auto: 0,
      capacity: DEFAULT_CAPACITY,
      last_active_at: null,
      last_assigned_at: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.column("user_id").doNothing())
    .execute();
  return trx.selectFrom("inbox_agents").selectAll().where("user_id", "=", userId).executeTakeFirstOrThrow();
}
