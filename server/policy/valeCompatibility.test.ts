import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createPolicy } from "./policy.js";
import { loadStyles } from "./vale/loadStyles.js";

// errata-ai/write-good (MIT, kept whole with its LICENSE in fixtures/vale/write-good): a public Vale
// style with its own test texts and, in features/rules.feature, the alerts Vale itself prints.
const ROOT = path.join(import.meta.dirname, "fixtures/vale/write-good");

function scenarios(): { rule: string; expected: string[] }[] {
  const feature = readFileSync(path.join(ROOT, "features/rules.feature"), "utf8");
  const found: { rule: string; expected: string[] }[] = [];
  for (const m of feature.matchAll(/When I test "([^"]+)"[\s\S]*?"""\n([\s\S]*?)"""/g)) {
    const expected = (m[2] ?? "")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    found.push({ rule: m[1] ?? "", expected });
  }
  return found;
}

describe("a public Vale style (write-good) loads and reproduces Vale's alerts", async () => {
  const loaded = await loadStyles(path.join(ROOT, "write-good"));

  it("loads every rule without errors", () => {
    expect(loaded.errors).toEqual([]);
    expect(loaded.unsupported).toEqual([]);
    expect(loaded.styles.map((s) => s.name)).toEqual(["write-good"]);
    expect(loaded.styles[0]?.rules.map((r) => r.name).sort()).toEqual(
      ["Cliches", "E-Prime", "Illusions", "Passive", "So", "ThereIs", "TooWordy", "Weasel"].sort(),
    );
  });

  for (const { rule, expected } of scenarios()) {
    it(`${rule}: ${expected.length} alert(s) as Vale prints them`, () => {
      const style = loaded.styles[0];
      if (!style) throw new Error("style not loaded");
      const policy = createPolicy({ packs: [], styles: [{ name: style.name, rules: style.rules.filter((r) => r.name === rule) }] });
      const dir = path.join(ROOT, "fixtures", rule);
      const actual: string[] = [];
      for (const file of readdirSync(dir).filter((f) => f.startsWith("test."))) {
        for (const f of policy.check(readFileSync(path.join(dir, file), "utf8"))) {
          actual.push(`${file}:${f.line}:${f.column}:${f.source}.${f.ruleId}:${f.reason}`);
        }
      }
      // One known divergence: Weasel's fixture line 5 has "fairly", which is in Weasel.yml's own token
      // list, yet the feature file expects no alert for it (the list seems to have grown after the
      // feature was written; the rule as shipped matches it). Everything else is alert for alert.
      const extra = rule === "Weasel" ? ["test.md:5:23:write-good.Weasel:'fairly' is a weasel word!"] : [];
      expect(actual.sort()).toEqual([...expected, ...extra].sort());
    });
  }
});
