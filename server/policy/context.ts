import { z } from "zod";

// What the checked text is. The CLI's `--context` is this object as JSON; the composer, approvals,
// publish and inbox build it from the post and the inbox's sentiment figures.

export const POST_KINDS = ["post", "engagement", "reply", "advocacy", "paid"] as const;

export const sentimentFiguresSchema = z.object({
  /** Share of recent inbound mentions that were negative, 0..1. */
  negative_share: z.number().min(0).max(1).optional(),
  /** How many mentions the share is taken over. */
  mentions: z.number().int().min(0).optional(),
  /** The window the figures cover, in hours. */
  window_hours: z.number().positive().optional(),
  /** The usual negative share for this brand (the rolling baseline), 0..1. */
  baseline_negative_share: z.number().min(0).max(1).optional(),
});

export const policyContextSchema = z.object({
  kind: z.enum(POST_KINDS).default("post"),
  /** The message being answered (a reply's parent), as plain text. */
  in_reply_to: z.string().optional(),
  /** The brand's recent inbound sentiment (from the inbox; given directly until it exists). */
  brand_sentiment: z.enum(["negative", "neutral", "positive"]).optional(),
  sentiment_figures: sentimentFiguresSchema.optional(),
  /** A crisis is active (crisis mode or a listening alert). */
  crisis: z.boolean().optional(),
  crisis_reason: z.string().optional(),
  /**
   * The disclosure hashtags this text must carry instead of the generic `#ad`/`#sponsored`, e.g. an
   * advocacy programme's `#AcmeEmployee` (server/advocacy). Only paid and advocacy texts need one.
   */
  disclosure_tags: z
    .array(z.string().regex(/^[#＃][\p{L}\p{N}_]+$/u))
    .max(10)
    .optional(),
});

export type PolicyContext = z.output<typeof policyContextSchema>;
export type PolicyContextInput = z.input<typeof policyContextSchema>;
export type SentimentFigures = z.output<typeof sentimentFiguresSchema>;

export const parsePolicyContext = (input: unknown): PolicyContext => policyContextSchema.parse(input ?? {});
