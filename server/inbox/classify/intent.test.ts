import { describe, expect, it } from "vitest";
import { deriveIntent, type IntentInput } from "./intent.js";

const neutral = (text: string): IntentInput => ({ text, sentiment: "neutral", sentimentConfidence: 0.7, topic: null });
const positive = (text: string): IntentInput => ({ text, sentiment: "positive", sentimentConfidence: 0.8, topic: null });
const negative = (text: string, topic: string | null, sentimentConfidence = 0.7): IntentInput => ({
  text,
  sentiment: "negative",
  sentimentConfidence,
  topic,
});

describe("deriveIntent", () => {
  it("complaint: negative with a topic, or strongly negative", () => {
    expect(deriveIntent(negative("@united lost my bag in Denver, 3 days and no call back", "lost_luggage"))).toBe("complaint");
    expect(deriveIntent(negative("@USAirways worst experience of my life. Never again.", null, 0.95))).toBe("complaint");
    // A question asked in anger is still a complaint when the model knows what it is about.
    expect(deriveIntent(negative("@AmericanAir why was my flight Cancelled Flightled with no notice??", "cancelled_flight"))).toBe(
      "complaint",
    );
  });

  it("a mildly negative message with no topic is not a complaint", () => {
    expect(deriveIntent(negative("@SouthwestAir hmm, not sure about the new boarding", null, 0.55))).toBe("other");
    expect(deriveIntent(negative("@JetBlue is the wifi down on every flight today?", null, 0.6))).toBe("question");
  });

  it("spam: a promotion with a link, two promotions, or a link in a cloud of hashtags", () => {
    expect(deriveIntent(positive("WIN a free trip to Hawaii!! Enter to win here http://bit.ly/xyz"))).toBe("spam");
    expect(deriveIntent(neutral("@united check out my travel blog, follow me for follow back"))).toBe("spam");
    expect(deriveIntent(neutral("Cheap flights #travel #deals #flights #vacation #holiday http://t.co/abc"))).toBe("spam");
    expect(deriveIntent(positive("Use promo code SAVE20 for 20% off http://example.com"))).toBe("spam");
  });

  it("a customer sharing a link or asking for something free is not spam", () => {
    expect(deriveIntent(neutral("@united here is a photo of the seat http://t.co/abc"))).toBe("other");
    expect(deriveIntent(negative("@united you owe me a free flight http://t.co/abc", "customer_service"))).toBe("complaint");
  });

  it("lead: purchase or booking intent in a message that is not negative", () => {
    expect(deriveIntent(neutral("@JetBlue how much is a flight from BOS to FLL next weekend?"))).toBe("lead");
    expect(deriveIntent(neutral("@SouthwestAir I want to book a trip to Vegas for 6 people, group rates?"))).toBe("lead");
    expect(deriveIntent(positive("@VirginAmerica do you fly to Austin? Would love to fly with you"))).toBe("lead");
    expect(deriveIntent(neutral("@Delta looking to buy a gift card for my mom"))).toBe("lead");
    // A booking that went wrong is a complaint, not a lead.
    expect(deriveIntent(negative("@united trying to book a flight and your site keeps crashing", "booking_problem"))).toBe("complaint");
  });

  it("question: a question mark or a question's opening, after the @mentions", () => {
    expect(deriveIntent(neutral("@AmericanAir what time does the check-in desk open at JFK?"))).toBe("question");
    expect(deriveIntent(neutral("@united @SFO can I bring a stroller on board"))).toBe("question");
    expect(deriveIntent(neutral("@Delta Is there wifi on the A330"))).toBe("question");
  });

  it("praise: positive and nothing more specific", () => {
    expect(deriveIntent(positive("@VirginAmerica thank you for the great flight, the crew was amazing!"))).toBe("praise");
    expect(deriveIntent(positive("@JetBlue thanks! can you tell me when boarding starts?"))).toBe("question");
  });

  it("other: neutral statements", () => {
    expect(deriveIntent(neutral("@united on my way to Chicago"))).toBe("other");
    expect(deriveIntent(neutral(""))).toBe("other");
  });
});
