import { describe, expect, it } from "vitest";
import { createPolicy } from "../../policy.js";

const lexicon = {
  banned: ["synergy", { term: "cheap flights", reason: "We say 'low fares'.", level: "warning" as const }],
  confidential: ["Project Falcon"],
  competitors: ["Acme Air"],
  brands: [{ term: "SwitchAir", variants: ["Switch Air"] }, "GitHub"],
  swaps: [{ term: "utilise", use: "use" }],
};
const policy = createPolicy({ lexicon, packs: undefined, settings: { packs: { language: { enabled: false } } } });
const lex = (text: string) => policy.check(text).filter((f) => f.source === "lexicon");

describe("company lexicon", () => {
  it("banned, confidential, competitor, brand and swap terms, case-insensitive, whole words", () => {
    const found = lex("Synergy! Project falcon beats ACME AIR; switchair and Switch Air on Github utilise SwitchAir. Synergyless.");
    expect(found.map((f) => [f.ruleId, f.actual, f.level, f.expected])).toEqual([
      ["banned", "Synergy", "error", undefined],
      ["confidential", "Project falcon", "error", undefined],
      ["competitor", "ACME AIR", "warning", undefined],
      ["brand", "switchair", "warning", ["SwitchAir"]],
      ["brand", "Switch Air", "warning", ["SwitchAir"]],
      ["brand", "Github", "warning", ["GitHub"]],
      ["swap", "utilise", "suggestion", ["use"]],
    ]);
    expect(found.every((f) => f.url?.startsWith("/kb/netiquette#lexicon-"))).toBe(true);
  });

  it("a term's own reason and level win; hashtags are checked, brand casing in hashtags is not", () => {
    expect(lex("Cheap flights to Lisbon")[0]).toMatchObject({ ruleId: "banned", level: "warning", reason: "We say 'low fares'." });
    expect(lex("Leaked: #ProjectFalcon and #synergy").map((f) => [f.ruleId, f.actual])).toEqual([
      ["confidential", "#ProjectFalcon"],
      ["banned", "synergy"],
    ]);
    expect(lex("#switchair rocks")).toEqual([]);
  });

  it("1,000 terms in one matcher", () => {
    const banned = Array.from({ length: 1_000 }, (_, i) => `term${i} word${i % 7}`);
    const big = createPolicy({ lexicon: { banned }, settings: { packs: { language: { enabled: false } } } });
    const found = big.check("We said term999 word5 and term3 word3, not term3 word4.").filter((f) => f.source === "lexicon");
    expect(found.map((f) => f.actual)).toEqual(["term999 word5", "term3 word3"]);
  });

  it("an empty lexicon finds nothing", () => {
    expect(
      createPolicy()
        .check("synergy Project Falcon")
        .filter((f) => f.source === "lexicon"),
    ).toEqual([]);
  });
});
