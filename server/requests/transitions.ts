import type { Database } from "../db/database.js";
import { conflict } from "../errors.js";
import { calendarsById, policyById } from "./config.js";
import { DONE_STATUSES, PAUSED_STATUSES, type RequestStatus } from "./model.js";
import { pauseClocks, resumeClocks, startCycle, stopClocks } from "./slaCycles.js";
import type { RequestRow } from "./store.js";

/**
 * What a status change does to the SLA clocks and the request's dates; returns the columns to set.
 * Pending and on hold pause every clock; back to new/open resumes them; resolved and closed stop
 * them all; leaving resolved is a reopen, which starts a new resolution cycle (the old one keeps
 * its history, so reports count each cycle once). Closed is final.
 */
export async function applyStatus(trx: Database, row: RequestRow, to: RequestStatus, now: number): Promise<Partial<RequestRow>> {
  const from = row.status as RequestStatus;
  if (from === to) return {};
  if (from === "closed") throw conflict("request_closed", "This request is closed; file a new one.");
  const at = new Date(now).toISOString();
  if (DONE_STATUSES.includes(to)) {
    await stopClocks(trx, row.id, ["first_response", "next_response", "resolution"], now);
    return to === "resolved" ? { status: to, resolved_at: at } : { status: to, closed_at: at, resolved_at: row.resolved_at ?? at };
  }
  if (from === "resolved") {
    const policy = await policyById(trx, row.policy_id);
    const calendar = (await calendarsById(trx, [policy.calendarId])).get(policy.calendarId);
    if (calendar) await startCycle(trx, row.id, "resolution", policy, calendar, now, !PAUSED_STATUSES.includes(to));
    return { status: to, resolved_at: null, reopen_count: row.reopen_count + 1 };
  }
  if (PAUSED_STATUSES.includes(to) && !PAUSED_STATUSES.includes(from)) await pauseClocks(trx, row.id, now);
  if (!PAUSED_STATUSES.includes(to) && PAUSED_STATUSES.includes(from)) await resumeClocks(trx, row.id, now);
  return { status: to };
}
