import { z } from "zod";
import { Id } from "../../identity/schema.js";
import { CONVERSATION_KINDS, CONVERSATION_STATUSES, MESSAGE_DIRECTIONS } from "../conversations/model.js";
import { PRIORITIES, RoutingActions, RoutingCondition } from "../routing/rules.js";

const Instant = z.iso.datetime({ offset: true });
const Tag = z.string().trim().min(1).max(50);

export const ConversationListQuery = z
  .strictObject({
    status: z.enum(CONVERSATION_STATUSES).default("open"),
    accountId: Id.optional(),
    teamId: Id.optional(),
    assigneeId: Id.optional().describe("A user's id, or `me`"),
    unassigned: z.enum(["true", "false"]).optional().describe("`true`: only conversations nobody is assigned to"),
    sentiment: z.string().min(1).max(50).optional(),
    intent: z.string().min(1).max(50).optional(),
    priority: z.enum(PRIORITIES).optional(),
    before: Instant.optional().describe("The next page: `nextBefore` of the previous one"),
    beforeId: Id.optional().describe(
      "With `before`: `nextBeforeId` of the previous one, so conversations sharing that time are not skipped",
    ),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    sla: z
      .enum(["breaching_soon", "breached"])
      .optional()
      .describe(
        "Only conversations with a running SLA clock within its warning time (`breaching_soon`) or past due; most urgent first, one page",
      ),
  })
  .refine((q) => !(q.assigneeId && q.unassigned === "true"), {
    message: "`assigneeId` and `unassigned` exclude each other",
    path: ["unassigned"],
  })
  .refine((q) => !q.beforeId || q.before, { message: "`beforeId` needs `before`", path: ["beforeId"] });

export const ConversationSummaryView = z
  .object({
    id: z.string(),
    account: z.object({ id: z.string(), network: z.string(), handle: z.string().nullable().describe("null when the channel was removed") }),
    kind: z.enum(CONVERSATION_KINDS),
    subject: z.string(),
    status: z.enum(CONVERSATION_STATUSES),
    priority: z.enum(PRIORITIES),
    team: z.object({ id: z.string(), name: z.string() }).nullable(),
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    tags: z.array(z.string()),
    sentiment: z.string().nullable(),
    intent: z.string().nullable(),
    topic: z.string().nullable(),
    messageCount: z.number(),
    lastMessageAt: z.string(),
    snoozedUntil: z.string().nullable(),
    contact: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    sla: z
      .object({
        metric: z.enum(["first_response", "next_response", "resolution"]),
        status: z.enum(["running", "warning", "breached"]),
        dueAt: z.string(),
      })
      .nullable()
      .describe("The SLA clock due next; null while the clocks are paused or without a policy"),
  })
  .meta({ id: "ConversationSummary" });

export const ConversationListView = z.object({
  items: z.array(ConversationSummaryView),
  nextBefore: z.string().nullable(),
  nextBeforeId: z.string().nullable(),
});

const Author = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("contact"), id: z.string(), displayName: z.string(), handle: z.string().nullable() }),
  z.object({ kind: z.literal("user"), id: z.string(), name: z.string() }),
]);

export const MessageView = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    direction: z.enum(MESSAGE_DIRECTIONS),
    text: z.string(),
    truncated: z.boolean(),
    length: z.number().describe("The whole text's length in characters (Unicode code points)"),
    sentAt: z.string(),
    url: z.string().nullable(),
    sentiment: z.string().nullable(),
    intent: z.string().nullable(),
    topic: z.string().nullable(),
    author: Author.nullable().describe("null when the author's contact or user was deleted"),
  })
  .meta({ id: "InboxMessage" });

export const ConversationView = z.object({
  conversation: ConversationSummaryView,
  messages: z.array(MessageView),
  contact: z
    .object({
      id: z.string(),
      displayName: z.string(),
      identities: z.array(z.object({ network: z.string(), externalId: z.string(), handle: z.string().nullable() })),
      history: z.array(z.object({ id: z.string(), subject: z.string(), status: z.enum(CONVERSATION_STATUSES), lastMessageAt: z.string() })),
    })
    .nullable(),
});

const Tags = z.array(Tag).max(20);

export const ConversationPatch = z
  .strictObject({
    status: z.enum(CONVERSATION_STATUSES).optional(),
    priority: z.enum(PRIORITIES).optional(),
    assigneeId: Id.nullable().optional(),
    teamId: Id.nullable().optional(),
    tags: Tags.optional().describe("Replaces the tags"),
    snoozedUntil: Instant.optional().describe("In the future; sets the status to `snoozed`"),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: "Name at least one field to change" });

export const BulkBody = z.strictObject({
  ids: z.array(Id).min(1).max(500),
  set: z
    .strictObject({
      status: z.enum(CONVERSATION_STATUSES).optional(),
      priority: z.enum(PRIORITIES).optional(),
      assigneeId: Id.nullable().optional(),
      teamId: Id.nullable().optional(),
      addTags: Tags.optional(),
      removeTags: Tags.optional(),
      snoozedUntil: Instant.optional().describe("In the future; sets the status to `snoozed`"),
    })
    .refine((s) => Object.values(s).some((v) => v !== undefined), { message: "Name at least one field to change" }),
});

export const NoteBody = z.strictObject({ text: z.string().trim().min(1).max(20_000) });

export const RoutingRuleInput = z.strictObject({
  id: Id.optional(),
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean(),
  conditions: z.array(RoutingCondition).max(20),
  actions: RoutingActions,
  stop: z.boolean(),
});

export const RoutingRulesBody = z.strictObject({ rules: z.array(RoutingRuleInput).max(200) });

export const RoutingRuleView = z
  .object({
    id: z.string(),
    name: z.string(),
    enabled: z.boolean(),
    conditions: z.array(RoutingCondition),
    actions: RoutingActions,
    stop: z.boolean(),
  })
  .meta({ id: "RoutingRule" });

export const ParkedQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });

export const ParkedView = z.object({
  items: z.array(z.object({ id: z.string(), source: z.string(), reason: z.string(), receivedAt: z.string(), payload: z.unknown() })),
});
