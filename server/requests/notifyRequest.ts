import type { Database } from "../db/database.js";
import { notify } from "../notifications/notify.js";
import { queueMemberIds } from "./config.js";
import type { RequestRow } from "./store.js";

/**
 * In-app notifications about requests; the notifications email job sends each one by email when
 * SMTP is configured, so requesters and queues hear by email too. Runs in the caller's transaction.
 */
export const requestLink = (row: Pick<RequestRow, "number">, asAgent: boolean) =>
  asAgent ? `/helpdesk/queue/${row.number}` : `/helpdesk/requests/${row.number}`;

export async function notifyRequester(db: Database, row: RequestRow, kind: string, title: string, body = "") {
  await notify(db, [row.requester_id], { kind, title, body, link: requestLink(row, false) });
}

/** The assignee, or the queue's members while nobody is assigned; never the person who acted. */
export async function notifyWorkers(db: Database, row: RequestRow, actorId: string | null, kind: string, title: string, body = "") {
  const people = row.assignee_id ? [row.assignee_id] : await queueMemberIds(db, row.queue_id);
  await notify(
    db,
    people.filter((id) => id !== actorId),
    { kind, title, body, link: requestLink(row, true) },
  );
}

/** The people who approve new accounts and access: social leads. */
export async function notifyApprovers(db: Database, row: RequestRow, title: string) {
  const leads = await db
    .selectFrom("user_roles")
    .innerJoin("users", "users.id", "user_roles.user_id")
    .select("users.id")
    .where("user_roles.role", "=", "lead")
    .where("users.disabled_at", "is", null)
    .execute();
  await notify(
    db,
    leads.map((l) => l.id),
    { kind: "request.approval_needed", title, link: requestLink(row, true) },
  );
}
