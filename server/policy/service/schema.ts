import { z } from "zod";
import { POST_KINDS } from "../context.js";
import { lexiconSchema } from "../packs/lexicon/lexiconData.js";
import { policySettingsSchema } from "../settings.js";
import { CLAIM_KINDS, LEVELS } from "../types.js";

export const FindingView = z.object({
  source: z.string(),
  ruleId: z.string(),
  level: z.enum(LEVELS),
  reason: z.string(),
  start: z.number(),
  end: z.number(),
  line: z.number(),
  column: z.number(),
  actual: z.string().optional(),
  expected: z.array(z.string()).optional(),
  url: z.string().optional(),
  claim: z.enum(CLAIM_KINDS).optional(),
});

export const CheckBody = z.strictObject({
  text: z.string().max(100_000),
  kind: z.enum(POST_KINDS).optional().describe("What the text is: post, engagement, reply, advocacy or paid"),
  inReplyTo: z.string().max(10_000).optional().describe("The message a reply answers"),
});

export const SettingsBody = policySettingsSchema;
export const LexiconBody = lexiconSchema;
export const ClaimApproversBody = z.partialRecord(z.enum(CLAIM_KINDS), z.string().min(1).max(64));

const LoadError = z.object({ file: z.string(), line: z.number(), column: z.number(), rule: z.string(), message: z.string() });
const Unsupported = z.object({ file: z.string(), rule: z.string(), extends: z.string() });

export const PolicyView = z.object({
  version: z.number(),
  updatedAt: z.string().nullable(),
  settings: policySettingsSchema,
  lexicon: lexiconSchema,
  claimApprovers: ClaimApproversBody,
  rules: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      ruleId: z.string(),
      description: z.string(),
      defaultLevel: z.enum(LEVELS),
      enabled: z.boolean(),
      level: z.enum(LEVELS),
    }),
  ),
  styles: z.object({
    names: z.array(z.string()),
    errors: z.array(LoadError).describe("Rule files that did not load, with file and line"),
    unsupported: z.array(Unsupported).describe("Rules of Vale types Switchboard does not run, by name"),
  }),
});
