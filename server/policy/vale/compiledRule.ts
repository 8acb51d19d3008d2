import type { PostText } from "../text/postText.js";
import type { Level, RawFinding } from "../types.js";

/** A Vale rule ready to run on posts. */
export interface ValeRule {
  /** The style (folder) name, e.g. `write-good`. */
  style: string;
  /** The rule (file) name, e.g. `Cliches`. */
  name: string;
  extends: string;
  level: Level;
  description: string;
  /** The file it was loaded from. */
  file: string;
  run(post: PostText): RawFinding[];
}

/** What every check needs from the rule's common keys to make a finding. */
export interface RuleHead {
  style: string;
  name: string;
  level: Level;
  link?: string;
  limit?: number;
}

export function finding(head: RuleHead, start: number, end: number, reason: string, actual: string, expected?: string[]): RawFinding {
  return {
    source: head.style,
    ruleId: head.name,
    level: head.level,
    reason,
    start,
    end,
    actual,
    ...(expected ? { expected } : {}),
    ...(head.link ? { url: head.link } : {}),
  };
}
