import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { badRequest, notFound } from "../../errors.js";
import type { Priority } from "../routing/rules.js";
import { syncClocks } from "../sla/syncClocks.js";
import { type ConversationStatus, parseTags } from "./model.js";
import { checkAssignee, checkTeam } from "./references.js";

/** What a person asks to change on conversations (PATCH sets tags; bulk adds and removes them). */
export interface ConversationChange {
  status?: ConversationStatus | undefined;
  priority?: Priority | undefined;
  assigneeId?: string | null | undefined;
  teamId?: string | null | undefined;
  tags?: string[] | undefined;
  addTags?: string[] | undefined;
  removeTags?: string[] | undefined;
  snoozedUntil?: string | undefined;
}

export interface UpdateOptions {
  /** Lock the rows read (PostgreSQL, where two people may change one conversation at once). */
  rowLocks: boolean;
  now?: Date;
}

const CHANGE_COLUMNS = ["id", "subject", "status", "priority", "assignee_id", "team_id", "tags", "snoozed_until"] as const;
type Row = {
  id: string;
  subject: string;
  status: string;
  priority: string;
  assignee_id: string | null;
  team_id: string | null;
  tags: string;
  snoozed_until: string | null;
};

const FIELD_NAMES: Record<string, string> = {
  status: "status",
  priority: "priority",
  assignee_id: "assigneeId",
  team_id: "teamId",
  tags: "tags",
  snoozed_until: "snoozedUntil",
};

/** Checks a change once for all the conversations it applies to: references exist, a snooze is in the future. */
async function checkChange(trx: Database, change: ConversationChange, now: Date): Promise<{ snoozedUntil: string | null | undefined }> {
  if (change.assigneeId) await checkAssignee(trx, change.assigneeId);
  if (change.teamId) await checkTeam(trx, change.teamId);
  if (change.snoozedUntil !== undefined) {
    if (change.status !== undefined && change.status !== "snoozed") {
      throw badRequest("snooze_conflict", "A snooze sets the status to snoozed: leave out `status` or send `snoozed`.");
    }
    const until = new Date(change.snoozedUntil);
    if (until.getTime() <= now.getTime()) {
      throw badRequest("snooze_in_past", `${change.snoozedUntil} is not in the future: snooze until a later time.`, {
        snoozedUntil: change.snoozedUntil,
      });
    }
    return { snoozedUntil: until.toISOString() };
  }
  if (change.status === "snoozed") {
    throw badRequest("snooze_until_required", "Say until when with `snoozedUntil`.");
  }
  // Any other status ends a snooze.
  return { snoozedUntil: change.status === undefined ? undefined : null };
}

const normalTags = (tags: string[]) => [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0))];

/** The columns to set on one conversation, and what changed as {field: [before, after]}. */
function plan(row: Row, change: ConversationChange, snoozedUntil: string | null | undefined) {
  const next: Partial<Row> = {};
  if (snoozedUntil !== undefined) {
    next.snoozed_until = snoozedUntil;
    if (snoozedUntil !== null) next.status = "snoozed";
  }
  if (change.status !== undefined) next.status = change.status;
  if (change.priority !== undefined) next.priority = change.priority;
  if (change.assigneeId !== undefined) next.assignee_id = change.assigneeId;
  if (change.teamId !== undefined) next.team_id = change.teamId;
  const before = parseTags(row.tags);
  let tags = change.tags !== undefined ? normalTags(change.tags) : before;
  if (change.addTags) tags = normalTags([...tags, ...change.addTags]);
  if (change.removeTags) {
    const removed = new Set(change.removeTags.map((t) => t.trim()));
    tags = tags.filter((t) => !removed.has(t));
  }
  const set: Partial<Row> = {};
  const changes: Record<string, [unknown, unknown]> = {};
  if (JSON.stringify(tags) !== JSON.stringify(before)) {
    set.tags = JSON.stringify(tags);
    changes.tags = [before, tags];
  }
  for (const [column, value] of Object.entries(next) as [keyof Row, string | null][]) {
    if (row[column] === value) continue;
    (set as Record<string, string | null>)[column] = value;
    changes[FIELD_NAMES[column] ?? column] = [row[column], value];
  }
  return { set, changes };
}

async function readRows(trx: Database, ids: string[], rowLocks: boolean): Promise<Row[]> {
  const query = trx.selectFrom("inbox_conversations").select(CHANGE_COLUMNS).where("id", "in", ids).orderBy("id");
  return rowLocks ? query.forUpdate().execute() : query.execute();
}

/** Applies a checked change to rows read in this transaction; returns how many changed (each audited). */
async function applyTo(
  trx: Database,
  audit: AuditActor,
  rows: Row[],
  change: ConversationChange,
  snoozedUntil: string | null | undefined,
  now: string,
  bulk: boolean,
) {
  let updated = 0;
  for (const row of rows) {
    const { set, changes } = plan(row, change, snoozedUntil);
    if (Object.keys(changes).length === 0) continue;
    await trx
      .updateTable("inbox_conversations")
      .set({ ...set, updated_at: now })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, audit, {
      action: "inbox.conversation.updated",
      targetType: "inbox_conversation",
      targetId: row.id,
      summary: `${bulk ? "Bulk-updated" : "Updated"} conversation “${row.subject.slice(0, 80)}”: ${Object.keys(changes).join(", ")}`,
      changes,
    });
    // Status changes pause, resume or stop the SLA clocks at once (the queue worker would, seconds later).
    if (changes.status) await syncClocks(trx, row.id, Date.parse(now));
    updated++;
  }
  return updated;
}

/** PATCH one conversation: 404 when it does not exist; no event when nothing actually changes. */
export async function updateConversation(db: Database, audit: AuditActor, id: string, change: ConversationChange, options: UpdateOptions) {
  const now = options.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    const rows = await readRows(trx, [id], options.rowLocks);
    if (rows.length === 0) throw notFound("Conversation", "conversation_not_found");
    const { snoozedUntil } = await checkChange(trx, change, now);
    await applyTo(trx, audit, rows, change, snoozedUntil, now.toISOString(), false);
  });
}

/**
 * The same change to many conversations in one transaction, one audit event per conversation that
 * changed. Ids that do not exist are skipped (someone may have just removed a channel's history);
 * the answer counts the conversations changed.
 */
export async function bulkUpdateConversations(
  db: Database,
  audit: AuditActor,
  ids: string[],
  change: ConversationChange,
  options: UpdateOptions,
) {
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const { snoozedUntil } = await checkChange(trx, change, now);
    const rows = await readRows(trx, [...new Set(ids)], options.rowLocks);
    return applyTo(trx, audit, rows, change, snoozedUntil, now.toISOString(), true);
  });
}
