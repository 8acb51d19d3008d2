import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../../http/types.js";
import { rejection } from "../../test/assertions.js";
import { connect, testContext, testHttp } from "../../test/harness.js";
import { publishThread } from "../../thread.js";
import type { Credentials } from "../../types.js";
import { createXConnector } from "../index.js";
import { startXStandIn, X_CLIENT, X_REDIRECT, type XStandIn } from "./standIn.js";

let standIn: XStandIn;
let http: HttpClient;
let connector: ReturnType<typeof createXConnector>;

beforeEach(async () => {
  standIn = await startXStandIn();
  http = testHttp();
  connector = createXConnector({ api: standIn.url, authorize: standIn.authorizeUrl });
});
afterEach(async () => {
  await http.close();
  await standIn.close();
});

async function connected() {
  if (!connector.oauth) throw new Error("X has OAuth");
  const [granted] = await connect(connector.oauth, http, X_CLIENT, X_REDIRECT);
  if (!granted) throw new Error("no account granted");
  const account = { externalId: granted.profile.externalId, handle: granted.profile.handle };
  return { granted, ...testContext(http, X_CLIENT, granted.credentials, account) };
}

describe("X connector against the X API v2 stand-in", () => {
  it("connects with PKCE: code exchange, then the profile", async () => {
    const { granted } = await connected();
    expect(granted.profile).toEqual({
      externalId: "1001",
      handle: "switchboard_hq",
      displayName: "Switchboard HQ",
      url: "https://x.com/switchboard_hq",
    });
    expect(granted.credentials.refreshToken).toBeTruthy();
    expect(granted.credentials.expiresAt?.getTime()).toBeGreaterThan(Date.now());
    expect(granted.credentials.scopes).toContain("offline.access");
  });

  it("shows X's reason when the code is refused", async () => {
    const error = await rejection(
      connector.oauth?.exchangeCode({ app: X_CLIENT, code: "forged", redirectUri: X_REDIRECT, codeVerifier: "v", http }) ??
        Promise.resolve(),
    );
    expect(error.kind).toBe("auth_expired");
    expect(error.message).toContain("Value passed for the authorization code was invalid.");
  });

  it("publishes a thread as a reply chain and deletes a post", async () => {
    const { context } = await connected();
    const client = connector.createClient(context);
    const posts = await publishThread(client, [{ text: "One" }, { text: "Two" }, { text: "Three" }], (i) => `key-${i}`);
    expect(posts).toHaveLength(3);
    expect(posts[0]?.url).toBe(`https://x.com/switchboard_hq/status/${posts[0]?.remoteId}`);
    expect(standIn.tweets.map((t) => t.in_reply_to)).toEqual([undefined, posts[0]?.remoteId, posts[1]?.remoteId]);

    await client.delete?.(posts[2]?.remoteId ?? "");
    expect(standIn.tweets).toHaveLength(2);
    await expect(client.delete?.(posts[2]?.remoteId ?? "")).resolves.toBeUndefined();
  });

  it("reports X's reason when content is refused", async () => {
    const client = connector.createClient((await connected()).context);
    await client.publish({ text: "Same" }, { idempotencyKey: "a" });
    const error = await rejection(client.publish({ text: "Same" }, { idempotencyKey: "b" }));
    expect(error.kind).toBe("rejected");
    expect(error.message).toBe("X: You are not allowed to create a Tweet with duplicate content.");
  });

  it("reads mentions page by page with next_token", async () => {
    const client = connector.createClient((await connected()).context);
    for (let i = 1; i <= 7; i++) standIn.mention(`@switchboard_hq question ${i}`);
    const first = await client.readMentions?.(null, { limit: 5 });
    expect(first?.items.map((m) => m.text)).toEqual([7, 6, 5, 4, 3].map((i) => `@switchboard_hq question ${i}`));
    expect(first?.items[0]?.author).toEqual({ externalId: "2002", handle: "ada", displayName: "Ada Customer" });
    expect(first?.nextCursor).toBeTruthy();
    const second = await client.readMentions?.(first?.nextCursor ?? null, { limit: 5 });
    expect(second?.items).toHaveLength(2);
    expect(second?.nextCursor).toBeNull();
  });

  it("maps a revoked token without refresh token to auth_expired", async () => {
    const { granted } = await connected();
    standIn.tokens.revokeAll();
    const creds: Credentials = { accessToken: granted.credentials.accessToken };
    const error = await rejection(connector.createClient(testContext(http, X_CLIENT, creds).context).verifyCredentials());
    expect(error.kind).toBe("auth_expired");
    expect(error.message).toBe("X: Unauthorized");
  });

  it("maps 429 to rate_limited with the reset time, and 503 to unavailable", async () => {
    const client = connector.createClient((await connected()).context);
    const resetAt = new Date(Math.floor(Date.now() / 1000 + 600) * 1000);
    standIn.fault({ kind: "rate_limit", resetAt });
    const limited = await rejection(client.publish({ text: "Hi" }, { idempotencyKey: "k" }));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.resetAt?.toISOString()).toBe(resetAt.toISOString());
    standIn.fault({ kind: "server_error" });
    expect((await rejection(client.publish({ text: "Hi" }, { idempotencyKey: "k" }))).kind).toBe("unavailable");
  });

  it("turns a timeout after sending into unknown_outcome, then finds the post to reconcile", async () => {
    const client = connector.createClient((await connected()).context);
    const since = new Date(Date.now() - 1000);
    standIn.fault({ kind: "hang", afterHandling: true }, /^\/2\/tweets$/);
    const error = await rejection(client.publish({ text: "Launch day & more https://example.com/a" }, { idempotencyKey: "k" }));
    expect(error.kind).toBe("unknown_outcome");
    const found = await client.findPublished?.({ text: "Launch day & more https://example.com/a" }, { since });
    expect(found?.remoteId).toBe(standIn.tweets[0]?.id);
    expect(await client.findPublished?.({ text: "Never sent" }, { since })).toBeNull();
  });

  it("refreshes an expired token once, rotating the refresh token through the keeper", async () => {
    const { granted, tokens, rotated } = await connected();
    const expired = { ...granted.credentials, expiresAt: new Date(Date.now() - 1000) };
    // Two workers holding the same stale credentials publish at once: one refresh, both succeed.
    const a = connector.createClient({ ...testContext(http, X_CLIENT, expired).context, tokens });
    const b = connector.createClient({ ...testContext(http, X_CLIENT, expired).context, tokens });
    await Promise.all([a.publish({ text: "from a" }, { idempotencyKey: "a" }), b.publish({ text: "from b" }, { idempotencyKey: "b" })]);
    expect(standIn.tokens.refreshCount).toBe(1);
    expect(rotated).toHaveLength(1);
    expect(rotated[0]?.refreshToken).not.toBe(granted.credentials.refreshToken);
    expect(tokens.current()).toEqual(rotated[0]);
  });

  it("refreshes after a 401 and retries once", async () => {
    const { granted, context, rotated } = await connected();
    standIn.tokens.revoke(granted.credentials.accessToken);
    await expect(connector.createClient(context).publish({ text: "after revoke" }, { idempotencyKey: "k" })).resolves.toBeTruthy();
    expect(rotated).toHaveLength(1);
  });

  it("never records or reports a secret", async () => {
    const { granted, context } = await connected();
    const client = connector.createClient(context);
    await client.publish({ text: "Hello" }, { idempotencyKey: "k" });
    standIn.tokens.revokeAll();
    await rejection(client.verifyCredentials());
    const records = JSON.stringify(http.recent());
    for (const secret of [granted.credentials.accessToken, granted.credentials.refreshToken ?? "", X_CLIENT.clientSecret]) {
      expect(records).not.toContain(secret);
    }
    expect(http.recent().some((r) => r.url.endsWith("/2/tweets") && r.status === 201 && r.rateLimitRemaining !== null)).toBe(true);
  });
});
