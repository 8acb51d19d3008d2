import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../../http/types.js";
import { type GraphStandIn, startGraphStandIn } from "../../meta/test/graphStandIn.js";
import { IG_USER_ID, META_APP, META_REDIRECT } from "../../meta/test/graphState.js";
import { rejection } from "../../test/assertions.js";
import { connect, testContext, testHttp } from "../../test/harness.js";
import { createInstagramConnector } from "../index.js";

let standIn: GraphStandIn;
let http: HttpClient;
let connector: ReturnType<typeof createInstagramConnector>;

beforeEach(async () => {
  standIn = await startGraphStandIn();
  http = testHttp();
  connector = createInstagramConnector({ graph: standIn.url, dialog: standIn.url, version: "v23.0" });
});
afterEach(async () => {
  await http.close();
  await standIn.close();
});

async function connected() {
  if (!connector.oauth) throw new Error("Instagram has OAuth");
  const granted = await connect(connector.oauth, http, META_APP, META_REDIRECT);
  const [ig] = granted;
  if (!ig) throw new Error("no Instagram account");
  return { granted, ...testContext(http, META_APP, ig.credentials, { externalId: ig.profile.externalId }) };
}

const photo = (n: number) => ({ url: `https://cdn.example.com/${n}.jpg`, mimeType: "image/jpeg" });

describe("Instagram connector against the Graph API stand-in", () => {
  it("connects: only Pages with a linked Instagram professional account", async () => {
    const { granted } = await connected();
    expect(granted.map((g) => g.profile)).toEqual([
      { externalId: IG_USER_ID, handle: "switchboard.hq", displayName: "Switchboard", url: "https://www.instagram.com/switchboard.hq/" },
    ]);
  });

  it("publishes in two steps (container, then media_publish) and returns the permalink", async () => {
    const client = connector.createClient((await connected()).context);
    const published = await client.publish({ text: "New in store", media: [photo(1)] }, { idempotencyKey: "k" });
    expect(published.url).toBe(`https://www.instagram.com/p/${published.remoteId}/`);
    const posts = standIn.requests.filter((r) => r.method === "POST").map((r) => r.path.split("/").at(-1));
    expect(posts).toEqual(["media", "media_publish"]);
    expect(standIn.state.media[0]?.caption).toBe("New in store");
  });

  it("publishes a carousel from child containers", async () => {
    const client = connector.createClient((await connected()).context);
    await client.publish({ text: "Three looks", media: [photo(1), photo(2), photo(3)] }, { idempotencyKey: "k" });
    expect(
      standIn.requests.filter((r) => r.method === "POST").map((r) => r.form().get("media_type") ?? r.form().get("is_carousel_item")),
    ).toEqual(["true", "true", "true", "CAROUSEL", null]);
  });

  it("refuses a post without media, and reports Instagram's reason for a bad image", async () => {
    const client = connector.createClient((await connected()).context);
    expect((await rejection(client.publish({ text: "Words only" }, { idempotencyKey: "k" }))).kind).toBe("rejected");
    const bad = await rejection(
      client.publish({ text: "x", media: [{ url: "ftp://nope", mimeType: "image/jpeg" }] }, { idempotencyKey: "k" }),
    );
    expect(bad).toMatchObject({
      kind: "rejected",
      message: "Instagram: Only photo or video can be accepted as media type.",
      networkCode: "9004/2207052",
    });
  });

  it("has no delete: the Graph API documents none for Instagram media", () => {
    expect(connector.capabilities.delete).toBe(false);
    expect(connector.createClient(testContext(http, META_APP, { accessToken: "t" }).context).delete).toBeUndefined();
  });

  it("reads mentions (tags) and comments with cursor paging", async () => {
    const client = connector.createClient((await connected()).context);
    for (let i = 1; i <= 3; i++)
      standIn.state.igTags.push({
        id: `t${i}`,
        caption: `Love @switchboard.hq ${i}`,
        timestamp: new Date().toISOString(),
        username: "ada",
        permalink: `https://www.instagram.com/p/t${i}/`,
      });
    const first = await client.readMentions?.(null, { limit: 2 });
    expect(first?.items.map((m) => m.text)).toEqual(["Love @switchboard.hq 1", "Love @switchboard.hq 2"]);
    const second = await client.readMentions?.(first?.nextCursor ?? null, { limit: 2 });
    expect(second).toMatchObject({ items: [{ author: { handle: "ada" } }], nextCursor: null });

    const { remoteId } = await client.publish({ text: "Hi", media: [photo(1)] }, { idempotencyKey: "k" });
    standIn.state.igComments.set(remoteId, [{ id: "c1", text: "Nice", timestamp: new Date().toISOString(), username: "bob" }]);
    expect((await client.readComments?.(remoteId, null))?.items.map((c) => c.text)).toEqual(["Nice"]);
  });

  it("maps code 190 to auth_expired, 80001 to rate_limited, code 2 to unavailable", async () => {
    const { context } = await connected();
    const client = connector.createClient(context);
    standIn.fault({ kind: "rate_limit", resetAt: new Date(Date.now() + 5 * 60_000) });
    expect((await rejection(client.verifyCredentials())).kind).toBe("rate_limited");
    standIn.fault({ kind: "server_error" });
    expect((await rejection(client.verifyCredentials())).kind).toBe("unavailable");
    standIn.revokeAll();
    expect((await rejection(client.verifyCredentials())).kind).toBe("auth_expired");
  });

  it("turns a timeout on media_publish into unknown_outcome, then finds the post to reconcile", async () => {
    const client = connector.createClient((await connected()).context);
    const since = new Date(Date.now() - 1000);
    standIn.fault({ kind: "hang", afterHandling: true }, /media_publish$/);
    expect((await rejection(client.publish({ text: "Maybe", media: [photo(1)] }, { idempotencyKey: "k" }))).kind).toBe("unknown_outcome");
    const found = await client.findPublished?.({ text: "Maybe" }, { since });
    expect(found?.remoteId).toBe(standIn.state.media[0]?.id);
  });
});
