import { formatMessage } from "../../text/format.js";
import type { PostText } from "../../text/postText.js";
import { compileSafe, PatternError } from "../../text/safeRegex.js";
import type { RawFinding } from "../../types.js";
import { finding, type RuleHead } from "../compiledRule.js";
import type { SubstitutionSpec } from "../ruleSpec.js";
import { blocksFor } from "../scopes.js";
import { exceptionMatcher, isException, isPhrase, NONWORD_TEMPLATE, WORD_TEMPLATE, withCase } from "./shared.js";

/** `substitution`: each `swap` key (a pattern) found in the text should be its value instead. */
export function compileSubstitution(spec: SubstitutionSpec, head: RuleHead) {
  const entries = Object.entries(spec.swap);
  for (const [key] of entries) {
    // Vale maps the n-th capture group to the n-th replacement, so a key may not add groups.
    const opens = (
      key
        .replace(/\\\\/g, "")
        .replace(/\\\(/g, "")
        .match(/\((?!\?)/g) ?? []
    ).length;
    if (opens > 0) throw new PatternError(key, `capture group not supported in swap key '${key}'; use '(?:' instead of '('`);
  }
  const wrap = spec.nonword ? NONWORD_TEMPLATE : WORD_TEMPLATE;
  const pattern = compileSafe(withCase(wrap(entries.map(([key]) => `(${key})`).join("|")), spec.ignorecase));
  const except = exceptionMatcher(spec.exceptions, spec.ignorecase);
  const same = entries.map(([, expected]) => {
    if (isPhrase(expected)) return (observed: string) => observed === expected;
    try {
      const exact = compileSafe(withCase(`^(?:${expected})$`, spec.ignorecase));
      return (observed: string) => exact.test(observed);
    } catch {
      return (observed: string) => observed === expected;
    }
  });
  return (post: PostText): RawFinding[] => {
    const found: RawFinding[] = [];
    for (const block of blocksFor(spec.scope, post)) {
      for (const m of pattern.findAll(block.text)) {
        const index = m.groups.findIndex((g) => g !== undefined);
        const entry = entries[index];
        if (!entry) continue;
        const observed = m.text.trim();
        if (same[index]?.(observed) || isException(except, observed)) continue;
        const expected = entry[1];
        const options = expected.split("|");
        const reason = formatMessage(spec.message, options.join("' or '"), observed);
        found.push(finding(head, block.offset + m.start, block.offset + m.end, reason, m.text, options));
      }
    }
    return found;
  };
}
