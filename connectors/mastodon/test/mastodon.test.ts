import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../../http/types.js";
import { rejection } from "../../test/assertions.js";
import { connect, testContext, testHttp } from "../../test/harness.js";
import { publishThread } from "../../thread.js";
import type { AppCredentials } from "../../types.js";
import { mastodonConnector as connector } from "../index.js";
import { MASTODON_REDIRECT, type MastodonStandIn, startMastodonStandIn } from "./standIn.js";

let standIn: MastodonStandIn;
let http: HttpClient;

beforeEach(async () => {
  standIn = await startMastodonStandIn();
  http = testHttp();
});
afterEach(async () => {
  await http.close();
  await standIn.close();
});

const oauth = () => {
  if (!connector.oauth?.registerApp) throw new Error("Mastodon registers apps");
  return { ...connector.oauth, registerApp: connector.oauth.registerApp };
};

async function connected() {
  const app = await oauth().registerApp({ baseUrl: standIn.url, redirectUri: MASTODON_REDIRECT, clientName: "Switchboard", http });
  const [granted] = await connect(oauth(), http, app, MASTODON_REDIRECT, standIn.url);
  if (!granted) throw new Error("no account");
  const account = { externalId: granted.profile.externalId, handle: granted.profile.handle, baseUrl: standIn.url };
  return { app, granted, ...testContext(http, app, granted.credentials, account) };
}

describe("Mastodon connector against the Mastodon stand-in", () => {
  it("registers an app, then connects with PKCE", async () => {
    const { app, granted } = await connected();
    expect(app.clientId).toBeTruthy();
    expect(granted.profile).toEqual({
      externalId: "109",
      handle: `switchboard@${new URL(standIn.url).host}`,
      displayName: "Switchboard",
      url: `${standIn.url}/@switchboard`,
    });
    expect(granted.credentials.refreshToken).toBeUndefined();
  });

  it("shows the server's reason when the code or the client is refused", async () => {
    const app: AppCredentials = { clientId: "nobody", clientSecret: "wrong-secret" };
    const error = await rejection(oauth().exchangeCode({ app, code: "x", redirectUri: MASTODON_REDIRECT, baseUrl: standIn.url, http }));
    expect(error.kind).toBe("auth_expired");
    expect(error.message).toContain("Client authentication failed");
  });

  it("publishes a thread with in_reply_to_id, and a repeated idempotency key returns the same status", async () => {
    const client = connector.createClient((await connected()).context);
    const posts = await publishThread(client, [{ text: "First" }, { text: "Second" }], (i) => `post-1-step-${i}`);
    expect(standIn.statuses.map((s) => s.in_reply_to_id)).toEqual([null, posts[0]?.remoteId]);
    expect(posts[0]?.url).toBe(`${standIn.url}/@switchboard/${posts[0]?.remoteId}`);
    const again = await client.publish({ text: "First" }, { idempotencyKey: "post-1-step-0" });
    expect(again.remoteId).toBe(posts[0]?.remoteId);
    expect(standIn.statuses).toHaveLength(2);
  });

  it("deletes, and deleting again is fine", async () => {
    const client = connector.createClient((await connected()).context);
    const { remoteId } = await client.publish({ text: "Oops" }, { idempotencyKey: "k" });
    await client.delete?.(remoteId);
    expect(standIn.statuses).toHaveLength(0);
    await expect(client.delete?.(remoteId)).resolves.toBeUndefined();
  });

  it("reports the server's validation reason as rejected", async () => {
    const client = connector.createClient((await connected()).context);
    const error = await rejection(client.publish({ text: "" }, { idempotencyKey: "k" }));
    expect(error.kind).toBe("rejected");
    expect(error.message).toBe("Mastodon: Validation failed: Text can't be blank");
  });

  it("reads mentions following the Link header, as plain text", async () => {
    const client = connector.createClient((await connected()).context);
    for (let i = 1; i <= 7; i++) standIn.mention(`@switchboard hello & welcome ${i}`);
    const first = await client.readMentions?.(null, { limit: 5 });
    expect(first?.items.map((m) => m.text)).toEqual([7, 6, 5, 4, 3].map((i) => `@switchboard hello & welcome ${i}`));
    expect(first?.items[0]?.author).toEqual({ externalId: "207", handle: "ada@other.example", displayName: "Ada" });
    const second = await client.readMentions?.(first?.nextCursor ?? null, { limit: 5 });
    expect(second?.items).toHaveLength(2);
    const third = await client.readMentions?.(second?.nextCursor ?? null, { limit: 5 });
    expect(third).toEqual({ items: [], nextCursor: null });
  });

  it("searches statuses by text and reads hashtag timelines, newest first, page by page", async () => {
    const client = connector.createClient((await connected()).context);
    const search = client.searchPosts?.bind(client);
    if (!search) throw new Error("Mastodon searches");
    for (let i = 1; i <= 3; i++) standIn.post(`Flying AcmeAir to Porto, leg ${i} #AcmeAir`);
    standIn.post("Flying #AcmeAirlines is not the same tag");
    standIn.post("Nothing about planes");
    const first = await search("acmeair", null, { limit: 2 });
    expect(first.items.map((i) => i.text)).toEqual(["Flying AcmeAir to Porto, leg 3 #AcmeAir", "Flying AcmeAir to Porto, leg 2 #AcmeAir"]);
    expect(first.items[0]?.author).toEqual({ externalId: "207", handle: "ada@other.example", displayName: "Ada" });
    const second = await search("acmeair", first.nextCursor, { limit: 2 });
    expect(second.items.map((i) => i.text)).toEqual(["Flying AcmeAir to Porto, leg 1 #AcmeAir"]);
    expect(second.nextCursor).toBeNull();
    const tagged = await search("#acmeair", null, { limit: 2 });
    expect(tagged.items).toHaveLength(2);
    const more = await search("#acmeair", tagged.nextCursor, { limit: 2 });
    expect(more.items.map((i) => i.text)).toEqual(["Flying AcmeAir to Porto, leg 1 #AcmeAir"]);
    expect((await search("#acmeair", more.nextCursor, { limit: 2 })).items).toEqual([]);
  });

  it("maps a revoked token to auth_expired with the server's reason", async () => {
    const { context } = await connected();
    standIn.tokens.revokeAll();
    const error = await rejection(connector.createClient(context).verifyCredentials());
    expect(error.kind).toBe("auth_expired");
    expect(error.message).toBe("Mastodon: The access token is invalid");
  });

  it("maps 429 to rate_limited with X-RateLimit-Reset, and 503 to unavailable", async () => {
    const client = connector.createClient((await connected()).context);
    const resetAt = new Date(Date.now() + 120_000);
    standIn.fault({ kind: "rate_limit", resetAt });
    const limited = await rejection(client.publish({ text: "Hi" }, { idempotencyKey: "k" }));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.resetAt?.toISOString()).toBe(resetAt.toISOString());
    standIn.fault({ kind: "server_error" });
    expect((await rejection(client.publish({ text: "Hi" }, { idempotencyKey: "k" }))).kind).toBe("unavailable");
  });

  it("turns a timeout after sending into unknown_outcome; publishing again with the same key settles it", async () => {
    const client = connector.createClient((await connected()).context);
    standIn.fault({ kind: "hang", afterHandling: true }, /statuses/);
    expect((await rejection(client.publish({ text: "Maybe" }, { idempotencyKey: "attempt-7" }))).kind).toBe("unknown_outcome");
    const settled = await client.publish({ text: "Maybe" }, { idempotencyKey: "attempt-7" });
    expect(standIn.statuses.map((s) => s.id)).toEqual([settled.remoteId]);
  });
});
