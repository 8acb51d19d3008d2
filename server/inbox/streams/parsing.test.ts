import { describe, expect, it } from "vitest";
import { parseStreamingEvent } from "../../../connectors/mastodon/streaming.js";
import { retryAtOf, serverSentEvents, splitLines } from "../../../connectors/streams.js";
import { parseStreamLine, RULE_TAG_PREFIX, ruleFor } from "../../../connectors/x/stream.js";
import { mastodonReconnectDelay, xReconnectDelay } from "./backoff.js";

const chunks = async function* (...parts: (string | Uint8Array)[]) {
  for (const p of parts) yield typeof p === "string" ? new TextEncoder().encode(p) : p;
};
const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe("stream parsing", () => {
  it("splits lines however the chunks cut them, keeping X's blank keep-alives", async () => {
    const euro = new TextEncoder().encode("€"); // three bytes, cut in two chunks
    const lines = await collect(splitLines(chunks('{"a":', '1}\r\n\r\n{"b":"', euro.slice(0, 1), euro.slice(1), '"}\r\n', "\r\n", "tail")));
    expect(lines).toEqual(['{"a":1}', "", '{"b":"€"}', "", "tail"]);
  });

  it("reads server-sent events: multi-line data, comments, events without data dropped", async () => {
    const events = await collect(
      serverSentEvents(
        splitLines(chunks(":thump\n", 'event: notification\ndata: {"x":\ndata: 1}\n\n', "event: delete\n\n", "data:plain\n\n")),
      ),
    );
    expect(events).toEqual([
      { type: "comment", text: "thump" },
      { type: "event", event: "notification", data: '{"x":\n1}', id: null },
      { type: "event", event: "message", data: "plain", id: null },
    ]);
  });

  it("reads X's stream lines: posts with their channels, keep-alives, error objects, malformed lines", () => {
    const line = JSON.stringify({
      data: {
        id: "9",
        text: "@acme hi",
        author_id: "2",
        created_at: "2026-11-24T00:00:00.000Z",
        referenced_tweets: [{ type: "replied_to", id: "8" }],
      },
      includes: { users: [{ id: "2", name: "Ada", username: "ada" }] },
      matching_rules: [
        { id: "1", tag: `${RULE_TAG_PREFIX}acc-1` },
        { id: "2", tag: "someone-else" },
      ],
    });
    expect(parseStreamLine(line)).toMatchObject({
      kind: "post",
      accountIds: ["acc-1"],
      item: { remoteId: "9", text: "@acme hi", inReplyTo: "8", author: { externalId: "2", handle: "ada" } },
    });
    expect(parseStreamLine("")).toEqual({ kind: "keepalive" });
    expect(parseStreamLine("{oops")).toEqual({ kind: "malformed" });
    expect(parseStreamLine('{"data":{"nope":1}}')).toEqual({ kind: "malformed" });
    expect(parseStreamLine(JSON.stringify({ errors: [{ title: "operational-disconnect", detail: "restart" }] }))).toEqual({
      kind: "disconnect",
      reason: "X: operational-disconnect: restart",
    });
    expect(ruleFor("acc-1", "@acme")).toEqual({ value: "@acme -from:acme", tag: `${RULE_TAG_PREFIX}acc-1` });
  });

  it("reads Mastodon notifications: mentions only, heartbeats, bad data", () => {
    const status = {
      id: "5",
      uri: "u",
      url: "https://m.example/@ada/5",
      content: "<p>hi &amp; bye</p>",
      created_at: "2026-11-24T00:00:00Z",
    };
    const account = { id: "207", username: "ada", acct: "ada@o.example", display_name: "Ada" };
    const ev = (data: string, event = "notification") => ({ type: "event" as const, event, data, id: null });
    expect(parseStreamingEvent(ev(JSON.stringify({ id: "1", type: "mention", created_at: "x", account, status })))).toMatchObject({
      kind: "mention",
      item: { remoteId: "5", text: "hi & bye", author: { handle: "ada@o.example" } },
    });
    expect(parseStreamingEvent(ev(JSON.stringify({ id: "1", type: "favourite", created_at: "x", account, status })))).toEqual({
      kind: "ignored",
    });
    expect(parseStreamingEvent(ev("{nope"))).toEqual({ kind: "malformed" });
    expect(parseStreamingEvent(ev("{}", "filters_changed"))).toEqual({ kind: "ignored" });
    expect(parseStreamingEvent({ type: "comment", text: "thump" })).toEqual({ kind: "heartbeat" });
  });

  it("waits as X documents: linear for network errors, exponential for HTTP errors, a minute and up for 429", () => {
    expect([1, 2, 3, 64, 100].map((n) => xReconnectDelay("network", n))).toEqual([250, 500, 750, 16_000, 16_000]);
    expect([1, 2, 3, 7, 9].map((n) => xReconnectDelay("http", n))).toEqual([5_000, 10_000, 20_000, 320_000, 320_000]);
    expect([1, 2, 3].map((n) => xReconnectDelay("rate_limited", n))).toEqual([60_000, 120_000, 240_000]);
    expect(xReconnectDelay("rate_limited", 20)).toBe(3_600_000);
    expect([1, 2, 8].map((n) => mastodonReconnectDelay("network", n))).toEqual([1_000, 2_000, 60_000]);
    expect(mastodonReconnectDelay("rate_limited", 1)).toBe(60_000);
  });

  it("reads when to come back from x-rate-limit-reset or Retry-After", () => {
    expect(retryAtOf({ "x-rate-limit-reset": "1800000000" })?.toISOString()).toBe("2027-01-15T08:00:00.000Z");
    expect(retryAtOf({ "retry-after": "30" }, 0)?.getTime()).toBe(30_000);
    expect(retryAtOf({})).toBeNull();
  });
});
