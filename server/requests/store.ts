import type { Database } from "../db/database.js";
import type { RequestsTable } from "../db/schema.js";
import { notFound } from "../errors.js";
import type { Actor } from "../identity/actor.js";

export type RequestRow = RequestsTable;

export const canWork = (actor: Actor) => actor.permissions.has("requests.work");

/**
 * The request by number, if this person may see it: its requester, or anyone who works requests.
 * Anything else is "not found", revealing nothing.
 */
export async function visibleRequest(db: Database, actor: Actor, number: number): Promise<RequestRow> {
  const row = await db.selectFrom("requests").selectAll().where("number", "=", number).executeTakeFirst();
  if (!row || (row.requester_id !== actor.user.id && !canWork(actor))) throw notFound("Request", "request_not_found");
  return row;
}

export async function requestById(db: Database, id: string): Promise<RequestRow> {
  const row = await db.selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Request", "request_not_found");
  return row;
}

export interface ListFilter {
  requesterId?: string;
  queueId?: string | undefined;
  status: string;
  assigneeId?: string | null | undefined;
  type?: string | undefined;
  limit: number;
  offset: number;
}

export async function listRequests(db: Database, f: ListFilter): Promise<RequestRow[]> {
  let q = db.selectFrom("requests").selectAll();
  if (f.requesterId) q = q.where("requester_id", "=", f.requesterId);
  if (f.queueId) q = q.where("queue_id", "=", f.queueId);
  if (f.type) q = q.where("type", "=", f.type);
  if (f.status === "active") q = q.where("status", "not in", ["resolved", "closed"]);
  else if (f.status !== "all") q = q.where("status", "=", f.status);
  if (f.assigneeId === null) q = q.where("assignee_id", "is", null);
  else if (f.assigneeId) q = q.where("assignee_id", "=", f.assigneeId);
  return q.orderBy("number", "desc").limit(f.limit).offset(f.offset).execute();
}
