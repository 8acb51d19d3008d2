import { z } from "zod";

/** How text becomes hashed features. Stored in the model file: a model is only valid with its own. */
export const featureConfigSchema = z.object({
  /** log2 of the number of hash buckets. */
  bits: z.number().int().min(10).max(24),
  /** Character n-grams of these lengths inside each word, word boundaries included ("<ok>"); charMax 0 disables them. */
  charMin: z.number().int().min(1).max(8),
  charMax: z.number().int().min(0).max(8),
  /** Pairs of consecutive words within a clause. */
  wordBigrams: z.boolean(),
  /** A word between a negation ("not", "don't", "never"…) and the end of its clause is its own feature ("NOT_good"). */
  negationScope: z.boolean(),
  /**
   * "token": every @mention is the same feature (the model judges the text, not the addressee);
   * "handle": each handle is its own feature (learns per-airline priors from the training data).
   */
  mentions: z.enum(["token", "handle"]),
  /** Only the first maxChars characters of a message are read: bounded time on enormous messages. */
  maxChars: z.number().int().min(16).max(1_000_000),
});

export type FeatureConfig = z.infer<typeof featureConfigSchema>;

export const DEFAULT_FEATURES: FeatureConfig = {
  bits: 18,
  charMin: 2,
  charMax: 5,
  wordBigrams: true,
  negationScope: true,
  mentions: "token",
  maxChars: 2000,
};
