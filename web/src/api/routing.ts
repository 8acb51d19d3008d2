import { api } from "./client.js";
import { inboxKey, type Priority } from "./inbox.js";

/** The inbox's routing rules (docs/inbox.md, "Routing"): the whole ordered list is read and saved at once. */

/** Condition fields that test a value against a list ("is any of"). */
export type ListField = "channel" | "network" | "kind" | "sentiment" | "intent" | "topic" | "text" | "contact";

export type RoutingCondition = { field: ListField; values: string[] } | { field: "hours"; from: number; to: number; timeZone: string };

export type ConditionField = RoutingCondition["field"];

export interface RoutingActions {
  teamId?: string;
  assigneeId?: string;
  priority?: Priority;
  tags?: string[];
  suggestedReplyId?: string;
  slaPolicyId?: string;
}

export interface RoutingRule {
  id: string;
  name: string;
  enabled: boolean;
  conditions: RoutingCondition[];
  actions: RoutingActions;
  /** No later rule applies once this one matched. */
  stop: boolean;
}

/** A rule as sent: new rules have no id yet. */
export type RoutingRuleInput = Omit<RoutingRule, "id"> & { id?: string };

export const routingRulesKey = [...inboxKey, "routing-rules"] as const;

export const fetchRoutingRules = () => api<{ rules: RoutingRule[] }>("GET", "/api/inbox/routing-rules").then((r) => r.rules);
export const saveRoutingRules = (rules: RoutingRuleInput[]) =>
  api<{ rules: RoutingRule[] }>("PUT", "/api/inbox/routing-rules", { body: { rules } }).then((r) => r.rules);
