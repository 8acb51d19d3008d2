import { type PolicyContextInput, parsePolicyContext } from "./context.js";
import { BUILT_IN_PACKS } from "./packs/builtInPacks.js";
import { type LexiconInput, parseLexicon } from "./packs/lexicon/lexiconData.js";
import type { Checker, PackDefinition } from "./packs/pack.js";
import { type PolicySettings, type PolicySettingsInput, policySettingsSchema } from "./settings.js";
import { lineIndex } from "./text/position.js";
import { readPost } from "./text/postText.js";
import { type Finding, type Level, levelRank, type RawFinding, type RuleInfo } from "./types.js";
import type { ValeStyle } from "./vale/loadStyles.js";

export interface PolicyOptions {
  /** Built-in packs to include (default: all of them). */
  packs?: readonly PackDefinition[];
  /** Vale styles loaded with `loadStyles` / `loadStylesFromFiles` / `loadStylesFromZip`. */
  styles?: readonly ValeStyle[];
  /** The company lexicon (banned, confidential, competitors, brands, swaps). */
  lexicon?: LexiconInput;
  settings?: PolicySettingsInput;
}

export interface RuleStatus extends RuleInfo {
  enabled: boolean;
  /** The level findings get after settings (undefined: the rule's own level for each finding). */
  level: Level;
}

interface Source {
  id: string;
  rules: RuleInfo[];
  check: Checker;
}

/**
 * A policy: built-in packs, Vale styles and the lexicon, with settings applied. Build it once when the
 * settings or styles change; `check` is pure and synchronous, cheap enough for every keystroke.
 */
export class Policy {
  private readonly sources: Source[];
  private readonly statuses: Map<string, RuleStatus>;
  readonly settings: PolicySettings;

  constructor(options: PolicyOptions = {}) {
    this.settings = policySettingsSchema.parse(options.settings ?? {});
    const lexicon = parseLexicon(options.lexicon);
    this.statuses = new Map();
    this.sources = [];
    for (const pack of options.packs ?? BUILT_IN_PACKS) {
      const rules = pack.rules.map((r) => ({
        id: `${pack.id}.${r.id}`,
        source: pack.id,
        ruleId: r.id,
        description: r.description,
        defaultLevel: r.level,
      }));
      const enabledRules = this.register(rules);
      const check = enabledRules.size === 0 ? () => [] : pack.build({ ...this.settings, enabledRules, lexicon });
      this.sources.push({ id: pack.id, rules, check });
    }
    for (const style of options.styles ?? []) {
      const rules = style.rules.map((r) => ({
        id: `${style.name}.${r.name}`,
        source: style.name,
        ruleId: r.name,
        description: r.description,
        defaultLevel: r.level,
      }));
      const enabled = this.register(rules);
      const active = style.rules.filter((r) => enabled.has(r.name));
      this.sources.push({ id: style.name, rules, check: ({ post }) => active.flatMap((r) => r.run(post)) });
    }
  }

  /** Records each rule's effective status; returns the ids (within the source) that are on. */
  private register(rules: RuleInfo[]): Set<string> {
    const on = new Set<string>();
    for (const rule of rules) {
      const packSetting = this.settings.packs[rule.source] ?? {};
      const ruleSetting = this.settings.rules[rule.id] ?? {};
      const enabled = ruleSetting.enabled ?? packSetting.enabled ?? true;
      const level = ruleSetting.level ?? packSetting.level ?? rule.defaultLevel;
      this.statuses.set(rule.id, { ...rule, enabled, level });
      if (enabled) on.add(rule.ruleId);
    }
    return on;
  }

  /** Every rule with its effective state, for the management UI. */
  rules(): RuleStatus[] {
    return [...this.statuses.values()];
  }

  /** Checks a text; findings are sorted by position, most severe first at the same position. */
  check(text: string, context: PolicyContextInput = {}): Finding[] {
    const ctx = parsePolicyContext(context);
    const post = readPost(text);
    const raw: RawFinding[] = [];
    for (const source of this.sources) raw.push(...source.check({ post, context: ctx }));
    raw.sort((a, b) => a.start - b.start);
    const position = lineIndex(text);
    const minRank = levelRank(this.settings.minLevel);
    const findings: Finding[] = [];
    for (const r of raw) {
      const status = this.statuses.get(`${r.source}.${r.ruleId}`);
      if (status && !status.enabled) continue;
      const explicit = this.settings.rules[`${r.source}.${r.ruleId}`]?.level ?? this.settings.packs[r.source]?.level;
      const level = explicit ?? r.level;
      if (levelRank(level) < minRank) continue;
      const { line, column } = position(r.start);
      // Keys in a fixed, readable order (JSON output, snapshots); optional ones only when present.
      findings.push({
        ruleId: r.ruleId,
        source: r.source,
        level,
        reason: r.reason,
        start: r.start,
        end: r.end,
        line,
        column,
        ...(r.actual !== undefined ? { actual: r.actual } : {}),
        ...(r.expected !== undefined ? { expected: r.expected } : {}),
        ...(r.url !== undefined ? { url: r.url } : {}),
        ...(level !== "suggestion" ? { fatal: level === "error" } : {}),
        ...(r.claim !== undefined ? { claim: r.claim } : {}),
        ...(r.origin !== undefined ? { origin: r.origin } : {}),
      });
    }
    return findings.sort((a, b) => a.start - b.start || levelRank(b.level) - levelRank(a.level) || a.end - b.end);
  }
}

export const createPolicy = (options: PolicyOptions = {}) => new Policy(options);

/** True when any finding blocks publishing. */
export const hasErrors = (findings: readonly Finding[]) => findings.some((f) => f.level === "error");
