import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DATABASE_URL } from "../../../test/helpers/databases.js";
import { type BlueskyNetwork, startBlueskyNetwork } from "../../../test/servers/bluesky/pds.js";
import type { HttpClient } from "../../http/types.js";
import { rejection } from "../../test/assertions.js";
import type { ConnectorClient, InboundItem, Page } from "../../types.js";
import { blueskyConnector } from "../index.js";
import { type Person, personOn } from "./network.js";
import { callsTo, clientFor, pdsHttp } from "./support.js";

// One network (PDS, PLC directory and AppView) for the whole file: it takes seconds to start.
let net: BlueskyNetwork;
let http: HttpClient;
let alice: ConnectorClient;
let bob: Person;
beforeAll(async () => {
  net = await startBlueskyNetwork({ postgresUrl: TEST_DATABASE_URL });
  http = pdsHttp();
  alice = clientFor(http, net, net.alice);
  bob = await personOn(net, net.bob);
});
afterAll(async () => {
  await http?.close();
  await net?.stop();
});

const at = (remoteId: string) => ({ remoteId, publishedAt: new Date() });

describe("Bluesky metrics and comments (real PDS and AppView)", () => {
  it("offers followers, likes, replies and shares, and reads comments", () => {
    expect(blueskyConnector.capabilities).toMatchObject({ metrics: true, readComments: true });
    expect(blueskyConnector.metrics).toMatchObject({ account: ["followers"], post: ["likes", "replies", "shares"] });
  });

  it("reads followers and each post's counts as the AppView has them; a deleted or unknown post is missing", async () => {
    const counted = await alice.publish({ text: "Metrics: a post people answer" }, { idempotencyKey: "metrics-counted" });
    const quiet = await alice.publish({ text: "Metrics: a post nobody saw" }, { idempotencyKey: "metrics-quiet" });
    const deleted = await alice.publish({ text: "Metrics: a post we take back" }, { idempotencyKey: "metrics-deleted" });
    const ref = await bob.ref(counted.remoteId);
    await bob.agent.follow(net.alice.did);
    await bob.like(ref);
    const first = await bob.reply("Nice one", ref);
    await bob.reply("Also: when?", ref);
    await bob.reply("Answering myself", first, ref);
    await bob.agent.repost(ref.uri, ref.cid);
    await bob.quote("Look at this", ref);
    await alice.delete?.(deleted.remoteId);
    await net.processAll();

    const unknown = `at://${net.alice.did}/app.bsky.feed.post/3zzzzzzzzzzzz`;
    const report = await alice.readMetrics?.({
      posts: [at(counted.remoteId), at(quiet.remoteId), at(deleted.remoteId), at(unknown), at("nonsense")],
    });
    expect(report?.account).toEqual([{ metric: "followers", value: 1 }]);
    expect(report?.missingAccount).toBeUndefined();
    expect(report?.posts).toEqual([
      {
        remoteId: counted.remoteId,
        readings: [
          { metric: "likes", value: 1 },
          // The AppView counts direct replies; the answer to a reply counts under that reply.
          { metric: "replies", value: 2 },
          // One repost and one quote.
          { metric: "shares", value: 2 },
        ],
      },
      {
        remoteId: quiet.remoteId,
        readings: [
          { metric: "likes", value: 0 },
          { metric: "replies", value: 0 },
          { metric: "shares", value: 0 },
        ],
      },
      { remoteId: deleted.remoteId, readings: [], missing: ["likes", "replies", "shares"] },
      { remoteId: unknown, readings: [], missing: ["likes", "replies", "shares"] },
      { remoteId: "nonsense", readings: [], missing: ["likes", "replies", "shares"] },
    ]);
  });

  it("asks for at most 25 posts per getPosts call", async () => {
    const before = callsTo(http, "app.bsky.feed.getPosts");
    const uris = Array.from({ length: 30 }, (_, i) => `at://${net.alice.did}/app.bsky.feed.post/3batch${String(i).padStart(7, "0")}`);
    const report = await alice.readMetrics?.({ posts: uris.map(at) });
    expect(report?.posts.map((p) => p.missing)).toEqual(uris.map(() => ["likes", "replies", "shares"]));
    expect(callsTo(http, "app.bsky.feed.getPosts") - before).toBe(2);
  });

  it("reads every reply under a post as comments, newest first, paged, with the ids mentions use", async () => {
    const ours = await alice.publish({ text: "Comments: tell us about your trip" }, { idempotencyKey: "comments-post" });
    const ref = await bob.ref(ours.remoteId);
    const a = await bob.reply("Comments: lovely flight", ref);
    const b = await bob.reply(`@${net.alice.handle} Comments: my bag is late`, ref);
    const c = await bob.reply("Comments: and the food was cold", a, ref);
    await bob.post("Comments: unrelated post");
    await net.processAll();

    const all: InboundItem[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const read: Page<InboundItem> | undefined = await alice.readComments?.(ours.remoteId, cursor, { limit: 2 });
      if (!read) throw new Error("Bluesky reads comments");
      all.push(...read.items);
      cursor = read.nextCursor;
      if (!cursor) break;
    }
    expect(all.map((i) => i.remoteId)).toEqual([c.uri, b.uri, a.uri]);
    expect(all.every((i) => i.kind === "comment" && i.threadRoot === ours.remoteId)).toBe(true);
    expect(all[0]).toMatchObject({
      text: "Comments: and the food was cold",
      author: { externalId: net.bob.did, handle: net.bob.handle },
      inReplyTo: a.uri,
    });
    // The same reply arriving as a notification carries the same id: the inbox keeps it once.
    const mentions = await alice.readMentions?.(null, { limit: 100 });
    expect(mentions?.items.find((m) => m.remoteId === b.uri)?.kind).toBe("comment");
  });

  it("says not_found for comments under a post that is gone", async () => {
    const gone = await alice.publish({ text: "Comments: soon gone" }, { idempotencyKey: "comments-gone" });
    await alice.delete?.(gone.remoteId);
    await net.processAll();
    expect((await rejection(alice.readComments?.(gone.remoteId, null) ?? Promise.resolve())).kind).toBe("not_found");
  });

  it("refuses a wrong app password as auth_expired", async () => {
    const wrong = clientFor(http, net, net.alice, { secret: "aaaa-bbbb-cccc-dddd" });
    expect((await rejection(wrong.readMetrics?.({ posts: [] }) ?? Promise.resolve())).kind).toBe("auth_expired");
  });
});
