import { z } from "zod";
import { Audience } from "./model.js";

export const CampaignSettings = z.strictObject({
  audience: Audience.default({ kind: "everyone" }),
  dueAt: z.iso.datetime({ offset: true }).describe("When everyone should have acknowledged"),
  allowLate: z
    .boolean()
    .default(true)
    .describe(
      "true: after the due date people may still acknowledge and keep gated rights meanwhile; false: gated rights stop at the due date until they acknowledge",
    ),
  remindEveryDays: z.number().int().min(1).max(60).default(3),
});

export const VersionBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  body: z.string().min(1).max(200_000).describe("The policy in Markdown"),
  note: z.string().trim().max(500).default("").describe("What changed"),
  substantive: z.boolean().describe("A substantive change must be acknowledged again and starts a campaign"),
  campaign: CampaignSettings.optional().describe("Required when substantive"),
});

export const CampaignPatch = z.strictObject({
  dueAt: z.iso.datetime({ offset: true }).optional(),
  allowLate: z.boolean().optional(),
  remindEveryDays: z.number().int().min(1).max(60).optional(),
  closed: z.boolean().optional().describe("A closed campaign sends no reminders and gives no grace"),
});

export const AcknowledgeBody = z.strictObject({
  viewId: z.string().max(100).describe("From POST /api/attestation/views: which text you read"),
  openMs: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400_000)
    .describe("How long the text was open, as the client measured it; bounded by the server"),
});

const CampaignView = z
  .object({
    id: z.string(),
    version: z.number(),
    audience: Audience,
    dueAt: z.string(),
    allowLate: z.boolean(),
    remindEveryDays: z.number(),
    lastRemindedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
    total: z.number(),
    acknowledged: z.number(),
  })
  .meta({ id: "AttestationCampaign" });

export { CampaignView };

export const VersionSummary = z.object({
  version: z.number(),
  title: z.string(),
  substantive: z.boolean(),
  note: z.string(),
  publishedBy: z.string(),
  publishedAt: z.string(),
});

export const MyStatus = z
  .object({
    current: VersionSummary.nullable(),
    requiredVersion: z.number().nullable().describe("The newest substantive version: the one to accept"),
    acknowledgedVersion: z.number().nullable(),
    acknowledgedAt: z.string().nullable(),
    needed: z.boolean(),
    campaign: z.object({ id: z.string(), dueAt: z.string(), allowLate: z.boolean(), overdue: z.boolean() }).nullable(),
  })
  .meta({ id: "AttestationStatus" });

export const OpenedPolicy = z
  .object({
    viewId: z.string(),
    servedAt: z.string(),
    version: z.number(),
    title: z.string(),
    html: z.string(),
    sinceVersion: z.number().nullable().describe("The version you last accepted, which the diff starts from"),
    diff: z
      .array(z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() }))
      .nullable()
      .describe("Word-level changes of the Markdown text since sinceVersion"),
  })
  .meta({ id: "AttestationOpenedPolicy" });

export const ReportRow = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  acknowledgedVersion: z.number().nullable(),
  acknowledgedAt: z.string().nullable(),
  openMs: z.number().nullable(),
  late: z.boolean(),
});
