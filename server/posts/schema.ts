import { z } from "zod";
import { Id } from "../identity/schema.js";
import { MAX_POST_MEDIA, PostMediaView } from "../media/schema.js";
import { FindingView } from "../policy/service/schema.js";
import { isTimeZone, POST_STATUSES } from "./model.js";

const Text = z.string().max(100_000);

export const VariantInput = z.strictObject({
  accountId: Id,
  text: Text.nullable().optional().describe("This channel's own wording; absent or null: the post's text"),
  threadParts: z.array(Text).max(50).optional().describe("Replies that follow the first part, as a thread"),
});

const LocalDate = z.iso.date().describe("YYYY-MM-DD");

export const RepeatInput = z.strictObject({
  frequency: z.enum(["daily", "weekly", "monthly"]),
  interval: z.number().int().min(1).max(52).default(1).describe("Every 1, 2, … days, weeks or months"),
  until: LocalDate.optional().describe("No occurrence after this day (in the post's time zone)"),
  count: z.number().int().min(2).max(500).optional().describe("How many times in all, the first included"),
});

const MediaIds = z
  .array(Id)
  .max(MAX_POST_MEDIA)
  .describe("Uploaded images (POST /api/media), in order; they go with each channel's first part");

export const PostInput = z.strictObject({
  text: Text,
  campaignId: Id.nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(30).optional(),
  timeZone: z.string().max(64).refine(isTimeZone, "an IANA time zone such as Europe/Berlin"),
  scheduledAt: z.iso.datetime({ offset: true }).nullable().optional().describe("Absent or null: a draft"),
  queue: z.literal(true).optional().describe("Schedule it in the next free slot of its channels' posting queues (instead of scheduledAt)"),
  repeat: RepeatInput.nullable().optional().describe("Repeat at the same wall-clock time in its time zone; null: once"),
  policyOverride: z
    .strictObject({ reason: z.string().trim().min(3).max(1000) })
    .optional()
    .describe("Administrators only: let error-level policy findings through, with the reason (audited)"),
  variants: z.array(VariantInput).min(1).max(50),
  mediaIds: MediaIds.optional(),
});

export const PostPatch = PostInput.partial().extend({
  version: z.number().int().positive().describe("The version you edited; an older one is a conflict"),
});

export const PostQuery = z
  .strictObject({
    status: z.enum(POST_STATUSES).optional(),
    campaignId: Id.optional(),
    accountId: Id.optional(),
    from: z.iso.datetime({ offset: true }).optional().describe("Only posts scheduled at or after this instant (the calendar's range)"),
    to: z.iso.datetime({ offset: true }).optional().describe("Only posts scheduled before this instant"),
    authorId: Id.optional(),
    tag: z.string().trim().min(1).max(50).optional().describe("Only posts with this tag"),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe("Skip this many (the next page: `nextOffset`)"),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { message: "`to` must be after `from`", path: ["to"] });

export const VariantView = z.object({
  id: z.string(),
  accountId: z.string().nullable(),
  network: z.string(),
  handle: z.string().nullable(),
  text: z.string(),
  ownText: z.boolean(),
  threadParts: z.array(z.string()),
  length: z.object({ count: z.number(), limit: z.number() }).nullable(),
  status: z.string(),
  remoteUrl: z.string().nullable(),
  lastError: z.string().nullable().describe("Why the variant did not go out (the network's reason)"),
});

export const PostView = z.object({
  id: z.string(),
  author: z.object({ id: z.string(), name: z.string() }),
  campaign: z.object({ id: z.string(), name: z.string() }).nullable(),
  text: z.string(),
  tags: z.array(z.string()),
  timeZone: z.string(),
  scheduledAt: z.string().nullable(),
  repeat: z
    .object({
      frequency: z.enum(["daily", "weekly", "monthly"]),
      interval: z.number(),
      until: z.string().optional(),
      count: z.number().optional(),
    })
    .nullable(),
  occurrence: z.number().nullable().describe("Which occurrence of a repeating post this is (1: the first)"),
  status: z.enum(POST_STATUSES),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  variants: z.array(VariantView),
  media: z.array(PostMediaView),
});
export type PostViewType = z.infer<typeof PostView>;

export const CampaignInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).optional(),
});
export const CampaignView = z.object({ id: z.string(), name: z.string(), description: z.string(), createdAt: z.string() });

export const CheckInput = z.strictObject({
  text: Text,
  variants: z.array(VariantInput).max(50),
  mediaIds: MediaIds.optional(),
});

const ProblemView = z.object({
  accountId: z.string(),
  network: z.string(),
  code: z.string(),
  message: z.string(),
  count: z.number().optional(),
  limit: z.number().optional(),
});

export const CheckView = z.object({
  variants: z.array(
    z.object({
      accountId: z.string(),
      network: z.string(),
      length: z.object({ count: z.number(), limit: z.number() }).nullable(),
      problems: z.array(ProblemView),
      findings: z
        .array(FindingView.extend({ part: z.number().describe("0: the first part; 1…: the thread's replies") }))
        .describe("What the organisation's policy says about this channel's text"),
    }),
  ),
});
