import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cuss } from "cuss";
import { describe, expect, it } from "vitest";
import { createPolicy } from "../policy.js";
import { retextPipeline, runRetext } from "./languagePack.js";

// retext-profanities and retext-equality search thousands of phrases with nlcst-search, which we
// patch (patches/nlcst-search+*.patch, applied by `npm install`) to keep its phrase index between
// runs. These tests hold the pack to what a freshly built pipeline reports on its first run.

const RULES = new Set(["profanity", "inclusive", "readability"]);
const policy = createPolicy({ settings: { packs: { netiquette: { enabled: false }, claims: { enabled: false } } } });

const firstRunOfFreshPipeline = (text: string) =>
  runRetext(retextPipeline(RULES), text)
    .messages.map((m) => `${m.source}:${m.place && "start" in m.place ? m.place.start.offset : "?"}:${m.actual}`)
    .sort();
const viaPolicy = (text: string) =>
  policy
    .check(text)
    .filter((f) => f.source === "language" && f.ruleId !== "readability")
    .map((f) => `${f.origin?.split(":")[0]}:${f.start}:${f.actual}`)
    .sort();

describe("the language pack", () => {
  it("is backed by the patched nlcst-search (bench:policy's p99 depends on it)", () => {
    const file = fileURLToPath(new URL("lib/index.js", import.meta.resolve("nlcst-search")));
    expect(readFileSync(file, "utf8"), "run `npm install` to apply patches/").toContain("Switchboard patch");
  });

  it("reports what a fresh retext pipeline reports, run after run", () => {
    const phrases = Object.keys(cuss);
    const texts = [
      "Thanks for the quick reply, see you in Lisbon.",
      "@united you lost my bag again, what a damn mess!!",
      "Hell no. What the hell? #hell",
      "This is bullshit-level service from a bunch of asses",
      "Don't be a d-bag :) 😀 https://example.com/shit",
      "Ask the chairman and his guys; the stewardess said he's crazy.",
      "Our spokesman called the policemen lame. She and her mailman agreed.",
    ];
    for (let i = 0; i < phrases.length; i += 97) texts.push(`Our ${phrases[i]} story, said the pilot.`);
    const expected = texts.map((t) => firstRunOfFreshPipeline(t).filter((m) => !m.startsWith("retext-readability")));
    for (let round = 0; round < 2; round++) {
      for (const [i, text] of texts.entries()) expect(viaPolicy(text), text).toEqual(expected[i]);
    }
    expect(expected.flat().some((m) => m.startsWith("retext-equality"))).toBe(true);
    expect(expected.flat().some((m) => m.startsWith("retext-profanities"))).toBe(true);
  });
});
