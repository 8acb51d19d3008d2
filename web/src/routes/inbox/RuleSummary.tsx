import type { RoutingRule, RoutingRuleInput } from "../../api/routing.js";
import { PRIORITY_LABELS } from "./labels.js";
import { describeCondition, type RoutingChoices } from "./RoutingChoices.js";

/** A rule while the page edits it: `key` names it for React, `id` is the server's (none until saved). */
export type DraftRule = RoutingRuleInput & { key: string };

let drafted = 0;
export const draftOf = (rule: RoutingRule): DraftRule => ({ ...rule, key: rule.id });
export const newDraft = (): DraftRule => ({
  key: `new-${++drafted}`,
  name: "",
  enabled: true,
  conditions: [],
  actions: {},
  stop: false,
});

/** What the server takes: no React key, no blank phrases (the box keeps them while someone types). */
export function inputOf({ key: _key, ...rule }: DraftRule): RoutingRuleInput {
  return {
    ...rule,
    name: rule.name.trim(),
    conditions: rule.conditions.map((c) => ("values" in c ? { ...c, values: c.values.map((v) => v.trim()).filter(Boolean) } : c)),
  };
}

/** The problems the page can see before asking the server: the first one, as the server would say it. */
export function draftProblem(rule: DraftRule): { part: string; message: string } | null {
  if (!rule.name.trim()) return { part: "name", message: "Give the rule a name." };
  const empty = inputOf(rule).conditions.find((c) => "values" in c && c.values.length === 0);
  if (empty) return { part: "conditions", message: "Each condition needs at least one value; remove the ones not needed." };
  return null;
}

/** "Team Customer care · Priority High · Tags billing": what a matching rule does. */
export function describeActions(rule: RoutingRuleInput, choices: RoutingChoices): string[] {
  const { actions } = rule;
  const parts: string[] = [];
  if (actions.teamId) parts.push(`Team ${choices.teams.find((t) => t.teamId === actions.teamId)?.teamName ?? "(unknown team)"}`);
  if (actions.assigneeId) parts.push(`Agent ${choices.agents.find((a) => a.id === actions.assigneeId)?.name ?? "(unknown person)"}`);
  if (actions.priority) parts.push(`Priority ${PRIORITY_LABELS[actions.priority]}`);
  if (actions.tags?.length) parts.push(`Tags ${actions.tags.join(", ")}`);
  if (actions.suggestedReplyId)
    parts.push(`Suggest “${choices.canned.find((c) => c.id === actions.suggestedReplyId)?.name ?? "an unknown reply"}”`);
  if (actions.slaPolicyId) parts.push(`SLA ${choices.policies.find((p) => p.id === actions.slaPolicyId)?.name ?? "(unknown policy)"}`);
  if (rule.stop) parts.push("Stop here");
  return parts;
}

/** The rule read as a sentence pair: When … Then … */
export function RuleSummary({ rule, choices }: { rule: RoutingRuleInput; choices: RoutingChoices }) {
  const conditions = rule.conditions.map((c) => describeCondition(c, choices));
  const actions = describeActions(rule, choices);
  return (
    <dl className="routing-summary">
      <dt>When</dt>
      <dd>{conditions.length > 0 ? conditions.join(" and ") : "Any new conversation"}</dd>
      <dt>Then</dt>
      <dd>{actions.length > 0 ? actions.join(" · ") : "Nothing yet"}</dd>
    </dl>
  );
}
