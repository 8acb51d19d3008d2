import { formatMessage } from "../../text/format.js";
import type { PostText } from "../../text/postText.js";
import { compileSafe } from "../../text/safeRegex.js";
import type { RawFinding } from "../../types.js";
import { finding, type RuleHead } from "../compiledRule.js";
import type { ExistenceSpec } from "../ruleSpec.js";
import { blocksFor } from "../scopes.js";
import { exceptionMatcher, exceptionPhrases, isException, NONWORD_TEMPLATE, WORD_TEMPLATE, withCase, withinPhrase } from "./shared.js";

/** `existence`: any match of `raw` + `tokens` is a finding. */
export function compileExistence(spec: ExistenceSpec, head: RuleHead) {
  const tokens = spec.tokens.filter((t) => t.trim() !== "");
  const raw = spec.raw.join("");
  const wrap = !spec.nonword && tokens.length > 0 ? WORD_TEMPLATE : NONWORD_TEMPLATE;
  const body = wrap(tokens.join("|"));
  const pattern = compileSafe(withCase(spec.append ? body + raw : raw + body, spec.ignorecase));
  const except = exceptionMatcher(spec.exceptions, spec.ignorecase);
  const phrases = exceptionPhrases(spec.exceptions, spec.ignorecase);
  const replacement = spec.action?.name === "replace" ? spec.action.params : undefined;
  return (post: PostText): RawFinding[] => {
    const found: RawFinding[] = [];
    for (const block of blocksFor(spec.scope, post)) {
      const matches = pattern.findAll(block.text);
      const excepted = phrases && matches.length > 0 ? phrases.findAll(block.text) : [];
      for (const m of matches) {
        if (m.end === m.start || isException(except, m.text.trim()) || withinPhrase(excepted, m.start, m.end)) continue;
        const start = block.offset + m.start;
        found.push(finding(head, start, block.offset + m.end, formatMessage(spec.message, m.text), m.text, replacement));
      }
    }
    return found;
  };
}
