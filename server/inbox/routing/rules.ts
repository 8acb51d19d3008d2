import { z } from "zod";

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

const values = z.array(z.string().trim().min(1).max(200)).min(1).max(200);

/** One test a routing rule makes on a new conversation's first message; all of a rule's must hold. */
export const RoutingCondition = z.discriminatedUnion("field", [
  z.object({ field: z.literal("channel"), values }),
  z.object({ field: z.literal("network"), values }),
  z.object({ field: z.literal("kind"), values }),
  z.object({ field: z.literal("sentiment"), values }),
  z.object({ field: z.literal("intent"), values }),
  z.object({ field: z.literal("topic"), values }),
  /** Any of the words or phrases, ignoring case. */
  z.object({ field: z.literal("text"), values }),
  /** The author's handle or network id is one of these. */
  z.object({ field: z.literal("contact"), values }),
  /** Arrived between these hours (0–23, in the zone; `from` > `to` wraps past midnight). */
  z.object({
    field: z.literal("hours"),
    from: z.number().int().min(0).max(23),
    to: z.number().int().min(0).max(24),
    timeZone: z.string().min(1).max(64),
  }),
]);
export type RoutingCondition = z.infer<typeof RoutingCondition>;

export const RoutingActions = z
  .object({
    teamId: z.string().min(1).optional(),
    assigneeId: z.string().min(1).optional(),
    priority: z.enum(PRIORITIES).optional(),
    tags: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
    /** A canned reply offered to whoever answers. */
    suggestedReplyId: z.string().min(1).optional(),
    /** The SLA policy its clocks run on (else its team's default; docs/inbox.md, "SLA"). */
    slaPolicyId: z.string().min(1).optional(),
  })
  .strict();
export type RoutingActions = z.infer<typeof RoutingActions>;

export interface RoutingRule {
  id: string;
  name: string;
  enabled: boolean;
  conditions: RoutingCondition[];
  actions: RoutingActions;
  /** No later rule applies once this one matched. */
  stop: boolean;
}

/** What the rules look at. */
export interface RoutingInput {
  accountId: string;
  network: string;
  kind: string;
  text: string;
  sentiment: string;
  intent: string;
  topic: string | null;
  author: { externalId: string; handle: string | null };
  at: Date;
}

export interface Routed {
  teamId: string | null;
  assigneeId: string | null;
  priority: Priority;
  tags: string[];
  suggestedReplyId: string | null;
  slaPolicyId: string | null;
  /** The rules that matched, in order. */
  ruleIds: string[];
}

const hourFormats = new Map<string, Intl.DateTimeFormat | null>();
/**
 * Per zone, the quarter hour last asked about and its hour: since 2000 every zone's offset (and every
 * change of it) is a whole number of quarter hours, so the hour is the same throughout one.
 */
const lastHours = new Map<string, { quarter: number; hour: number }>();
const QUARTER_MS = 15 * 60 * 1000;
const CACHED_FROM = Date.UTC(2000, 0, 1);

/** The hour (0–23) at `at` in the zone; UTC's for a zone this machine does not know. */
const hourIn = (at: Date, timeZone: string) => {
  // Formatting costs microseconds; new conversations come in time order, so the last answer usually holds.
  const quarter = Math.floor(at.getTime() / QUARTER_MS);
  const last = lastHours.get(timeZone);
  if (last !== undefined && last.quarter === quarter) return last.hour;
  let format = hourFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat("en-GB", { hour: "numeric", hourCycle: "h23", timeZone });
    } catch {
      format = null;
    }
    hourFormats.set(timeZone, format);
  }
  const hour = format ? Number(format.format(at)) : at.getUTCHours();
  if (at.getTime() >= CACHED_FROM) lastHours.set(timeZone, { quarter, hour });
  return hour;
};

/** Rules with their text conditions prepared once (lower-cased), for many messages. */
export interface CompiledRules {
  rules: readonly (RoutingRule & { lowered: Map<RoutingCondition, string[]> })[];
}

export function compileRules(rules: readonly RoutingRule[]): CompiledRules {
  return {
    rules: rules
      .filter((r) => r.enabled)
      .map((r) => ({
        ...r,
        lowered: new Map(
          r.conditions.filter((c) => "values" in c).map((c) => [c, (c as { values: string[] }).values.map((v) => v.toLowerCase())]),
        ),
      })),
  };
}

function holds(condition: RoutingCondition, lowered: string[] | undefined, input: RoutingInput, textLower: () => string): boolean {
  const any = (value: string | null | undefined) => value != null && (lowered ?? []).includes(value.toLowerCase());
  switch (condition.field) {
    case "channel":
      return any(input.accountId);
    case "network":
      return any(input.network);
    case "kind":
      return any(input.kind);
    case "sentiment":
      return any(input.sentiment);
    case "intent":
      return any(input.intent);
    case "topic":
      return any(input.topic);
    case "contact":
      return any(input.author.externalId) || any(input.author.handle?.replace(/^@/, ""));
    case "text": {
      const text = textLower();
      return (lowered ?? []).some((phrase) => text.includes(phrase));
    }
    case "hours": {
      const hour = hourIn(input.at, condition.timeZone);
      return condition.from <= condition.to ? hour >= condition.from && hour < condition.to : hour >= condition.from || hour < condition.to;
    }
  }
}

/**
 * Applies the rules in order to a new conversation: every rule whose conditions all hold sets what it
 * names (a later rule overrides an earlier one's team, assignee, priority and reply; tags add up),
 * until a rule that says stop. Negative complaints start at high priority unless a rule says otherwise.
 */
export function route(compiled: CompiledRules, input: RoutingInput): Routed {
  const routed: Routed = {
    teamId: null,
    assigneeId: null,
    priority: input.sentiment === "negative" && input.intent === "complaint" ? "high" : "normal",
    tags: [],
    suggestedReplyId: null,
    slaPolicyId: null,
    ruleIds: [],
  };
  let lower: string | undefined;
  const textLower = () => {
    lower ??= input.text.toLowerCase();
    return lower;
  };
  for (const rule of compiled.rules) {
    if (!rule.conditions.every((c) => holds(c, rule.lowered.get(c), input, textLower))) continue;
    const { actions } = rule;
    if (actions.teamId) routed.teamId = actions.teamId;
    if (actions.assigneeId) routed.assigneeId = actions.assigneeId;
    if (actions.priority) routed.priority = actions.priority;
    if (actions.suggestedReplyId) routed.suggestedReplyId = actions.suggestedReplyId;
    if (actions.slaPolicyId) routed.slaPolicyId = actions.slaPolicyId;
    for (const tag of actions.tags ?? []) if (!routed.tags.includes(tag)) routed.tags.push(tag);
    routed.ruleIds.push(rule.id);
    if (rule.stop) break;
  }
  return routed;
}
