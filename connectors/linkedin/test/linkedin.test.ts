import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../../http/types.js";
import { rejection } from "../../test/assertions.js";
import { connect, testContext, testHttp } from "../../test/harness.js";
import { nextMidnightUtc } from "../errors.js";
import { createLinkedInConnector } from "../index.js";
import { LINKEDIN_CLIENT, LINKEDIN_REDIRECT, type LinkedInStandIn, MEMBER, PAGE, startLinkedInStandIn } from "./standIn.js";

let standIn: LinkedInStandIn;
let http: HttpClient;
let connector: ReturnType<typeof createLinkedInConnector>;

beforeEach(async () => {
  standIn = await startLinkedInStandIn();
  http = testHttp();
  connector = createLinkedInConnector({ api: standIn.url, oauth: `${standIn.url}/oauth/v2`, version: "202601" });
});
afterEach(async () => {
  await http.close();
  await standIn.close();
});

async function connected(as = PAGE) {
  if (!connector.oauth) throw new Error("LinkedIn has OAuth");
  const granted = await connect(connector.oauth, http, LINKEDIN_CLIENT, LINKEDIN_REDIRECT);
  const chosen = granted.find((g) => g.profile.externalId === as);
  if (!chosen) throw new Error("account not granted");
  return { granted, chosen, ...testContext(http, LINKEDIN_CLIENT, chosen.credentials, { externalId: as, handle: chosen.profile.handle }) };
}

describe("LinkedIn connector against the LinkedIn stand-in", () => {
  it("connects: the member and the Pages they administer", async () => {
    const { granted } = await connected();
    expect(granted.map((g) => g.profile)).toEqual([
      { externalId: MEMBER, handle: "Grace Hopper", displayName: "Grace Hopper", url: null },
      { externalId: PAGE, handle: "switchboard", displayName: "Switchboard Inc.", url: "https://www.linkedin.com/company/switchboard/" },
    ]);
    expect(granted[0]?.credentials.scopes).toContain("w_organization_social");
    expect(granted[0]?.credentials.refreshTokenExpiresAt).toBeInstanceOf(Date);
  });

  it("shows LinkedIn's reason when the code is refused", async () => {
    const error = await rejection(
      connector.oauth?.exchangeCode({ app: LINKEDIN_CLIENT, code: "forged", redirectUri: LINKEDIN_REDIRECT, http }) ?? Promise.resolve(),
    );
    expect(error.kind).toBe("auth_expired");
    expect(error.message).toContain("Unable to retrieve access token");
  });

  it("publishes with the versioned Posts API, escaping little text, and deletes", async () => {
    const client = connector.createClient((await connected()).context);
    const published = await client.publish({ text: "Hello (world) #launch @team" }, { idempotencyKey: "k" });
    expect(published.remoteId).toMatch(/^urn:li:share:\d+$/);
    expect(published.url).toBe(`https://www.linkedin.com/feed/update/${published.remoteId}/`);
    expect(standIn.posts[0]?.commentary).toBe("Hello \\(world\\) {hashtag|\\#|launch} \\@team");
    const request = standIn.requests.find((r) => r.method === "POST" && r.path === "/rest/posts");
    expect(request?.headers["linkedin-version"]).toBe("202601");
    expect(request?.headers["x-restli-protocol-version"]).toBe("2.0.0");

    await client.delete?.(published.remoteId);
    expect(standIn.posts).toHaveLength(0);
    await expect(client.delete?.(published.remoteId)).resolves.toBeUndefined();
  });

  it("reports a duplicate as rejected with LinkedIn's message", async () => {
    const client = connector.createClient((await connected()).context);
    await client.publish({ text: "Same" }, { idempotencyKey: "a" });
    const error = await rejection(client.publish({ text: "Same" }, { idempotencyKey: "b" }));
    expect(error.kind).toBe("rejected");
    expect(error.message).toMatch(/^LinkedIn: Content is a duplicate of urn:li:share:\d+$/);
  });

  it("reads a post's comments by start and count", async () => {
    const client = connector.createClient((await connected()).context);
    const { remoteId } = await client.publish({ text: "Tell us" }, { idempotencyKey: "k" });
    for (let i = 1; i <= 5; i++) standIn.comment(remoteId, `comment ${i}`);
    const first = await client.readComments?.(remoteId, null, { limit: 3 });
    expect(first?.items.map((c) => c.text)).toEqual(["comment 1", "comment 2", "comment 3"]);
    expect(first?.nextCursor).toBe("3");
    const second = await client.readComments?.(remoteId, first?.nextCursor ?? null, { limit: 3 });
    expect(second?.items.map((c) => c.text)).toEqual(["comment 4", "comment 5"]);
    expect(second?.nextCursor).toBeNull();
  });

  it("maps an invalid token to auth_expired with LinkedIn's reason", async () => {
    const { chosen } = await connected();
    standIn.tokens.revokeAll();
    const { context } = testContext(http, LINKEDIN_CLIENT, { accessToken: chosen.credentials.accessToken }, { externalId: PAGE });
    const error = await rejection(connector.createClient(context).verifyCredentials());
    expect(error.kind).toBe("auth_expired");
    expect(error.message).toBe("LinkedIn: Invalid access token");
    expect(error.networkCode).toBe("INVALID_ACCESS_TOKEN");
  });

  it("maps 429 to rate_limited until midnight UTC (LinkedIn sends no reset), and 500 to unavailable", async () => {
    const client = connector.createClient((await connected()).context);
    standIn.fault({ kind: "rate_limit", resetAt: new Date() });
    const limited = await rejection(client.publish({ text: "Hi" }, { idempotencyKey: "k" }));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.resetAt).toEqual(nextMidnightUtc());
    standIn.fault({ kind: "server_error" });
    expect((await rejection(client.publish({ text: "Hi" }, { idempotencyKey: "k" }))).kind).toBe("unavailable");
  });

  it("turns a timeout after sending into unknown_outcome, then finds the post to reconcile", async () => {
    const client = connector.createClient((await connected()).context);
    standIn.fault({ kind: "hang", afterHandling: true }, /^\/rest\/posts$/);
    expect((await rejection(client.publish({ text: "Big news (really)" }, { idempotencyKey: "k" }))).kind).toBe("unknown_outcome");
    const found = await client.findPublished?.({ text: "Big news (really)" }, { since: new Date(0) });
    expect(found?.remoteId).toBe(standIn.posts[0]?.urn);
  });

  it("refreshes an expiring token; the keeper receives the new token and the kept refresh token", async () => {
    const { chosen } = await connected();
    const expiring = { ...chosen.credentials, expiresAt: new Date(Date.now() + 1000) };
    const { context, rotated } = testContext(http, LINKEDIN_CLIENT, expiring, { externalId: PAGE });
    await connector.createClient(context).publish({ text: "Fresh" }, { idempotencyKey: "k" });
    expect(rotated).toHaveLength(1);
    expect(rotated[0]?.accessToken).not.toBe(chosen.credentials.accessToken);
    expect(rotated[0]?.refreshToken).toBe(chosen.credentials.refreshToken);
    expect(rotated[0]?.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 59 * 86_400_000);
  });
});
