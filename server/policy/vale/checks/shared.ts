import { compileSafe, type SafePattern } from "../../text/safeRegex.js";

// Vale's regex templates (internal/check/definition.go): tokens are wrapped in word boundaries
// unless `nonword` is set; `(?i)` is prepended for `ignorecase`.
export const WORD_TEMPLATE = (inner: string) => `(?m)\\b(?:${inner})\\b`;
export const NONWORD_TEMPLATE = (inner: string) => `(?m)(?:${inner})`;

export const withCase = (pattern: string, ignoreCase: boolean) => (ignoreCase ? `(?i)${pattern}` : pattern);

/** `exceptions` match a whole observed string (Vale anchors them), optionally ignoring case. */
export function exceptionMatcher(exceptions: string[], ignoreCase: boolean): SafePattern | undefined {
  const list = exceptions.filter((e) => e.trim() !== "");
  if (list.length === 0) return undefined;
  // Longest first, as Vale sorts them, so alternation prefers the longer exception.
  list.sort((a, b) => b.length - a.length);
  return compileSafe(withCase(`^(?:${list.join("|")})$`, ignoreCase));
}

export const isException = (re: SafePattern | undefined, observed: string) => (re ? re.test(observed) : false);

/** True when every character is a letter (Vale's core.IsLetter). */
export const isLetters = (s: string) => /^\p{L}+$/u.test(s);

/** Vale's core.IsPhrase: letters and spaces only. */
export const isPhrase = (s: string) => /^[\p{L} ]*$/u.test(s);

/**
 * Vale (v3) also skips a match that lies inside an occurrence of an exception phrase: with the
 * exception "Quite right", the token "quite" does not fire in "Quite right!".
 */
export function exceptionPhrases(exceptions: string[], ignoreCase: boolean): SafePattern | undefined {
  const list = exceptions.filter((e) => e.trim() !== "").sort((a, b) => b.length - a.length);
  if (list.length === 0) return undefined;
  return compileSafe(withCase(`(?:${list.join("|")})`, ignoreCase));
}

/** True when [start, end) lies inside one of the exception phrases found in the block (`spans`). */
export function withinPhrase(spans: readonly { start: number; end: number }[], start: number, end: number): boolean {
  return spans.some((p) => p.start <= start && end <= p.end && p.end - p.start > end - start);
}
