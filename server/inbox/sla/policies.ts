import type { Database } from "../../db/database.js";
import { badRequest } from "../../errors.js";
import { type Calendar, calendarsById, listPolicies, type SlaPolicy } from "../../requests/config.js";

/**
 * Conversations use the organisation's SLA policies and business-hours calendars, the ones the help
 * desk keeps (`sla_policies`, `sla_calendars`; edited under /api/requests/settings): one set of
 * targets and opening hours for every support channel.
 */
export type { Calendar, SlaPolicy };

export const SLA_METRICS = ["first_response", "next_response", "resolution"] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export const METRIC_LABELS: Record<SlaMetric, string> = {
  first_response: "first response",
  next_response: "next response",
  resolution: "resolution",
};

export { listPolicies };

/** A policy with its calendar, or undefined when either was removed. */
export async function policyWithCalendar(db: Database, policyId: string): Promise<{ policy: SlaPolicy; calendar: Calendar } | undefined> {
  const policy = (await listPolicies(db)).find((p) => p.id === policyId);
  if (!policy) return undefined;
  const calendar = (await calendarsById(db, [policy.calendarId])).get(policy.calendarId);
  return calendar ? { policy, calendar } : undefined;
}

export async function checkPolicy(db: Database, policyId: string): Promise<void> {
  const found = await db.selectFrom("sla_policies").select("id").where("id", "=", policyId).executeTakeFirst();
  if (!found) throw badRequest("sla_policy_not_found", "No SLA policy has that id.", { slaPolicyId: policyId });
}

export { calendarsById };
