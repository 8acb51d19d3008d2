import { z } from "zod";
import { Id } from "../identity/schema.js";

export const KINDS = ["lead", "signup", "sale"] as const;

const Currency = z
  .string()
  .regex(/^[A-Za-z]{3}$/, "a three-letter ISO 4217 code such as EUR")
  .transform((v) => v.toUpperCase());
const Money = z.number().min(0).max(10_000_000_000).describe("In the currency's main unit (49.90); kept to the cent");

/** What the website sends (signed POST body, or the pixel's query string). */
export const ConversionInput = z.strictObject({
  clickId: z
    .string()
    .regex(/^[0-9a-f-]{36}$/, "the sb_click value the destination was given")
    .optional(),
  dedupeKey: z.string().trim().min(1).max(200).describe("Unique per conversion (an order number): a replay is not counted twice"),
  kind: z.enum(KINDS),
  value: Money.optional(),
  currency: Currency.optional(),
  customerKey: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("The website's own id for the customer (hash it if it is an email): a later sale follows their lead"),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});

export const PixelQuery = z.object({
  click: z
    .string()
    .regex(/^[0-9a-f-]{36}$/)
    .optional(),
  key: z.string().trim().min(1).max(200),
  kind: z.enum(KINDS),
  value: z.coerce.number().min(0).max(10_000_000_000).optional(),
  currency: Currency.optional(),
  customer: z.string().trim().min(1).max(200).optional(),
});

export const ConversionResult = z.object({
  id: z.string(),
  duplicate: z.boolean().describe("True when this dedupe key was already stored: nothing was counted again"),
  attribution: z.string().describe("click | customer | pending (the click is still being written) | none"),
});

export const SettingsView = z.object({
  currency: z.string(),
  cpm: z.number().nullable().describe("Modelled cost per thousand impressions, for earned media value"),
  cpc: z.number().nullable().describe("Modelled cost per click, for earned media value"),
  pixelEnabled: z.boolean(),
  signingSecret: z.object({ configured: z.boolean(), updatedAt: z.string().nullable() }),
  updatedAt: z.string().nullable(),
});

export const SettingsBody = z.strictObject({
  currency: Currency.optional(),
  cpm: Money.nullable().optional(),
  cpc: Money.nullable().optional(),
  pixelEnabled: z.boolean().optional(),
});

export const SecretResult = z.object({ secret: z.string().describe("Shown once: put it in the website's configuration") });

export const CostBody = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("money"),
    amount: Money,
    note: z.string().trim().max(500).default(""),
    incurredOn: z.iso.date(),
  }),
  z.strictObject({
    kind: z.literal("hours"),
    hours: z.number().positive().max(100_000),
    rate: Money.describe("Per hour"),
    note: z.string().trim().max(500).default(""),
    incurredOn: z.iso.date(),
  }),
]);
export type CostInput = z.infer<typeof CostBody>;

export const CostView = z.object({
  id: z.string(),
  campaignId: z.string(),
  kind: z.enum(["money", "hours"]),
  hours: z.number().nullable(),
  rate: z.number().nullable(),
  amount: z.number(),
  currency: z.string(),
  note: z.string(),
  incurredOn: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});

export const CampaignParams = z.object({ campaignId: Id });
export const CostParams = z.object({ campaignId: Id, costId: Id });

export const ReportQuery = z.object({
  from: z.iso.date().optional().describe("First UTC day; 30 days before `to` by default"),
  to: z.iso.date().optional().describe("Last UTC day, included; today by default"),
  campaignId: Id.optional(),
  accountId: Id.optional(),
  postId: Id.optional(),
  linkId: Id.optional(),
});
export type ReportFilter = z.infer<typeof ReportQuery>;

const Kpis = z.object({
  clicks: z.number(),
  leads: z.number().describe("Leads reported by the website"),
  inboxLeads: z.number().describe("Conversations marked as leads in the inbox"),
  signups: z.number(),
  sales: z.number(),
  value: z.number().describe("Conversion value in the reporting currency"),
  cost: z.number().nullable().describe("Campaign costs entered for the range; null where costs do not apply (a link or channel)"),
  costPerLead: z.number().nullable(),
  costPerClick: z.number().nullable(),
  roi: z.number().nullable().describe("(value − cost) ÷ cost"),
  unsigned: z.number().describe("Conversions among these that came through the unsigned pixel"),
});
export type KpisType = z.infer<typeof Kpis>;

const Row = z.object({
  id: z.string(),
  label: z.string(),
  detail: z.string().nullable(),
  clicks: z.number(),
  leads: z.number(),
  inboxLeads: z.number(),
  sales: z.number(),
  value: z.number(),
  cost: z.number().nullable(),
  costPerLead: z.number().nullable(),
  roi: z.number().nullable(),
});
export type BreakdownRow = z.infer<typeof Row>;

export const Report = z.object({
  currency: z.string(),
  range: z.object({ from: z.string(), to: z.string(), days: z.number() }),
  previous: z.object({ from: z.string(), to: z.string() }),
  totals: Kpis,
  previousTotals: Kpis,
  series: z.array(
    z.object({
      day: z.string(),
      clicks: z.number(),
      leads: z.number(),
      inboxLeads: z.number(),
      sales: z.number(),
      value: z.number(),
      cost: z.number(),
    }),
  ),
  campaigns: z.array(Row),
  channels: z.array(Row),
  posts: z.array(Row),
  links: z.array(Row),
  earnedMedia: z.object({
    modelled: z.literal(true),
    value: z.number().nullable(),
    cpc: z.number().nullable(),
    cpm: z.number().nullable(),
    impressions: z.number().nullable().describe("Impressions the networks reported in the range (null for a link)"),
    note: z.string(),
  }),
  assumptions: z.array(z.string()),
});
export type ReportType = z.infer<typeof Report>;
