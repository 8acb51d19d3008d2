import { formatMessage } from "../../text/format.js";
import type { PostText } from "../../text/postText.js";
import { compileSafe } from "../../text/safeRegex.js";
import type { RawFinding } from "../../types.js";
import { finding, type RuleHead } from "../compiledRule.js";
import type { ConsistencySpec } from "../ruleSpec.js";
import { blocksFor } from "../scopes.js";
import { NONWORD_TEMPLATE, WORD_TEMPLATE, withCase } from "./shared.js";

/** `consistency`: of each `either` pair, only one form may be used in a text. */
export function compileConsistency(spec: ConsistencySpec, head: RuleHead) {
  const wrap = spec.nonword ? NONWORD_TEMPLATE : WORD_TEMPLATE;
  const pairs = Object.entries(spec.either).map(([first, second]) => ({
    first,
    second,
    pattern: compileSafe(withCase(wrap(`(${first})|(${second})`), spec.ignorecase)),
  }));
  return (post: PostText): RawFinding[] => {
    const found: RawFinding[] = [];
    const blocks = blocksFor(spec.scope, post);
    for (const pair of pairs) {
      const seen = [false, false];
      let last: { start: number; end: number; text: string } | undefined;
      for (const block of blocks) {
        for (const m of pair.pattern.findAll(block.text)) {
          const which = m.groups[0] !== undefined ? 0 : 1;
          seen[which] = true;
          last = { start: block.offset + m.start, end: block.offset + m.end, text: m.text };
        }
      }
      // Like Vale, one finding per pair, where the second form was last seen.
      if (seen[0] && seen[1] && last) {
        const other = pair.pattern.findAll(last.text)[0]?.groups[0] !== undefined ? pair.second : pair.first;
        found.push(finding(head, last.start, last.end, formatMessage(spec.message, last.text), last.text, [other]));
      }
    }
    return found;
  };
}
