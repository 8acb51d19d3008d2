import { RE2JS } from "re2js";

// Every pattern that comes from a user (Vale rules, uploaded styles) runs on re2js, the JavaScript
// port of RE2: its automata run in time linear in the text, so no pattern can backtrack
// catastrophically (`(a+)+$` included) and no rule can hang the process. Vale compiles rules with
// regexp2 in its RE2 syntax mode, so styles' syntax carries over; what RE2 cannot do (lookahead,
// backreferences, which regexp2 allows) is rejected at load with a clear message; captureless
// lookbehind is supported (re2js runs it in linear time too). A backtracking engine behind a ReDoS
// checker was tried and rejected: redos-detector rates `(a+)+(?=!)` safe, yet V8 takes about a second
// on 26 "a"s and doubles with each one more. Built-in packs use V8's RegExp on
// patterns we wrote and reviewed, because it is faster on the keystroke path.

export class PatternError extends Error {
  constructor(
    readonly pattern: string,
    message: string,
  ) {
    super(message);
  }
}

export interface PatternMatch {
  start: number;
  end: number;
  text: string;
  /** Capture groups 1..n (undefined where a group did not take part). */
  groups: (string | undefined)[];
  /** Names of capture groups by index (index 1 is the first group); undefined for unnamed ones. */
  names: (string | undefined)[];
}

export interface SafePattern {
  readonly source: string;
  test(text: string): boolean;
  findAll(text: string): PatternMatch[];
}

const MAX_PATTERN_LENGTH = 200_000;

function explain(pattern: string, err: unknown): PatternError {
  const detail = err instanceof Error ? err.message : String(err);
  if (/`\(\?[=!]/.test(detail))
    return new PatternError(pattern, `lookahead "(?=" / "(?!" is not supported: rules run on RE2, which cannot backtrack (${detail})`);
  if (/\\[1-9]/.test(detail))
    return new PatternError(pattern, `backreferences like "\\1" are not supported: rules run on RE2, which cannot backtrack (${detail})`);
  return new PatternError(pattern, `invalid pattern: ${detail}`);
}

export function compileSafe(pattern: string, options: { ignoreCase?: boolean } = {}): SafePattern {
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw new PatternError(pattern.slice(0, 80), `pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern, (options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | RE2JS.LOOKBEHINDS);
  } catch (err) {
    throw explain(pattern, err);
  }
  const groupCount = compiled.groupCount();
  const names: (string | undefined)[] = [undefined];
  const named = compiled.namedGroups() as Record<string, number>;
  for (let i = 1; i <= groupCount; i++) names.push(undefined);
  for (const [name, index] of Object.entries(named)) names[index] = name;
  return {
    source: pattern,
    test: (text) => compiled.test(text),
    findAll(text) {
      const found: PatternMatch[] = [];
      if (!compiled.test(text)) return found;
      const m = compiled.matcher(text);
      while (m.find()) {
        const groups: (string | undefined)[] = [];
        for (let i = 1; i <= groupCount; i++) groups.push(m.group(i) ?? undefined);
        found.push({ start: m.start(), end: m.end(), text: m.group() ?? "", groups, names });
      }
      return found;
    },
  };
}
