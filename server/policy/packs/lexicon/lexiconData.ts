import { z } from "zod";
import { LEVELS } from "../../types.js";

// The company lexicon, as admins edit it in the UI (and as `switchboard lint --lexicon FILE` reads it).

const term = z.union([
  z.string().min(1),
  z.object({ term: z.string().min(1), reason: z.string().optional(), level: z.enum(LEVELS).optional() }),
]);

export const lexiconSchema = z.object({
  /** Words the organisation never uses in public. */
  banned: z.array(term).default([]),
  /** Internal project and product code names that must not leak. */
  confidential: z.array(term).default([]),
  /** Competitors' names: mentioning them needs care (and often legal's eye). */
  competitors: z.array(term).default([]),
  /** Names with one right spelling: any other casing, and any listed variant, is a finding. */
  brands: z
    .array(
      z.union([
        z.string().min(1),
        z.object({ term: z.string().min(1), variants: z.array(z.string().min(1)).default([]), reason: z.string().optional() }),
      ]),
    )
    .default([]),
  /** Preferred words: write `use` instead of `term`. */
  swaps: z
    .array(z.object({ term: z.string().min(1), use: z.string(), reason: z.string().optional(), level: z.enum(LEVELS).optional() }))
    .default([]),
});

export type LexiconData = z.output<typeof lexiconSchema>;
export type LexiconInput = z.input<typeof lexiconSchema>;

export const emptyLexicon = (): LexiconData => lexiconSchema.parse({});
export const parseLexicon = (input: unknown): LexiconData => lexiconSchema.parse(input ?? {});
