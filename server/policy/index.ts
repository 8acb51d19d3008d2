// The policy engine's public surface: build a Policy once, call `check` on every keystroke.
export { approverGroupsFor, claimKinds } from "./claimRouting.js";
export { type PolicyContext, type PolicyContextInput, parsePolicyContext, policyContextSchema } from "./context.js";
export { BUILT_IN_PACKS } from "./packs/builtInPacks.js";
export { type LexiconData, type LexiconInput, lexiconSchema, parseLexicon } from "./packs/lexicon/lexiconData.js";
export type { PackDefinition } from "./packs/pack.js";
export { createPolicy, hasErrors, Policy, type PolicyOptions, type RuleStatus } from "./policy.js";
export { type PolicySettings, type PolicySettingsInput, policySettingsSchema } from "./settings.js";
export { CLAIM_KINDS, type ClaimKind, type Finding, LEVELS, type Level } from "./types.js";
export type { RuleLoadError, RuleLoadNote, UnsupportedRule } from "./vale/loadRule.js";
export { loadStyles, loadStylesFromFiles, loadStylesFromZip, type StylesLoad, type ValeStyle } from "./vale/loadStyles.js";
