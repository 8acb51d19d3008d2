import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DATABASE_URL } from "../../../test/helpers/databases.js";
import { type BlueskyNetwork, startBlueskyNetwork } from "../../../test/servers/bluesky/pds.js";
import type { HttpClient } from "../../http/types.js";
import type { ConnectorClient, InboundItem, Page } from "../../types.js";
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

const readAll = async (client: ConnectorClient, limit: number) => {
  const items: InboundItem[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const read: Page<InboundItem> | undefined = await client.readMentions?.(cursor, { limit });
    if (!read) throw new Error("Bluesky reads mentions");
    items.push(...read.items);
    cursor = read.nextCursor;
    if (!cursor) break;
  }
  return items;
};

describe("Bluesky mentions, replies and quotes (real PDS and AppView)", () => {
  it("reads mentions, replies and quotes, threaded by the post they answer, page by page, and not likes", async () => {
    const ours = await alice.publish({ text: "Our new lounge opens in Lisbon today" }, { idempotencyKey: "lounge-post" });
    const oursRef = await bob.ref(ours.remoteId);
    const mention = await bob.post(`@${net.alice.handle} where can I find the lounge in Lisbon?`);
    const reply = await bob.reply("Looks lovely, is it open to economy passengers?", oursRef);
    const deeper = await bob.reply(`@${net.alice.handle} and is there a shower?`, reply, oursRef);
    const quote = await bob.quote("Finally, a lounge in Lisbon", oursRef);
    await bob.like(oursRef);
    await net.processAll();

    const items = await readAll(alice, 2);
    expect(items.map((i) => i.remoteId).sort()).toEqual([mention.uri, reply.uri, deeper.uri, quote.uri].sort());
    const byId = new Map(items.map((i) => [i.remoteId, i]));
    expect(byId.get(mention.uri)).toMatchObject({
      kind: "mention",
      text: `@${net.alice.handle} where can I find the lounge in Lisbon?`,
      author: { externalId: net.bob.did, handle: net.bob.handle },
      inReplyTo: null,
      threadRoot: null,
      url: expect.stringMatching(/^https:\/\/bsky\.app\/profile\/did:plc:[a-z0-9]+\/post\/[a-z0-9]+$/),
    });
    // Replies under our post are comments on it, whatever depth; the quote is a mention of its own.
    expect(byId.get(reply.uri)).toMatchObject({ kind: "comment", inReplyTo: ours.remoteId, threadRoot: ours.remoteId });
    expect(byId.get(deeper.uri)).toMatchObject({ kind: "comment", inReplyTo: reply.uri, threadRoot: ours.remoteId });
    expect(byId.get(quote.uri)).toMatchObject({ kind: "mention", inReplyTo: null });
    expect(callsTo(http, "app.bsky.notification.listNotifications")).toBeGreaterThanOrEqual(2);
  });

  it("searches public posts, newest first, page by page", async () => {
    const first = await bob.post("Flying Acmeair to Porto tomorrow #acmeair");
    const second = await bob.post("Acmeair lost my bag again #acmeair");
    await bob.post("Nothing to see here");
    await net.processAll();
    const search = alice.searchPosts?.bind(alice);
    if (!search) throw new Error("Bluesky searches");
    const page1 = await search("#acmeair", null, { limit: 1 });
    expect(page1.items.map((i) => i.remoteId)).toEqual([second.uri]);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = await search("#acmeair", page1.nextCursor, { limit: 1 });
    expect(page2.items.map((i) => i.remoteId)).toEqual([first.uri]);
    expect(page2.items[0]).toMatchObject({ text: "Flying Acmeair to Porto tomorrow #acmeair", author: { handle: net.bob.handle } });
  });
});
