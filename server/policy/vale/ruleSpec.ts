import { z } from "zod";
import { LEVELS } from "../types.js";

// The keys of a Vale rule, per `extends`, as Vale's docs define them (https://vale.sh/docs/checks/).
// Vale decodes keys case-insensitively and weakly ("3" for 3); the loader lower-cases keys first.

const stringList = z.preprocess((v) => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.string()));
const stringMap = z.record(z.coerce.string(), z.coerce.string());

const common = {
  extends: z.string(),
  message: z.string({ error: "is required" }),
  description: z.string().optional(),
  level: z.enum(LEVELS).default("suggestion"),
  link: z.string().optional(),
  limit: z.coerce.number().int().min(0).optional(),
  scope: stringList.default(["text"]),
  action: z.object({ name: z.string().optional(), params: stringList.optional() }).partial().optional(),
};

export const existenceSpec = z.looseObject({
  ...common,
  extends: z.literal("existence"),
  tokens: stringList.default([]),
  raw: stringList.default([]),
  exceptions: stringList.default([]),
  ignorecase: z.boolean().default(false),
  nonword: z.boolean().default(false),
  append: z.boolean().default(false),
});

export const substitutionSpec = z.looseObject({
  ...common,
  extends: z.literal("substitution"),
  swap: stringMap,
  exceptions: stringList.default([]),
  ignorecase: z.boolean().default(false),
  nonword: z.boolean().default(false),
});

export const occurrenceSpec = z.looseObject({
  ...common,
  extends: z.literal("occurrence"),
  token: z.coerce.string(),
  max: z.coerce.number().int().min(0).default(0),
  min: z.coerce.number().int().min(0).default(0),
  ignorecase: z.boolean().default(false),
});

export const repetitionSpec = z.looseObject({
  ...common,
  extends: z.literal("repetition"),
  tokens: stringList,
  max: z.coerce.number().int().min(0).default(0),
  ignorecase: z.boolean().default(false),
  alpha: z.boolean().default(false),
  exceptions: stringList.default([]),
});

export const consistencySpec = z.looseObject({
  ...common,
  extends: z.literal("consistency"),
  either: stringMap,
  ignorecase: z.boolean().default(false),
  nonword: z.boolean().default(false),
});

export const conditionalSpec = z.looseObject({
  ...common,
  extends: z.literal("conditional"),
  first: z.coerce.string(),
  second: z.coerce.string(),
  ignorecase: z.boolean().default(false),
  exceptions: stringList.default([]),
});

export const capitalizationSpec = z.looseObject({
  ...common,
  extends: z.literal("capitalization"),
  match: z.string(),
  style: z.string().default("AP"),
  exceptions: stringList.default([]),
  indicators: stringList.default([":"]),
});

export const metricSpec = z.looseObject({
  ...common,
  extends: z.literal("metric"),
  formula: z.coerce.string(),
  condition: z.coerce.string(),
});

export const RULE_SPECS = {
  existence: existenceSpec,
  substitution: substitutionSpec,
  occurrence: occurrenceSpec,
  repetition: repetitionSpec,
  consistency: consistencySpec,
  conditional: conditionalSpec,
  capitalization: capitalizationSpec,
  metric: metricSpec,
} as const;

export type SupportedType = keyof typeof RULE_SPECS;
export const SUPPORTED_TYPES = Object.keys(RULE_SPECS) as SupportedType[];
/** Vale rule types this engine does not run (yet); a rule of one of these is reported by name. */
export const UNSUPPORTED_TYPES = ["spelling", "readability", "sequence", "script", "lt"] as const;

export type ExistenceSpec = z.output<typeof existenceSpec>;
export type SubstitutionSpec = z.output<typeof substitutionSpec>;
export type OccurrenceSpec = z.output<typeof occurrenceSpec>;
export type RepetitionSpec = z.output<typeof repetitionSpec>;
export type ConsistencySpec = z.output<typeof consistencySpec>;
export type ConditionalSpec = z.output<typeof conditionalSpec>;
export type CapitalizationSpec = z.output<typeof capitalizationSpec>;
export type MetricSpec = z.output<typeof metricSpec>;
export type AnySpec =
  | ExistenceSpec
  | SubstitutionSpec
  | OccurrenceSpec
  | RepetitionSpec
  | ConsistencySpec
  | ConditionalSpec
  | CapitalizationSpec
  | MetricSpec;
