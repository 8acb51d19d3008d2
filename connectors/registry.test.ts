import { describe, expect, it } from "vitest";
import { checkPost } from "./constraints.js";
import { createHttpClient } from "./http/client.js";
import { CONNECTORS, connectorFor, findNetwork, NETWORKS, networkForUrl } from "./registry.js";
import { memoryTokenKeeper } from "./tokens.js";
import type { ConnectorClient } from "./types.js";

const METHODS: [keyof ConnectorClient, (c: (typeof CONNECTORS)[number]) => boolean][] = [
  ["delete", (c) => c.capabilities.delete],
  ["readMentions", (c) => c.capabilities.readMentions],
  ["readComments", (c) => c.capabilities.readComments],
  ["findPublished", (c) => c.reconciliation.kind === "lookup"],
  ["readMetrics", (c) => c.capabilities.metrics],
];

describe("connector registry", () => {
  it("lists every connector in the network list as status connector, and every connector network has one", () => {
    const withConnector = NETWORKS.filter((n) => n.status === "connector").map((n) => n.id);
    expect([...withConnector].sort()).toEqual(CONNECTORS.map((c) => c.id).sort());
    expect(new Set(NETWORKS.map((n) => n.id)).size).toBe(NETWORKS.length);
    for (const id of ["myspace", "delicious", "stumbleupon", "google-video", "viddler", "friendfeed"])
      expect(findNetwork(id)?.status).toBe("defunct");
    expect(findNetwork("X (Twitter)")?.id).toBe("x");
    expect(networkForUrl("https://twitter.com/jack")?.id).toBe("x");
    expect(networkForUrl("not a url")).toBeUndefined();
  });

  it("keeps capability flags honest: a method exists exactly when its capability is declared", async () => {
    const http = createHttpClient();
    try {
      for (const connector of CONNECTORS) {
        const credentials = { accessToken: "unused" };
        const client = connector.createClient({
          account: { externalId: "1", baseUrl: "https://mastodon.example" },
          app: { clientId: "c" },
          credentials,
          http,
          tokens: memoryTokenKeeper(credentials),
        });
        for (const [method, declared] of METHODS)
          expect({ id: connector.id, method, present: typeof client[method] === "function" }).toEqual({
            id: connector.id,
            method,
            present: declared(connector),
          });
        expect(connector.oauth !== undefined).toBe(connector.auth.kind === "oauth2");
        expect(connector.oauth?.registerApp !== undefined).toBe(
          connector.auth.kind === "oauth2" && connector.auth.appRegistration === "per-instance",
        );
        expect(connectorFor(connector.id)).toBe(connector);
        // Metrics: what a network offers is declared exactly when it can read them, each metric once.
        expect({ id: connector.id, support: connector.metrics !== undefined }).toEqual({
          id: connector.id,
          support: connector.capabilities.metrics,
        });
        if (connector.metrics) {
          const { account, post, intervalMinutes, backfillDays, postWindowDays } = connector.metrics;
          expect(new Set([...account, ...post]).size).toBe(account.length + post.length);
          expect(intervalMinutes).toBeGreaterThanOrEqual(15);
          expect(backfillDays).toBeGreaterThan(0);
          if (postWindowDays !== null) expect(backfillDays).toBeLessThanOrEqual(postWindowDays);
        }
      }
    } finally {
      await http.close();
    }
  });
});

describe("constraints, counted each network's way", () => {
  const x = connectorFor("x");
  const mastodon = connectorFor("mastodon");
  const instagram = connectorFor("instagram");
  const linkedin = connectorFor("linkedin");
  if (!x || !mastodon || !instagram || !linkedin) throw new Error("missing connector");

  it("X: weighted length, 23 per URL, CJK and emoji weigh 2", () => {
    expect(checkPost(x, { text: "a".repeat(280) })).toEqual([]);
    expect(checkPost(x, { text: "日".repeat(141) }).map((v) => v.code)).toEqual(["text_too_long"]);
    expect(checkPost(x, { text: `${"a".repeat(256)} https://example.com/${"p".repeat(200)}` })).toEqual([]);
    expect(checkPost(x, { text: "😀".repeat(141) }).map((v) => v.code)).toEqual(["text_too_long"]);
  });

  it("Mastodon: graphemes, URLs as 23, remote mentions as their local part", () => {
    expect(checkPost(mastodon, { text: `${"é".repeat(476)} https://example.com/${"p".repeat(300)}` })).toEqual([]);
    expect(checkPost(mastodon, { text: `@ada@very.long.server.example ${"x".repeat(495 - 5)}` })).toEqual([]);
    expect(checkPost(mastodon, { text: "👩‍👩‍👧".repeat(500) })).toEqual([]);
    expect(checkPost(mastodon, { text: "a".repeat(501) }).map((v) => v.code)).toEqual(["text_too_long"]);
  });

  it("Instagram needs media, JPEG only, at most 30 hashtags; LinkedIn has no threads", () => {
    expect(checkPost(instagram, { text: "hi" }).map((v) => v.code)).toEqual(["media_required"]);
    expect(checkPost(instagram, { text: "", media: [{ url: "https://a/b.png", mimeType: "image/png" }] }).map((v) => v.code)).toEqual([
      "media_type_not_allowed",
    ]);
    const tags = Array.from({ length: 31 }, (_, i) => `#t${i}`).join(" ");
    expect(checkPost(instagram, { text: tags, media: [{ url: "https://a/b.jpg", mimeType: "image/jpeg" }] }).map((v) => v.code)).toEqual([
      "too_many_hashtags",
    ]);
    expect(checkPost(linkedin, { text: "more", inReplyTo: "urn:li:share:1" }).map((v) => v.code)).toEqual(["threads_not_supported"]);
  });
});
