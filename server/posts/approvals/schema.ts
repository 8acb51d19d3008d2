import { z } from "zod";
import { Id } from "../../identity/schema.js";
import { DEFAULT_EXPIRE_MINUTES_BEFORE } from "./model.js";

const ApproverRef = z.strictObject({ type: z.enum(["user", "team"]), id: Id });

const StepInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  mode: z.enum(["any", "all"]).describe("any: one approver is enough; all: every approver must approve"),
  approvers: z.array(ApproverRef).min(1).max(50),
});

export const WorkflowInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopeType: z.enum(["account", "campaign"]).describe("A workflow belongs to one channel or one campaign"),
  scopeId: Id,
  expireMinutesBefore: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(DEFAULT_EXPIRE_MINUTES_BEFORE)
    .describe("An approval not given this long before the scheduled time expires; the post returns to draft"),
  steps: z.array(StepInput).min(1).max(10),
});

export const WorkflowView = z.object({
  id: z.string(),
  name: z.string(),
  scopeType: z.enum(["account", "campaign"]),
  scopeId: z.string(),
  expireMinutesBefore: z.number(),
  steps: z.array(
    z.object({
      name: z.string(),
      mode: z.enum(["any", "all"]),
      approvers: z.array(z.object({ type: z.enum(["user", "team"]), id: z.string() })),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const DecisionInput = z.strictObject({
  version: z.number().int().positive().describe("The version of the post you read"),
  comment: z.string().max(5000).optional(),
});

export const CommentInput = z.strictObject({ body: z.string().trim().min(1).max(5000) });

const Person = z.object({ id: z.string(), name: z.string() });

export const CommentView = z.object({ id: z.string(), author: Person, body: z.string(), createdAt: z.string() });

export const ApprovalView = z.object({
  round: z.number().describe("How many times the post was submitted; 0: never"),
  state: z.enum(["none", "pending", "approved", "rejected", "expired", "withdrawn"]),
  canDecide: z.boolean().describe("Whether you may approve or reject the step in turn now"),
  steps: z.array(
    z.object({
      id: z.string(),
      position: z.number(),
      name: z.string(),
      mode: z.enum(["any", "all"]),
      reason: z.string(),
      status: z.string(),
      expiresAt: z.string(),
      decidedAt: z.string().nullable(),
      approvers: z.array(z.object({ type: z.enum(["user", "team"]), id: z.string(), name: z.string() })),
      decisions: z.array(z.object({ user: Person, decision: z.enum(["approved", "rejected"]), at: z.string() })),
    }),
  ),
});

export const ReviewView = z.object({ approval: ApprovalView, comments: z.array(CommentView) });
