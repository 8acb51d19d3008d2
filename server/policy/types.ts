// The shapes integrators see: levels, findings (vfile-message shape) and the context of a check.

export const LEVELS = ["suggestion", "warning", "error"] as const;
export type Level = (typeof LEVELS)[number];

export const levelRank = (level: Level): number => LEVELS.indexOf(level);

export const CLAIM_KINDS = ["price", "discount", "date", "guarantee", "availability", "health", "financial"] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** One problem in a text, in the shape of a vfile-message (plus `level` and, for claims, `claim`). */
export interface Finding {
  /** The pack or Vale style that produced it: `language`, `netiquette`, `claims`, `write-good`, ... */
  source: string;
  /** The rule within the source: `profanity`, `sales-pitch`, `Cliches`. Settings address it as `source.ruleId`. */
  ruleId: string;
  level: Level;
  /** Why, in words a contributor understands. */
  reason: string;
  /** UTF-16 offsets into the checked text (what `String.prototype.slice` takes); end is exclusive. */
  start: number;
  end: number;
  /** 1-based line and column (column counts Unicode code points) of `start`, for people and editors. */
  line: number;
  column: number;
  /** The text that was matched. */
  actual?: string;
  /** Suggested replacements, when the rule has a fix (may be one empty string: "delete it"). */
  expected?: string[];
  /** Where the guide explains the rule. */
  url?: string;
  /** vfile-message's `fatal`: true for error, false for warning, undefined for suggestion. */
  fatal?: boolean;
  /** For claim findings: which kind of promise, so approvals can add the approver group for that kind. */
  claim?: ClaimKind;
  /** Where a finding came from below the pack, e.g. `retext-equality:he-she`. */
  origin?: string;
}

/** A finding before the policy applies levels, settings and positions. */
export interface RawFinding {
  source: string;
  ruleId: string;
  level: Level;
  reason: string;
  start: number;
  end: number;
  actual?: string;
  expected?: string[];
  url?: string;
  claim?: ClaimKind;
  origin?: string;
}

/** A rule as the management UI lists it. */
export interface RuleInfo {
  /** `source.ruleId`, the key used in settings. */
  id: string;
  source: string;
  ruleId: string;
  description: string;
  defaultLevel: Level;
}
