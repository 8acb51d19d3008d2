import { describe, expect, it } from "vitest";
import { classify } from "./index.js";
import { INTENTS, REASONS, SENTIMENTS } from "./labels.js";

const TOPICS = REASONS.map((r) => r.topic).filter((t) => t !== null);

const expectValid = (text: string) => {
  const result = classify(text);
  expect(SENTIMENTS).toContain(result.sentiment);
  expect(INTENTS).toContain(result.intent);
  expect(result.sentimentConfidence).toBeGreaterThanOrEqual(1 / 3);
  expect(result.sentimentConfidence).toBeLessThanOrEqual(1);
  if (result.topic !== null) expect(TOPICS).toContain(result.topic);
  expect(result.topicConfidence).toBeGreaterThanOrEqual(0);
  expect(result.topicConfidence).toBeLessThanOrEqual(1);
  return result;
};

describe("classify", () => {
  it("reads a clear complaint, with its topic", () => {
    const result = expectValid("@united you lost my luggage AGAIN. 3 days and still no bag. Worst airline ever.");
    expect(result).toMatchObject({ sentiment: "negative", intent: "complaint", topic: "lost_luggage" });
  });

  it("reads praise", () => {
    expect(expectValid("@VirginAmerica thank you so much, the crew was amazing and the flight was great! ❤️")).toMatchObject({
      sentiment: "positive",
      intent: "praise",
      topic: null,
    });
  });

  it("reads a cancelled flight", () => {
    expect(expectValid("@USAirways my flight got Cancelled Flightled and nobody can rebook me, on hold for 2 hours")).toMatchObject({
      sentiment: "negative",
      intent: "complaint",
    });
  });

  it("decodes HTML entities before reading", () => {
    expect(classify("@united thanks &amp; see you soon")).toEqual(classify("@united thanks & see you soon"));
  });

  it("gives no topic below the asked confidence", () => {
    const text = "@united this is not great";
    expect(classify(text, { minTopicConfidence: 1.01 }).topic).toBeNull();
  });

  it("does not throw on empty, blank, huge, emoji-only or odd input", () => {
    expectValid("");
    expectValid("   \n\t");
    expectValid("😡😡😡");
    expectValid("🙂");
    expectValid("\uD83D"); // a lone surrogate
    expectValid("\u0000\u0001\uFFFF");
    expectValid("&amp;&lt;&#0;&#x110000;&");
    expectValid("worst delay ever ".repeat(200_000));
    expectValid("@".repeat(10_000));
    expectValid("ß日本語のツイート 😍 #旅行");
  });
});
