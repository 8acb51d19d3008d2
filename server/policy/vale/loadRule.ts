import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { compileSafe, PatternError } from "../text/safeRegex.js";
import { compileCapitalization } from "./checks/capitalization.js";
import { compileConditional } from "./checks/conditional.js";
import { compileConsistency } from "./checks/consistency.js";
import { compileExistence } from "./checks/existence.js";
import { compileMetric } from "./checks/metric.js";
import { compileOccurrence } from "./checks/occurrence.js";
import { compileRepetition } from "./checks/repetition.js";
import { compileSubstitution } from "./checks/substitution.js";
import type { RuleHead, ValeRule } from "./compiledRule.js";
import { type AnySpec, RULE_SPECS, SUPPORTED_TYPES, type SupportedType, UNSUPPORTED_TYPES } from "./ruleSpec.js";
import { isKnownPostScope } from "./scopes.js";

/** A rule file that could not be loaded; the style's other rules still load. */
export interface RuleLoadError {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

/** A rule of a Vale type this engine does not run: reported, never silently dropped. */
export interface UnsupportedRule {
  file: string;
  rule: string;
  extends: string;
}

/** Something worth knowing that does not stop the rule, e.g. a scope posts never have. */
export interface RuleLoadNote {
  file: string;
  rule: string;
  message: string;
}

export type RuleLoadResult =
  | { kind: "rule"; rule: ValeRule; notes: RuleLoadNote[]; errors: RuleLoadError[] }
  | { kind: "error"; error: RuleLoadError }
  | { kind: "unsupported"; unsupported: UnsupportedRule };

const compilers: { [K in SupportedType]: (spec: never, head: RuleHead) => ValeRule["run"] } = {
  existence: compileExistence,
  substitution: compileSubstitution,
  occurrence: compileOccurrence,
  repetition: compileRepetition,
  consistency: compileConsistency,
  conditional: compileConditional,
  capitalization: compileCapitalization,
  metric: compileMetric,
};

type Ranged = { range?: [number, number, number] | null };

/** Where a top-level key (or an item or key inside it) sits in the file, for error messages. */
function locate(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): { line: number; column: number } {
  const contents = doc.contents;
  const [key, inner] = path;
  if (isMap(contents) && typeof key === "string") {
    const pair = contents.items.find((p) => isScalar(p.key) && String(p.key.value).toLowerCase() === key);
    let node: Ranged | undefined = pair?.key as Ranged | undefined;
    if (typeof inner === "number" && isSeq(pair?.value)) node = (pair.value.items[inner] as Ranged | undefined) ?? node;
    if (typeof inner === "string" && isMap(pair?.value)) {
      const sub = pair.value.items.find((p) => isScalar(p.key) && String(p.key.value) === inner);
      node = (sub?.key as Ranged | undefined) ?? node;
    }
    const offset = node?.range?.[0];
    if (offset !== undefined) {
      const pos = lines.linePos(offset);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

/** Why a pattern cannot run, or undefined when it can. */
function patternProblem(pattern: string): string | undefined {
  try {
    compileSafe(pattern);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * A token (existence) or swap key (substitution) that RE2 cannot run is dropped and reported on its
 * own line; the rule's other tokens keep working, as the other rules of a style do.
 */
function dropUnrunnable(spec: AnySpec, report: (path: PropertyKey[], message: string) => void): AnySpec {
  if (spec.extends === "existence" && spec.tokens.length > 0) {
    const tokens = spec.tokens.filter((token, index) => {
      const problem = patternProblem(token);
      if (problem) report(["tokens", index], `token '${token}' skipped (the rule's other tokens still run): ${problem}`);
      return !problem;
    });
    if (tokens.length > 0 || spec.raw.length > 0) return { ...spec, tokens };
  }
  if (spec.extends === "substitution") {
    const entries = Object.entries(spec.swap).filter(([key]) => {
      const problem = patternProblem(key);
      if (problem) report(["swap", key], `swap '${key}' skipped (the rule's other swaps still run): ${problem}`);
      return !problem;
    });
    if (entries.length > 0) return { ...spec, swap: Object.fromEntries(entries) };
  }
  return spec;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `'${issue.path.join(".")}'` : "rule";
  return `${where}: ${issue.message}`;
}

/** Parses and compiles one Vale rule file (`style`/`name`.yml). */
export function loadRule(style: string, name: string, file: string, source: string): RuleLoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const fail = (message: string, at = { line: 1, column: 1 }): RuleLoadResult => ({
    kind: "error",
    error: { file, line: at.line, column: at.column, rule: `${style}.${name}`, message },
  });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = yamlError.linePos?.[0] ?? { line: 1, col: 1 };
    const first = (yamlError.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    return fail(`invalid YAML: ${first}`, { line: pos.line, column: pos.col });
  }
  const raw: unknown = doc.toJS();
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return fail("a rule must be a YAML mapping of keys (extends, message, ...)");
  const generic = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
  const type = typeof generic.extends === "string" ? generic.extends : undefined;
  if (!type) return fail("missing the required 'extends' key");
  if ((UNSUPPORTED_TYPES as readonly string[]).includes(type)) {
    return { kind: "unsupported", unsupported: { file, rule: `${style}.${name}`, extends: type } };
  }
  if (!(SUPPORTED_TYPES as string[]).includes(type)) {
    return fail(
      `'extends: ${type}' is not a Vale rule type; expected one of ${[...SUPPORTED_TYPES, ...UNSUPPORTED_TYPES].join(", ")}`,
      locate(doc, lines, ["extends"]),
    );
  }
  const parsed = RULE_SPECS[type as SupportedType].safeParse(generic);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(issue ? issueMessage(issue) : "invalid rule", locate(doc, lines, issue?.path ?? []));
  }
  const partial: RuleLoadError[] = [];
  const spec = dropUnrunnable(parsed.data as AnySpec, (path, message) => {
    const at = locate(doc, lines, path);
    partial.push({ file, line: at.line, column: at.column, rule: `${style}.${name}`, message });
  });
  const head: RuleHead = { style, name, level: spec.level, link: spec.link, limit: spec.limit };
  let run: ValeRule["run"];
  try {
    run = compilers[type as SupportedType](spec as never, head);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const key = err instanceof PatternError ? findCulprit(spec) : undefined;
    return fail(message, locate(doc, lines, key ?? ["extends"]));
  }
  const limited: ValeRule["run"] = spec.limit ? (post) => run(post).slice(0, spec.limit) : run;
  const notes = spec.scope
    .filter((s) => !isKnownPostScope(s))
    .map((s) => ({ file, rule: `${style}.${name}`, message: `scope '${s}' does not occur in posts; this scope of the rule never fires` }));
  return {
    kind: "rule",
    notes,
    errors: partial,
    rule: { style, name, extends: type, level: spec.level, description: spec.description ?? spec.message, file, run: limited },
  };
}

/** Which key (and list item) holds a pattern that does not compile on its own, so the error names its line. */
function findCulprit(spec: AnySpec): PropertyKey[] | undefined {
  const fails = (pattern: string) => {
    try {
      compileSafe(pattern);
      return false;
    } catch {
      return true;
    }
  };
  for (const [key, value] of Object.entries(spec)) {
    if (key === "message" || key === "description" || key === "link" || key === "extends") continue;
    if (Array.isArray(value)) {
      const index = value.findIndex((v) => typeof v === "string" && fails(v));
      if (index >= 0) return [key, index];
    } else if (value && typeof value === "object" && (key === "swap" || key === "either")) {
      if (Object.entries(value).some(([k, v]) => fails(k) || fails(String(v)))) return [key];
    } else if (typeof value === "string" && fails(value)) {
      return [key];
    }
  }
  return undefined;
}
