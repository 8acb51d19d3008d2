import { useQuery } from "@tanstack/react-query";
import { ApiError } from "../../api/client.js";
import { type CannedReply, cannedRepliesKey, fetchCannedReplies, INTENTS, SENTIMENTS } from "../../api/inbox.js";
import type { ConditionField, RoutingCondition } from "../../api/routing.js";
import type { AccountSummary, Network } from "../../api/types.js";
import { usePublishableChannels } from "../publishing/channels.js";
import { INTENT_LABELS, KIND_LABELS, SENTIMENT_LABELS, TOPICS, topicLabel } from "./labels.js";
import {
  type Agent,
  agentsKey,
  fetchAgents,
  fetchSlaPolicies,
  fetchTeamSettings,
  type SlaPolicy,
  slaPoliciesKey,
  type TeamSettings,
  teamSettingsKey,
} from "./queueApi.js";

/** What a rule can point at, loaded once for the page: its selects offer these. */
export interface RoutingChoices {
  channels: AccountSummary[];
  networks: Network[];
  teams: TeamSettings[];
  agents: Agent[];
  canned: CannedReply[];
  policies: SlaPolicy[];
}

export function useRoutingChoices(): { choices: RoutingChoices; error: unknown } {
  const { channels, networks, error: channelsError } = usePublishableChannels();
  const teams = useQuery({ queryKey: teamSettingsKey, queryFn: fetchTeamSettings });
  const agents = useQuery({ queryKey: agentsKey, queryFn: () => fetchAgents() });
  const canned = useQuery({ queryKey: cannedRepliesKey, queryFn: fetchCannedReplies });
  const policies = useQuery({ queryKey: slaPoliciesKey, queryFn: fetchSlaPolicies, staleTime: 5 * 60_000 });
  return {
    choices: {
      channels,
      networks,
      teams: teams.data ?? [],
      agents: agents.data ?? [],
      canned: canned.data ?? [],
      policies: policies.data ?? [],
    },
    error: channelsError ?? teams.error ?? agents.error ?? canned.error ?? policies.error,
  };
}

/** The condition types in the order the "Add condition" menu offers them. */
export const CONDITION_LABELS: Record<ConditionField, string> = {
  channel: "Channel",
  network: "Network",
  kind: "Kind of message",
  sentiment: "Sentiment",
  intent: "Intent",
  topic: "Topic",
  text: "Text contains",
  contact: "Contact",
  hours: "Time of day",
};

export interface Option {
  value: string;
  label: string;
}

/** The fixed choices of a list condition; text and contact take free words instead (null). */
export function optionsFor(field: ConditionField, choices: RoutingChoices): Option[] | null {
  switch (field) {
    case "channel":
      return choices.channels.map((c) => ({
        value: c.id,
        label: `${c.networkName} ${c.network === "email" || c.handle.includes("@") ? c.handle : `@${c.handle}`}`,
      }));
    case "network":
      return choices.networks.map((n) => ({ value: n.id, label: n.name }));
    case "kind":
      return Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }));
    case "sentiment":
      return SENTIMENTS.map((s) => ({ value: s, label: SENTIMENT_LABELS[s] }));
    case "intent":
      return INTENTS.map((i) => ({ value: i, label: INTENT_LABELS[i] }));
    case "topic":
      return TOPICS.map((t) => ({ value: t, label: topicLabel(t) }));
    default:
      return null;
  }
}

/** A new condition of that type, with nothing chosen yet (business hours for time of day). */
export function blankCondition(field: ConditionField): RoutingCondition {
  if (field === "hours") return { field, from: 9, to: 17, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" };
  return { field, values: [] };
}

const hour = (h: number) => `${String(h).padStart(2, "0")}:00`;

/** "Intent is Complaint or Question", "Text contains “invoice”", "Arrives 18:00–08:00 (Europe/Berlin)". */
export function describeCondition(condition: RoutingCondition, choices: RoutingChoices): string {
  if (condition.field === "hours") return `Arrives between ${hour(condition.from)} and ${hour(condition.to)} (${condition.timeZone})`;
  const options = optionsFor(condition.field, choices);
  const names = condition.values.map((v) => options?.find((o) => o.value === v)?.label ?? (options ? v : `“${v}”`));
  const list = names.length > 0 ? names.join(" or ") : "(nothing chosen)";
  if (condition.field === "text") return `Text contains ${list}`;
  if (condition.field === "contact") return `Contact is ${list}`;
  return `${CONDITION_LABELS[condition.field]} is ${list}`;
}

/** Where the server said a save went wrong: which rule, which part of it, and what to say there. */
export interface RuleProblem {
  index: number;
  /** An action's key (teamId …), "conditions", "name", or null for the rule as a whole. */
  part: string | null;
  message: string;
}

const PART_OF_CODE: Record<string, string> = {
  team_not_found: "teamId",
  assignee_not_found: "assigneeId",
  sla_policy_not_found: "slaPolicyId",
  unknown_time_zone: "conditions",
};

/** Reads a 4xx answer: `details.rule` (a reference gone) or a validation issue's path (`body/rules/2/name`). */
export function ruleProblemOf(error: unknown): RuleProblem | null {
  if (!(error instanceof ApiError)) return null;
  const details = error.details as { rule?: unknown } | undefined;
  if (typeof details?.rule === "number") {
    return { index: details.rule, part: PART_OF_CODE[error.code] ?? null, message: error.message.replace(/^Rule \d+: /, "") };
  }
  for (const issue of error.issues) {
    const match = /rules\/(\d+)(?:\/(actions\/)?(\w+))?/.exec(issue.path);
    if (match) return { index: Number(match[1]), part: match[3] ?? null, message: issue.message };
  }
  return null;
}
