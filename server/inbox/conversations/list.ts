import type { Database } from "../../db/database.js";
import { SUMMARY_COLUMNS } from "./present.js";

export interface ConversationFilters {
  status?: "open" | "pending" | "snoozed" | "resolved";
  accountId?: string;
  teamId?: string;
  assigneeId?: string;
  /** Nobody assigned yet. */
  unassigned?: boolean;
  sentiment?: string;
  intent?: string;
  priority?: string;
  /** Conversations whose latest message is older than this (ISO time): the next page. */
  before?: string;
  /**
   * With `before`: the last conversation of the previous page, so the page continues after it in
   * (last_message_at, id) order and conversations sharing that instant are neither skipped nor repeated.
   */
  beforeId?: string;
  limit?: number;
  /**
   * SLA: `breaching_soon` (a running clock within its warning time, not yet due) or `breached` (a
   * running clock past due). Most urgent first instead of newest first, one page only.
   */
  sla?: "breaching_soon" | "breached";
  /** The instant `sla` is judged at (default now). */
  now?: Date;
}

/**
 * A page of the inbox, newest activity first. Every filter rides on an index that starts with the
 * status (or team / assignee) and ends with `last_message_at`, so the database walks the index in
 * order and stops after a page, whatever the inbox holds.
 */
export async function listConversations(db: Database, filters: ConversationFilters = {}) {
  let query = db
    .selectFrom("inbox_conversations")
    .select(SUMMARY_COLUMNS)
    .where("status", "=", filters.status ?? "open");
  if (filters.accountId) query = query.where("account_id", "=", filters.accountId);
  if (filters.teamId) query = query.where("team_id", "=", filters.teamId);
  if (filters.assigneeId) query = query.where("assignee_id", "=", filters.assigneeId);
  if (filters.unassigned) query = query.where("assignee_id", "is", null);
  if (filters.sentiment) query = query.where("sentiment", "=", filters.sentiment);
  if (filters.intent) query = query.where("intent", "=", filters.intent);
  if (filters.priority) query = query.where("priority", "=", filters.priority);
  if (filters.sla) {
    const at = (filters.now ?? new Date()).toISOString();
    query = query.where("sla_due_at", "is not", null);
    query =
      filters.sla === "breached" ? query.where("sla_due_at", "<=", at) : query.where("sla_due_at", ">", at).where("sla_warn_at", "<=", at);
    return query
      .orderBy("sla_due_at")
      .orderBy("id")
      .limit(filters.limit ?? 50)
      .execute();
  }
  if (filters.before && filters.beforeId) {
    const { before, beforeId } = filters;
    // `<=` first, so the index range stays one bound on last_message_at; the OR only sorts out the ties.
    query = query
      .where("last_message_at", "<=", before)
      .where((eb) => eb.or([eb("last_message_at", "<", before), eb("id", "<", beforeId)]));
  } else if (filters.before) query = query.where("last_message_at", "<", filters.before);
  return query
    .orderBy("last_message_at", "desc")
    .orderBy("id", "desc")
    .limit(filters.limit ?? 50)
    .execute();
}
