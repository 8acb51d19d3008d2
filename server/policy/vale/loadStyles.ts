import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { unzipSync } from "fflate";
import type { ValeRule } from "./compiledRule.js";
import { loadRule, type RuleLoadError, type RuleLoadNote, type UnsupportedRule } from "./loadRule.js";

// A Vale StylesPath holds one folder per style (`write-good/Passive.yml`, ...). Folders Vale uses
// for other things (`config/` vocabularies, `.vale-config`) hold no rules and are skipped.

export interface ValeStyle {
  name: string;
  rules: ValeRule[];
}

export interface StylesLoad {
  styles: ValeStyle[];
  /** Rule files that failed (bad YAML, bad keys, unsafe patterns), each with file and line. */
  errors: RuleLoadError[];
  /** Rules of Vale types this engine does not run, by name. */
  unsupported: UnsupportedRule[];
  notes: RuleLoadNote[];
}

const RULE_FILE = /\.ya?ml$/i;
const NOT_STYLES = new Set(["config", "vocab", ".vale-config", "__macosx"]);

/**
 * Loads styles from in-memory files: `{ "write-good/Passive.yml": "extends: existence ..." }`. A file's
 * style is its folder; files at the top level belong to `defaultStyle`. This is what a zip upload and
 * the database (rules stored as text) feed in.
 */
export function loadStylesFromFiles(files: Record<string, string>, defaultStyle = "Custom"): StylesLoad {
  const result: StylesLoad = { styles: [], errors: [], unsupported: [], notes: [] };
  const byStyle = new Map<string, ValeRule[]>();
  for (const file of Object.keys(files).sort()) {
    const parts = file.split(/[\\/]/).filter(Boolean);
    const base = parts.at(-1) ?? "";
    if (!RULE_FILE.test(base) || parts.some((p) => NOT_STYLES.has(p.toLowerCase()))) continue;
    const style = parts.at(-2) ?? defaultStyle;
    const name = base.replace(RULE_FILE, "");
    const loaded = loadRule(style, name, file, files[file] ?? "");
    if (loaded.kind === "error") result.errors.push(loaded.error);
    else if (loaded.kind === "unsupported") result.unsupported.push(loaded.unsupported);
    else {
      result.notes.push(...loaded.notes);
      result.errors.push(...loaded.errors);
      const list = byStyle.get(style) ?? [];
      list.push(loaded.rule);
      byStyle.set(style, list);
    }
  }
  result.styles = [...byStyle].map(([name, rules]) => ({ name, rules }));
  return result;
}

async function collect(dir: string, root: string, files: Record<string, string>, depth: number): Promise<void> {
  if (depth > 3) return;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !NOT_STYLES.has(entry.name.toLowerCase())) await collect(full, root, files, depth + 1);
    else if (entry.isFile() && RULE_FILE.test(entry.name)) files[path.relative(root, full)] = await readFile(full, "utf8");
  }
}

/**
 * Loads a style folder (`styles/write-good`, rule files inside) or a StylesPath (`styles/`, one folder
 * per style), or a .zip of either.
 */
export async function loadStyles(location: string): Promise<StylesLoad> {
  if ((await stat(location)).isFile()) return loadStylesFromZip(await readFile(location));
  const files: Record<string, string> = {};
  // Read from the parent so a style folder's own name becomes its style name.
  const parent = path.dirname(path.resolve(location));
  await collect(path.resolve(location), parent, files, 0);
  return loadStylesFromFiles(files, path.basename(path.resolve(location)));
}

/** Loads the styles in a zip archive (what the management UI uploads). */
export function loadStylesFromZip(zip: Uint8Array): StylesLoad {
  const entries = unzipSync(zip, { filter: (f) => RULE_FILE.test(f.name) && f.originalSize < 1_000_000 });
  const decoder = new TextDecoder();
  const files: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(entries)) files[name] = decoder.decode(bytes);
  return loadStylesFromFiles(files);
}
