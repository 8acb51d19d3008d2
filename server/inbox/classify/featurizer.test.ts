import { describe, expect, it } from "vitest";
import { DEFAULT_FEATURES, type FeatureConfig } from "./featureConfig.js";
import { Featurizer } from "./featurizer.js";

const featurizer = new Featurizer(DEFAULT_FEATURES);
/** The features of a text as a sorted list (a copy: the featurizer reuses its buffer). */
const features = (text: string, f = featurizer) => {
  const v = f.extract(text);
  return Array.from(v.indices.subarray(0, v.count)).sort((a, b) => a - b);
};
const difference = (a: number[], b: number[]) => {
  const rest = [...b];
  return a.filter((x) => {
    const at = rest.indexOf(x);
    if (at === -1) return true;
    rest.splice(at, 1);
    return false;
  });
};

describe("featurizer", () => {
  it("is deterministic and reuses its buffer", () => {
    const first = features("@united my bag is lost, again!");
    expect(features("something else entirely")).not.toEqual(first);
    expect(features("@united my bag is lost, again!")).toEqual(first);
  });

  it("reads every @mention, every URL and every number as one token", () => {
    expect(features("@united where is flight 1234? http://t.co/abc")).toEqual(
      features("@Delta where is flight 99? https://www.example.com/x?y=1"),
    );
  });

  it("keeps airline handles apart when told to", () => {
    const byHandle = new Featurizer({ ...DEFAULT_FEATURES, mentions: "handle" });
    expect(features("@united thanks", byHandle)).not.toEqual(features("@delta thanks", byHandle));
    expect(features("@United thanks", byHandle)).toEqual(features("@united thanks", byHandle));
  });

  it("squashes elongations and marks them: 'sooo' and 'soooooo' are the same, 'so' is not", () => {
    expect(features("sooo good")).toEqual(features("soooooo good"));
    expect(features("so good")).not.toEqual(features("sooo good"));
  });

  it("ignores case except for shouting, which is one extra feature", () => {
    expect(features("Thank You")).toEqual(features("thank you"));
    expect(difference(features("THANKS a lot"), features("thanks a lot"))).toHaveLength(1);
  });

  it("gives a word in a negation scope its own feature, up to the end of the clause", () => {
    const plain = features("good");
    const negated = features("not good");
    const closed = features("not. good");
    expect(negated).not.toEqual(
      features("not")
        .concat(plain)
        .sort((a, b) => a - b),
    );
    expect(difference(closed, features("not"))).toEqual(plain);
    expect(features("don't like it")).not.toEqual(features("do like it"));
  });

  it("turns emoji and emoticons into features; a time or a URL is not a face", () => {
    expect(features("😡").length).toBeGreaterThan(0);
    expect(features("😡")).not.toEqual(features("😍"));
    expect(features(":)")).toEqual(features(":-)"));
    expect(features(":)")).not.toEqual(features(":("));
    expect(features("at 10:30")).toEqual(features("at 11:45"));
  });

  it("has no features for empty or blank text, and a bounded number for enormous text", () => {
    expect(featurizer.extract("").count).toBe(0);
    expect(featurizer.extract(" \n\t ").count).toBe(0);
    const huge = featurizer.extract("lost luggage again! ".repeat(100_000));
    expect(huge.count).toBeGreaterThan(0);
    expect(huge.count).toBeLessThanOrEqual(huge.indices.length);
    expect(featurizer.extract("a ".repeat(50_000)).count).toBeLessThanOrEqual(huge.indices.length);
  });

  it("never writes outside the hash space, whatever the characters", () => {
    const config: FeatureConfig = { ...DEFAULT_FEATURES, bits: 12 };
    const small = new Featurizer(config);
    const text = Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919) % 0xffff)).join("");
    const v = small.extract(text);
    for (const index of v.indices.subarray(0, v.count)) expect(index >>> config.bits).toBe(0);
  });
});
