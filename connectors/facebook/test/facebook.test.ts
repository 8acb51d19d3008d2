import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../../http/types.js";
import { type GraphStandIn, startGraphStandIn } from "../../meta/test/graphStandIn.js";
import { META_APP, META_REDIRECT, PAGE_ID } from "../../meta/test/graphState.js";
import { rejection } from "../../test/assertions.js";
import { connect, testContext, testHttp } from "../../test/harness.js";
import { createFacebookConnector } from "../index.js";

let standIn: GraphStandIn;
let http: HttpClient;
let connector: ReturnType<typeof createFacebookConnector>;

beforeEach(async () => {
  standIn = await startGraphStandIn();
  http = testHttp();
  connector = createFacebookConnector({ graph: standIn.url, dialog: standIn.url, version: "v23.0" });
});
afterEach(async () => {
  await http.close();
  await standIn.close();
});

async function connected() {
  if (!connector.oauth) throw new Error("Facebook has OAuth");
  const granted = await connect(connector.oauth, http, META_APP, META_REDIRECT);
  const page = granted.find((g) => g.profile.externalId === PAGE_ID);
  if (!page) throw new Error("page not granted");
  return { granted, page, ...testContext(http, META_APP, page.credentials, { externalId: PAGE_ID }) };
}

const entry = (id: string, message: string) => ({ id, message, created_time: new Date().toISOString(), from: { id: "42", name: "Ada" } });

describe("Facebook Pages connector against the Graph API stand-in", () => {
  it("connects: every managed Page, each with its own Page token", async () => {
    const { granted } = await connected();
    expect(granted.map((g) => g.profile.handle)).toEqual(["switchboardhq", "switchboardsupport"]);
    expect(granted[0]?.credentials.accessToken).not.toBe(granted[1]?.credentials.accessToken);
    expect(granted[0]?.credentials.expiresAt).toBeUndefined();
    const tokenCalls = standIn.requests.filter((r) => r.path.endsWith("/oauth/access_token"));
    expect(tokenCalls.map((r) => r.query.get("grant_type"))).toEqual([null, "fb_exchange_token"]);
  });

  it("shows Meta's reason when the code is refused", async () => {
    const error = await rejection(
      connector.oauth?.exchangeCode({ app: META_APP, code: "forged", redirectUri: META_REDIRECT, http }) ?? Promise.resolve(),
    );
    expect(error.kind).toBe("auth_expired");
    expect(error.message).toBe("Facebook: This authorization code has been used.");
  });

  it("publishes to the Page feed with appsecret_proof, and deletes", async () => {
    const client = connector.createClient((await connected()).context);
    const published = await client.publish({ text: "Hello from Switchboard" }, { idempotencyKey: "k" });
    expect(published.remoteId).toMatch(new RegExp(`^${PAGE_ID}_\\d+$`));
    expect(published.url).toBe(`https://www.facebook.com/${published.remoteId}`);
    const request = standIn.requests.find((r) => r.method === "POST");
    expect(request?.query.get("appsecret_proof")).toMatch(/^[0-9a-f]{64}$/);
    expect(request?.query.get("access_token")).toBeNull();
    await client.delete?.(published.remoteId);
    expect(standIn.state.posts).toHaveLength(0);
    await expect(client.delete?.(published.remoteId)).resolves.toBeUndefined();
  });

  it("reports a duplicate as rejected with Meta's message", async () => {
    const client = connector.createClient((await connected()).context);
    await client.publish({ text: "Same" }, { idempotencyKey: "a" });
    const error = await rejection(client.publish({ text: "Same" }, { idempotencyKey: "b" }));
    expect(error).toMatchObject({ kind: "rejected", message: "Facebook: (#506) Duplicate status message", networkCode: "506" });
  });

  it("reads mentions (tagged) and comments with cursor paging", async () => {
    const client = connector.createClient((await connected()).context);
    for (let i = 1; i <= 3; i++) standIn.state.tagged.push(entry(`77_${i}`, `@Switchboard tag ${i}`));
    const first = await client.readMentions?.(null, { limit: 2 });
    expect(first?.items.map((m) => m.text)).toEqual(["@Switchboard tag 1", "@Switchboard tag 2"]);
    expect(first?.items[0]?.author).toEqual({ externalId: "42", handle: null, displayName: "Ada" });
    const second = await client.readMentions?.(first?.nextCursor ?? null, { limit: 2 });
    expect(second).toMatchObject({ items: [{ text: "@Switchboard tag 3" }], nextCursor: null });

    const { remoteId } = await client.publish({ text: "Thoughts?" }, { idempotencyKey: "k" });
    standIn.state.comments.set(remoteId, [entry("c1", "Great"), entry("c2", "Meh")]);
    const comments = await client.readComments?.(remoteId, null);
    expect(comments?.items.map((c) => [c.kind, c.text, c.inReplyTo])).toEqual([
      ["comment", "Great", remoteId],
      ["comment", "Meh", remoteId],
    ]);
  });

  it("maps an invalidated token (code 190) to auth_expired with Meta's reason", async () => {
    const { context } = await connected();
    standIn.revokeAll();
    const error = await rejection(connector.createClient(context).verifyCredentials());
    expect(error).toMatchObject({
      kind: "auth_expired",
      message: "Facebook: Invalid OAuth access token - Cannot parse access token",
      networkCode: "190",
    });
  });

  it("maps throttling (80001) to rate_limited using X-Business-Use-Case-Usage, and code 2 to unavailable", async () => {
    const client = connector.createClient((await connected()).context);
    const before = Date.now();
    standIn.fault({ kind: "rate_limit", resetAt: new Date(before + 10 * 60_000) });
    const limited = await rejection(client.publish({ text: "Hi" }, { idempotencyKey: "k" }));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.resetAt?.getTime()).toBeGreaterThanOrEqual(before + 10 * 60_000);
    expect(limited.resetAt?.getTime()).toBeLessThanOrEqual(Date.now() + 10 * 60_000);
    standIn.fault({ kind: "server_error" });
    expect((await rejection(client.publish({ text: "Hi" }, { idempotencyKey: "k" }))).kind).toBe("unavailable");
  });

  it("turns a timeout after sending into unknown_outcome, then finds the post to reconcile", async () => {
    const client = connector.createClient((await connected()).context);
    const since = new Date(Date.now() - 1000);
    standIn.fault({ kind: "hang", afterHandling: true }, /\/feed$/);
    expect((await rejection(client.publish({ text: "Maybe posted" }, { idempotencyKey: "k" }))).kind).toBe("unknown_outcome");
    const found = await client.findPublished?.({ text: "Maybe posted" }, { since });
    expect(found?.remoteId).toBe(standIn.state.posts[0]?.id);
  });
});
