import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLAIM_KINDS, createPolicy } from "../policy/index.js";
import { starterArticles } from "./starter.js";

const POLICY_DIR = path.resolve(import.meta.dirname, "../policy");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "fixtures" ? [] : sourceFiles(full);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [full] : [];
  });
}

/**
 * Every anchor a policy finding links to (`${guideUrl}#…`), read from the packs' source. Each way a
 * pack spells its anchor is resolved here; a new spelling is reported as unresolved, so a rule added
 * without a guide section fails this test instead of shipping a dead link.
 */
function anchorsThePolicyLinksTo(): { anchors: Set<string>; unresolved: string[] } {
  const anchors = new Set<string>();
  const unresolved: string[] = [];
  for (const file of sourceFiles(POLICY_DIR)) {
    // Comments mention the pattern too (“a finding's url is `${guideUrl}#anchor`”): only code counts.
    const source = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
      .join("\n");
    for (const m of source.matchAll(/guideUrl\}#([^`]*)`/g)) {
      const expr = m[1] ?? "";
      if (/^[a-z0-9-]+$/.test(expr)) anchors.add(expr);
      // biome-ignore lint/suspicious/noTemplateCurlyInString: matching the packs' source text
      else if (expr === "${rule.anchor}") {
        // Netiquette rules: each rule file declares `anchor: "…"`.
        for (const rule of sourceFiles(path.dirname(file))) {
          for (const a of readFileSync(rule, "utf8").matchAll(/\banchor:\s*"([a-z0-9-]+)"/g)) anchors.add(a[1] ?? "");
        }
      } else if (/^\$\{ANCHOR\[[\w.]+\]\}$/.test(expr)) {
        const table = /const ANCHOR[^=]*=\s*\{([^}]*)\}/.exec(source)?.[1];
        if (!table) unresolved.push(`${file}: ${expr}`);
        for (const a of table?.matchAll(/:\s*"([a-z0-9-]+)"/g) ?? []) anchors.add(a[1] ?? "");
        // biome-ignore lint/suspicious/noTemplateCurlyInString: matching the packs' source text
      } else if (expr === "claims-${kind}") {
        for (const kind of CLAIM_KINDS) anchors.add(`claims-${kind}`);
      } else unresolved.push(`${file}: ${expr}`);
    }
  }
  return { anchors, unresolved };
}

const netiquette = () => {
  const article = starterArticles().find((a) => a.slug === "netiquette");
  if (!article) throw new Error("the netiquette starter article is missing");
  return article;
};

describe("the netiquette guide", () => {
  it("has a section for every anchor a policy finding links to", () => {
    const { anchors, unresolved } = anchorsThePolicyLinksTo();
    expect(unresolved).toEqual([]);
    // The anchors the brief names, as a floor: the scan above must at least find these.
    for (const known of ["sales-pitch", "ask-questions", "hashtags", "shouting", "link-only", "exclamation-marks"]) {
      expect(anchors).toContain(known);
    }
    expect(anchors.size).toBeGreaterThanOrEqual(24);
    const ids = new Set(netiquette().rendered.headings.map((h) => h.id));
    const missing = [...anchors].filter((a) => !ids.has(a));
    expect(missing).toEqual([]);
    // The rendered HTML carries the ids, so /kb/netiquette#sales-pitch scrolls there.
    for (const anchor of anchors) expect(netiquette().rendered.html).toContain(`id="${anchor}"`);
  });

  it("resolves the links of real findings from the policy engine", () => {
    const policy = createPolicy({
      lexicon: { banned: ["synergy"], confidential: ["Project Falcon"], competitors: ["Globex"], swaps: [{ term: "utilize", use: "use" }] },
    });
    const texts: [string, Record<string, unknown>][] = [
      ["BUY NOW!!! The best deal ever, limited time only, don't miss out #a #b #c #d #e #f", {}],
      ["https://example.com", {}],
      ["Our new app is out.", { kind: "engagement" }],
      ["Project Falcon beats Globex, we utilize synergy. Damn.", {}],
      ["Now $9.99, 20% off, ships by Friday, guaranteed, in stock, cures flu, 10% returns", {}],
      ["Check out our partner's product", { kind: "paid" }],
    ];
    const ids = new Set(netiquette().rendered.headings.map((h) => h.id));
    const linked = texts.flatMap(([text, context]) => policy.check(text, context)).flatMap((f) => (f.url ? [f.url] : []));
    expect(linked.length).toBeGreaterThan(10);
    for (const url of linked) {
      expect(url.startsWith("/kb/netiquette#")).toBe(true);
      expect(ids).toContain(url.split("#")[1]);
    }
  });
});

describe("the starter articles", () => {
  it("include a guide per network with a connector, the netiquette guide and a policy template", () => {
    const slugs = starterArticles().map((a) => a.slug);
    for (const slug of [
      "netiquette",
      "social-media-policy",
      "x-twitter",
      "bluesky",
      "facebook",
      "instagram",
      "linkedin",
      "mastodon",
      "wordpress",
      "rss",
    ]) {
      expect(slugs).toContain(slug);
    }
    const guides = starterArticles().filter((a) => a.title.startsWith("Guide:"));
    for (const guide of guides) {
      // What it is for, limits, etiquette, how to get access here.
      expect(guide.rendered.headings.map((h) => h.id)).toEqual(expect.arrayContaining(["purpose", "limits", "etiquette", "access"]));
    }
  });
});
