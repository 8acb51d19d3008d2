import { systemActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { notify } from "../../notifications/notify.js";
import { agentStates, loadsOf, workingUsers } from "./agents.js";

/** Conversations handed out per team and run; the rest wait for the next run seconds later. */
const PER_RUN = 50;

interface Candidate {
  id: string;
  load: number;
  capacity: number;
  lastAssignedAt: string;
}

/**
 * Least-loaded first: the available team member under capacity with the fewest open conversations
 * gets the next one; a tie goes to whoever was handed one longest ago (never first), which makes
 * equal loads a round robin.
 */
export function pickLeastLoaded(candidates: readonly Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of candidates) {
    if (c.load >= c.capacity) continue;
    if (
      !best ||
      c.load < best.load ||
      (c.load === best.load && (c.lastAssignedAt < best.lastAssignedAt || (c.lastAssignedAt === best.lastAssignedAt && c.id < best.id)))
    )
      best = c;
  }
  return best;
}

/**
 * Hands a team's open, unassigned conversations (oldest activity first) to its available members
 * under capacity. When nobody can take one, it stays with the team unassigned and is tried again on
 * the next run, so it goes out as soon as someone becomes available or frees capacity. A conversation
 * someone assigned meanwhile is left alone (conditional update). Each assignment is audited and the
 * agent told. Returns how many were assigned.
 */
export async function autoAssignTeam(db: Database, teamId: string, at = new Date()): Promise<number> {
  const now = at.toISOString();
  const backlog = await db
    .selectFrom("inbox_conversations")
    .select(["id", "subject"])
    .where("team_id", "=", teamId)
    .where("status", "=", "open")
    .where("assignee_id", "is", null)
    .orderBy("last_message_at")
    .orderBy("id")
    .limit(PER_RUN)
    .execute();
  if (backlog.length === 0) return 0;
  const members = await workingUsers(db, teamId);
  const ids = members.map((m) => m.id);
  const [states, loads] = await Promise.all([agentStates(db, ids), loadsOf(db, ids)]);
  const candidates: Candidate[] = ids.flatMap((id) => {
    const state = states.get(id);
    if (state?.presence !== "available") return [];
    return [{ id, load: loads.get(id) ?? 0, capacity: state.capacity, lastAssignedAt: state.lastAssignedAt ?? "" }];
  });
  let assigned = 0;
  for (const conversation of backlog) {
    const agent = pickLeastLoaded(candidates);
    if (!agent) break;
    const took = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable("inbox_conversations")
        .set({ assignee_id: agent.id, updated_at: now })
        .where("id", "=", conversation.id)
        .where("assignee_id", "is", null)
        .where("status", "=", "open")
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return false;
      await trx.updateTable("inbox_agents").set({ last_assigned_at: now }).where("user_id", "=", agent.id).execute();
      await recordAudit(trx, systemActor("auto-assignment"), {
        action: "inbox.conversation.assigned",
        targetType: "inbox_conversation",
        targetId: conversation.id,
        summary: `Auto-assigned “${conversation.subject.slice(0, 80)}” (least loaded, ${agent.load} open before)`,
        changes: { assigneeId: [null, agent.id], load: agent.load, capacity: agent.capacity },
      });
      await notify(trx, [agent.id], {
        kind: "inbox.assigned",
        title: "A conversation was assigned to you",
        body: conversation.subject.slice(0, 200),
        link: `/inbox?view=mine&conversation=${conversation.id}`,
      });
      return true;
    });
    if (!took) continue;
    agent.load++;
    agent.lastAssignedAt = now;
    assigned++;
  }
  return assigned;
}

/** Every team with auto-assignment on. */
export async function autoAssignAll(db: Database, at = new Date()): Promise<number> {
  const teams = await db.selectFrom("inbox_team_settings").select("team_id").where("auto_assign", "=", "least_loaded").execute();
  let assigned = 0;
  for (const t of teams) assigned += await autoAssignTeam(db, t.team_id, at);
  return assigned;
}
