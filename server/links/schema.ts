import { z } from "zod";
import { Id } from "../identity/schema.js";
import { MAX_DESTINATION_LENGTH } from "./destination.js";

const UtmValue = z
  .string()
  .trim()
  .max(200)
  .transform((v) => (v === "" ? null : v))
  .nullable();

export const UtmInput = z.strictObject({
  source: UtmValue.optional(),
  medium: UtmValue.optional(),
  campaign: UtmValue.optional(),
  term: UtmValue.optional(),
  content: UtmValue.optional(),
});

export const UtmView = z.object({
  source: z.string().nullable(),
  medium: z.string().nullable(),
  campaign: z.string().nullable(),
  term: z.string().nullable(),
  content: z.string().nullable(),
});

export const Code = z
  .string()
  .regex(/^[A-Za-z0-9_-]{3,64}$/, "3 to 64 letters, digits, - or _")
  .describe("The short code in /l/<code>; made up when left out");

export const CreateLinkBody = z.strictObject({
  destination: z.string().min(1).max(MAX_DESTINATION_LENGTH).describe("An http:// or https:// address"),
  code: Code.optional(),
  campaignId: Id.nullable().optional(),
  postId: Id.nullable().optional(),
  accountId: Id.nullable().optional(),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional().describe("After this the link shows the expired page"),
  utm: UtmInput.optional().describe("Values left out come from the destination's own query string, then the campaign's preset"),
});
export type CreateLinkInput = z.infer<typeof CreateLinkBody>;

export const UpdateLinkBody = z.strictObject({
  destination: z.string().min(1).max(MAX_DESTINATION_LENGTH).optional(),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  archived: z.boolean().optional().describe("An archived link shows the 404 page and keeps its clicks"),
  utm: UtmInput.optional(),
});
export type UpdateLinkInput = z.infer<typeof UpdateLinkBody>;

export const LinkView = z.object({
  id: z.string(),
  code: z.string(),
  shortUrl: z.string(),
  destination: z.string(),
  target: z.string().describe("Where visitors are sent: the destination with the UTM values (plus `sb_click`)"),
  campaign: z.object({ id: z.string(), name: z.string() }).nullable(),
  postId: z.string().nullable(),
  account: z.object({ id: z.string(), network: z.string(), handle: z.string() }).nullable(),
  utm: UtmView,
  expiresAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
  status: z.enum(["active", "expired", "archived"]),
  createdAt: z.string(),
  updatedAt: z.string(),
  clicks: z.number().describe("Counted clicks (one per visitor per hour), from the hourly rollup"),
  clicks7d: z.number().describe("Counted clicks in the last 7 days"),
});
export type LinkViewType = z.infer<typeof LinkView>;

export const LinkListQuery = z.strictObject({
  campaignId: Id.optional(),
  postId: Id.optional(),
  status: z.enum(["active", "expired", "archived", "all"]).default("all"),
  q: z.string().trim().max(200).optional().describe("Part of the code or destination"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const LinkList = z.object({ items: z.array(LinkView), total: z.number() });

export const ClicksQuery = z.strictObject({
  interval: z.enum(["hour", "day"]).default("hour"),
  from: z.iso.datetime({ offset: true }).optional().describe("Default: 48 hours (hour) or 30 days (day) ago"),
  to: z.iso.datetime({ offset: true }).optional().describe("Default: now"),
  timeZone: z.string().max(64).default("UTC").describe("IANA zone whose days the `day` interval counts"),
});

export const ClickSeries = z.object({
  interval: z.enum(["hour", "day"]),
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  points: z.array(z.object({ at: z.string().describe("Start of the hour, or the local date"), clicks: z.number() })),
  total: z.number(),
});

export const CampaignParams = z.strictObject({ campaignId: Id });
export const UtmPresetView = z.object({ campaignId: z.string(), utm: UtmView, updatedAt: z.string().nullable() });

export const ShortenBody = z.strictObject({
  text: z.string().max(100_000),
  campaignId: Id.nullable().optional(),
  accountId: Id.nullable().optional(),
  postId: Id.nullable().optional(),
});
export const ShortenResult = z.object({
  text: z.string().describe("The text with each http(s) URL replaced by its short link"),
  links: z.array(z.object({ url: z.string(), linkId: z.string(), code: z.string(), shortUrl: z.string(), created: z.boolean() })),
});

export const QrQuery = z.strictObject({ download: z.enum(["1", "true"]).optional() });
