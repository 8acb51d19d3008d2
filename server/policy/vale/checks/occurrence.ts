import { formatMessage } from "../../text/format.js";
import type { PostText } from "../../text/postText.js";
import { compileSafe } from "../../text/safeRegex.js";
import type { RawFinding } from "../../types.js";
import { finding, type RuleHead } from "../compiledRule.js";
import type { OccurrenceSpec } from "../ruleSpec.js";
import { blocksFor } from "../scopes.js";
import { withCase } from "./shared.js";

/** `occurrence`: `token` may appear at most `max` / at least `min` times per scope block. */
export function compileOccurrence(spec: OccurrenceSpec, head: RuleHead) {
  const pattern = compileSafe(withCase(`(?:${spec.token})`, spec.ignorecase));
  return (post: PostText): RawFinding[] => {
    const found: RawFinding[] = [];
    for (const block of blocksFor(spec.scope, post)) {
      const matches = pattern.findAll(block.text);
      const n = matches.length;
      if (!((spec.max > 0 && n > spec.max) || (spec.min > 0 && n < spec.min))) continue;
      const first = matches[0];
      const start = block.offset + (first?.start ?? 0);
      const end = first ? block.offset + first.end : block.offset + block.text.length;
      found.push(finding(head, start, end, formatMessage(spec.message, String(n)), first?.text ?? block.text));
    }
    return found;
  };
}
