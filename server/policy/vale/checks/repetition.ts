import { formatMessage } from "../../text/format.js";
import { type PostText, sentences } from "../../text/postText.js";
import { compileSafe } from "../../text/safeRegex.js";
import type { RawFinding } from "../../types.js";
import { finding, type RuleHead } from "../compiledRule.js";
import type { RepetitionSpec } from "../ruleSpec.js";
import { blocksFor } from "../scopes.js";
import { exceptionMatcher, isException, isLetters, withCase } from "./shared.js";

/** `repetition`: the same token twice in a row ("the the"), more than `max` times, within a sentence. */
export function compileRepetition(spec: RepetitionSpec, head: RuleHead) {
  const pattern = compileSafe(withCase(`(${spec.tokens.join("|")})`, spec.ignorecase));
  const except = exceptionMatcher(spec.exceptions, spec.ignorecase);
  return (post: PostText): RawFinding[] => {
    const found: RawFinding[] = [];
    for (const block of blocksFor(spec.scope, post)) {
      let prev = "";
      let prevStart = 0;
      let count = 0;
      // Follows Vale's loop (internal/check/repetition.go), including when the count resets.
      for (const m of pattern.findAll(block.text)) {
        const curr = m.text.trim();
        let hit = curr !== "" && (spec.ignorecase ? curr.toLowerCase() === prev.toLowerCase() : curr === prev);
        hit = hit && (!spec.alpha || isLetters(curr));
        if (hit) count++;
        if (hit && count > spec.max) {
          const span = block.text.slice(prevStart, m.end);
          if (sentences(span).length <= 1 && !isException(except, span)) {
            found.push(finding(head, block.offset + prevStart, block.offset + m.end, formatMessage(spec.message, curr), span, [curr]));
            count = 0;
          }
        }
        prevStart = m.start;
        prev = curr;
      }
    }
    return found;
  };
}
