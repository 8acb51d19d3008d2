import { z } from "zod";
import { Id } from "../identity/schema.js";
import { FIELD_KINDS, PRIORITIES, REQUEST_STATUSES, SLA_METRICS, WORKFLOWS } from "./model.js";

export const StatusSchema = z.enum(REQUEST_STATUSES);
export const PrioritySchema = z.enum(PRIORITIES);
const Text = z.string().trim().min(1, "must not be empty").max(20_000);

export const NumberParams = z.strictObject({ number: z.coerce.number().int().min(1).max(2_147_483_647) });

export const FileBody = z.strictObject({
  type: z.string().min(1).max(64),
  subject: z.string().trim().min(1, "must not be empty").max(200),
  description: z.string().trim().max(20_000).default(""),
  fields: z.record(z.string().max(64), z.string().max(2_000)).default({}).describe("The type's form fields by key"),
  accountId: Id.nullable().default(null).describe("The account it is about; one you may not see is reported as unknown"),
  articleId: Id.nullable().default(null).describe("The article that did not help (“Was this helpful? No”)"),
  suggestionSessionId: Id.nullable().default(null).describe("The form's knowledge-base suggestion session"),
});

export const MessageBody = z.strictObject({
  text: Text,
  internal: z.boolean().default(false).describe("An internal note: agents only, never shown to the requester"),
});

export const PatchBody = z
  .strictObject({
    status: StatusSchema.optional(),
    priority: PrioritySchema.optional(),
    assigneeId: Id.nullable().optional(),
    queueId: Id.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), "nothing to change");

export const RatingBody = z.strictObject({
  score: z.number().int().min(1).max(5).describe("1 (poor) to 5 (great)"),
  comment: z.string().trim().max(2_000).default(""),
});

export const DecisionBody = z.strictObject({
  approve: z.boolean(),
  note: z.string().trim().max(2_000).default(""),
});

export const ChecklistParams = z.strictObject({ number: NumberParams.shape.number, itemId: z.string().min(1).max(64) });
export const ChecklistBody = z.strictObject({ done: z.boolean() });

export const ListQuery = z.strictObject({
  queueId: Id.optional(),
  status: z
    .union([StatusSchema, z.literal("active"), z.literal("all")])
    .default("active")
    .describe("active: not resolved or closed"),
  assigneeId: z.union([Id, z.literal("me"), z.literal("none")]).optional(),
  type: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const Person = z.object({ id: z.string(), name: z.string() });
const SlaSchema = z.object({
  metric: z.enum(SLA_METRICS),
  cycle: z.number(),
  status: z.enum(["running", "warning", "breached", "paused", "met", "missed"]),
  targetMinutes: z.number(),
  elapsedMinutes: z.number(),
  dueAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
  startedAt: z.string(),
  stoppedAt: z.string().nullable(),
});

export const RequestSummaryView = z
  .object({
    id: z.string(),
    number: z.number(),
    type: z.string(),
    typeName: z.string(),
    queue: z.object({ id: z.string(), name: z.string() }),
    subject: z.string(),
    status: StatusSchema,
    priority: PrioritySchema,
    requester: Person,
    assignee: Person.nullable(),
    approval: z.enum(["pending", "approved", "rejected"]).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    sla: SlaSchema.nullable().describe("The open clock due soonest"),
  })
  .meta({ id: "RequestSummary" });

export const ChecklistItemView = z.object({
  id: z.string(),
  label: z.string(),
  done: z.boolean(),
  doneBy: z.string().nullable(),
  doneAt: z.string().nullable(),
});

export const RequestView = RequestSummaryView.extend({
  description: z.string(),
  fields: z.record(z.string(), z.string()),
  account: z.object({ id: z.string(), network: z.string(), handle: z.string(), displayName: z.string(), status: z.string() }).nullable(),
  article: z.object({ id: z.string(), slug: z.string(), title: z.string() }).nullable(),
  messages: z.array(
    z.object({
      id: z.string(),
      author: Person.nullable(),
      visibility: z.enum(["public", "internal"]),
      text: z.string(),
      createdAt: z.string(),
    }),
  ),
  clocks: z.array(SlaSchema),
  outcome: z.record(z.string(), z.string()).nullable().describe("What approving created (accountId, grant)"),
  checklist: z.array(ChecklistItemView).nullable(),
  rating: z.object({ score: z.number(), comment: z.string(), ratedAt: z.string() }).nullable(),
  reopenCount: z.number(),
  firstRespondedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  youMay: z.object({ work: z.boolean(), decide: z.boolean(), reply: z.boolean(), reopen: z.boolean(), rate: z.boolean() }),
}).meta({ id: "Request" });

const FieldSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  label: z.string().min(1).max(200),
  kind: z.enum(FIELD_KINDS),
  required: z.boolean(),
  options: z.array(z.string().max(100)).max(50).optional(),
});

export const TypeView = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  queueId: z.string(),
  policyId: z.string(),
  defaultPriority: PrioritySchema,
  fields: z.array(FieldSchema),
  workflow: z.enum(WORKFLOWS),
  position: z.number(),
  enabled: z.boolean(),
});

export const TypeBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).default(""),
  queueId: Id,
  policyId: Id,
  defaultPriority: PrioritySchema,
  fields: z.array(FieldSchema).max(20),
  workflow: z.enum(WORKFLOWS).default("none"),
  position: z.number().int().min(0).max(1000).default(0),
  enabled: z.boolean().default(true),
});
export const KeyParams = z.strictObject({ key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/) });

export const QueueView = z.object({ id: z.string(), name: z.string(), teamId: z.string().nullable() });
export const QueueBody = z.strictObject({ name: z.string().trim().min(1).max(100), teamId: Id.nullable() });
export const SlugIdParams = z.strictObject({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/) });

export const PolicyView = z.object({
  id: z.string(),
  name: z.string(),
  calendarId: z.string(),
  firstResponseMinutes: z.number(),
  nextResponseMinutes: z.number(),
  resolutionMinutes: z.number(),
  warnBeforeMinutes: z.number(),
});
const Minutes = z.number().int().min(1).max(525_600);
export const PolicyBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  calendarId: Id,
  firstResponseMinutes: Minutes,
  nextResponseMinutes: Minutes,
  resolutionMinutes: Minutes,
  warnBeforeMinutes: z.number().int().min(0).max(525_600),
});

const Window = z.strictObject({ day: z.number().int().min(0).max(6), start: z.string().max(5), end: z.string().max(5) });
export const CalendarView = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  weekly: z.array(z.object({ day: z.number(), start: z.string(), end: z.string() })),
  holidays: z.array(z.string()),
});
export const CalendarBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  timeZone: z.string().min(1).max(64),
  weekly: z.array(Window).max(50),
  holidays: z.array(z.string().max(10)).max(400).default([]),
});

export const SettingsView = z.object({
  types: z.array(TypeView),
  queues: z.array(QueueView),
  policies: z.array(PolicyView),
  calendars: z.array(CalendarView),
});
