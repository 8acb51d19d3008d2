import { formatMessage } from "../../text/format.js";
import type { PostText } from "../../text/postText.js";
import { compileSafe } from "../../text/safeRegex.js";
import type { RawFinding } from "../../types.js";
import { finding, type RuleHead } from "../compiledRule.js";
import type { ConditionalSpec } from "../ruleSpec.js";
import { blocksFor } from "../scopes.js";
import { exceptionMatcher, isException, withCase } from "./shared.js";

/**
 * `conditional`: every match of `first` needs a match of `second` whose first capture group equals it,
 * e.g. an acronym ("WHO") must be defined somewhere ("World Health Organization (WHO)").
 */
export function compileConditional(spec: ConditionalSpec, head: RuleHead) {
  const first = compileSafe(withCase(spec.first, spec.ignorecase));
  const second = compileSafe(withCase(spec.second, spec.ignorecase));
  const except = exceptionMatcher(spec.exceptions, spec.ignorecase);
  return (post: PostText): RawFinding[] => {
    const blocks = blocksFor(spec.scope, post);
    const defined = new Set<string>();
    for (const block of blocks) {
      for (const m of second.findAll(block.text)) if (m.groups[0] !== undefined) defined.add(m.groups[0]);
    }
    const found: RawFinding[] = [];
    for (const block of blocks) {
      for (const m of first.findAll(block.text)) {
        if (defined.has(m.text) || isException(except, m.text)) continue;
        found.push(finding(head, block.offset + m.start, block.offset + m.end, formatMessage(spec.message, m.text), m.text));
      }
    }
    return found;
  };
}
