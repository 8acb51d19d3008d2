import { cuss } from "cuss";
import pluralize from "pluralize";
import { describe, expect, it } from "vitest";
import { createPolicy } from "../policy.js";
import { retextPipeline, runRetext } from "./languagePack.js";
import { mayContainProfanity } from "./profanityCandidates.js";

// The language pack skips retext-profanities when no word could start a profane phrase. That must
// never change a finding: these tests compare against the plugin run on every text.

const full = retextPipeline(new Set(["profanity", "inclusive", "readability"]));
const policy = createPolicy({ packs: undefined, settings: { packs: { netiquette: { enabled: false }, claims: { enabled: false } } } });

const viaPlugin = (text: string) =>
  runRetext(full, text)
    .messages.filter((m) => m.source === "retext-profanities")
    .map((m) => `${m.place && "start" in m.place ? m.place.start.offset : "?"}:${m.actual}`);
const viaPolicy = (text: string) =>
  policy
    .check(text)
    .filter((f) => f.ruleId === "profanity")
    .map((f) => `${f.start}:${f.actual}`);

describe("the profanity prefilter", () => {
  it("lets through every phrase retext-profanities knows, singular, plural, capitalised, hyphenated, possessive", () => {
    for (const phrase of Object.keys(cuss)) {
      for (const form of [phrase, pluralize.plural(phrase), pluralize.singular(phrase)]) {
        const first = form.split(" ")[0] ?? form;
        const upper = first.toUpperCase();
        for (const text of [`well ${form} then`, `${upper}!`, `so-${first}-ish`, `the ${first}'s`, `@x ${first}`]) {
          expect(mayContainProfanity(text), text).toBe(true);
        }
      }
    }
    expect(mayContainProfanity("We opened a new lounge in Lisbon today.")).toBe(false);
  });

  it("gives the same profanity findings as running the plugin on every text", () => {
    const phrases = Object.keys(cuss);
    const texts = [
      "Thanks for the quick reply, see you in Lisbon.",
      "@united you lost my bag again, what a damn mess!!",
      "Hell no. What the hell? #hell",
      "This is bullshit-level service from a bunch of asses",
      "Don't be a d-bag :) 😀 https://example.com/shit",
    ];
    for (let i = 0; i < phrases.length; i += 7)
      texts.push(`Our ${phrases[i]} and the ${pluralize.plural(phrases[i] ?? "")} story, said the pilot.`);
    for (const text of texts) expect(viaPolicy(text).sort(), text).toEqual(viaPlugin(text).sort());
  });
});
