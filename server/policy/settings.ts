import { z } from "zod";
import { LEVELS } from "./types.js";

// What admins set in the management UI: packs and rules switched on or off and re-levelled, plus the
// few thresholds the packs take. Rules are addressed as `source.ruleId` (`netiquette.shouting`,
// `write-good.Passive`); a rule's setting wins over its pack's.

const toggle = z.object({ enabled: z.boolean().optional(), level: z.enum(LEVELS).optional() });

export const policySettingsSchema = z.object({
  packs: z.record(z.string(), toggle).default({}),
  rules: z.record(z.string(), toggle).default({}),
  /** Drop findings below this level (e.g. hide suggestions at publish time). */
  minLevel: z.enum(LEVELS).default("suggestion"),
  /** More hashtags than this is stuffing. */
  maxHashtags: z.number().int().min(0).default(3),
  /** The reader age retext-readability aims at. */
  readabilityAge: z.number().int().min(5).max(99).default(16),
  /** Where the netiquette guide lives; findings link to anchors in it. */
  guideUrl: z.string().default("/kb/netiquette"),
});

export type PolicySettings = z.output<typeof policySettingsSchema>;
export type PolicySettingsInput = z.input<typeof policySettingsSchema>;
export type RuleToggle = z.output<typeof toggle>;
