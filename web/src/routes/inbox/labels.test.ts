import { describe, expect, it } from "vitest";
import { REASONS, INTENTS as SERVER_INTENTS, SENTIMENTS as SERVER_SENTIMENTS } from "../../../../server/inbox/classify/labels.js";
import { INTENTS, SENTIMENTS } from "../../api/inbox.js";
import { TOPICS } from "./labels.js";

// The web app keeps its own copy of the classifier's labels (it does not import server code): these must agree.
describe("the inbox's labels in the web app", () => {
  it("are the classifier's topics, sentiments and intents, in its order", () => {
    expect(TOPICS).toEqual(REASONS.flatMap((r) => (r.topic ? [r.topic] : [])));
    expect(SENTIMENTS).toEqual(SERVER_SENTIMENTS);
    expect(INTENTS).toEqual(SERVER_INTENTS);
  });
});
