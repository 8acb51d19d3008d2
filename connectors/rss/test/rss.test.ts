import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../../http/types.js";
import { rejection } from "../../test/assertions.js";
import { testContext, testHttp } from "../../test/harness.js";
import type { ConnectorClient, FeedItemInput, FeedStore } from "../../types.js";
import { rssConnector as connector } from "../index.js";
import { fixture, startFeedServer } from "./feedServer.js";

let feeds: Awaited<ReturnType<typeof startFeedServer>>;
let http: HttpClient;
beforeEach(async () => {
  feeds = await startFeedServer();
  http = testHttp();
});
afterEach(async () => {
  await http.close();
  await feeds.close();
});

function reader(pathName: string, feedStore?: FeedStore): ConnectorClient {
  const { context } = testContext(http, { clientId: "" }, { accessToken: "" }, { handle: "library", url: `${feeds.url}${pathName}` });
  return connector.createClient({ ...context, ...(feedStore ? { feedStore } : {}) });
}

describe("RSS connector: reading feeds", () => {
  it("checks a feed and names the account after it", async () => {
    expect(await reader("/news.rss").verifyCredentials()).toEqual({
      externalId: `${feeds.url}/news.rss`,
      handle: "library",
      displayName: "City Library News",
      url: "https://library.example.org/",
    });
  });

  it("reads an RSS feed newest first, as plain text with its author", async () => {
    const page = await reader("/news.rss").readMentions?.(null);
    expect(page?.items.map((i) => i.remoteId)).toEqual(["library-news-3", "library-news-2", "library-news-1"]);
    expect(page?.items[0]).toMatchObject({
      kind: "mention",
      text: "Mention: Switchboard at the library\n\nOur friends at Switchboard visited – thanks!",
      url: "https://library.example.org/news/switchboard",
      createdAt: new Date("2024-01-03T09:00:00Z"),
      author: { externalId: `${feeds.url}/news.rss`, handle: null, displayName: "City Library News" },
      inReplyTo: null,
    });
    expect(page?.items[1]).toMatchObject({
      text: "Reading club returns\n\nEvery Thursday at 6 & free.",
      author: { externalId: "Ada Librarian", displayName: "Ada Librarian" },
    });
  });

  it("reads an Atom feed, html titles and content as text", async () => {
    const page = await reader("/harbour.atom").readMentions?.(null);
    expect(page?.items.map((i) => [i.remoteId, i.text, i.url])).toEqual([
      ["tag:harbour.example.net,2024:post-2", "Storm warning\n\nNo sailings on Friday.", "https://harbour.example.net/storm"],
      ["tag:harbour.example.net,2024:post-1", "Ferry timetable\n\nSummer times are out.", "https://harbour.example.net/ferry"],
    ]);
    expect(page?.items[1]?.author).toEqual({ externalId: "Harbour Office", handle: null, displayName: "Harbour Office" });
  });

  it("polls with a conditional GET: 304 gives an empty page, a new item gives only that item", async () => {
    const client = reader("/news.rss");
    const first = await client.readMentions?.(null);
    const again = await client.readMentions?.(first?.nextCursor ?? null);
    expect(again).toEqual({ items: [], nextCursor: first?.nextCursor });
    const conditional = feeds.requests.at(-1);
    expect(conditional?.status).toBe(304);
    expect(conditional?.headers["if-none-match"]).toMatch(/^"[0-9a-f]{16}"$/);
    expect(conditional?.headers["if-modified-since"]).toBe("Wed, 03 Jan 2024 09:00:00 GMT");

    const extra = `<item><title>Late opening</title><guid isPermaLink="false">library-news-4</guid><pubDate>Thu, 04 Jan 2024 09:00:00 GMT</pubDate><description>Until 10 tonight.</description></item>`;
    feeds.publish("/news.rss", fixture("news.rss.xml").replace("<item>", `${extra}<item>`));
    const next = await client.readMentions?.(again?.nextCursor ?? null);
    expect(next?.items.map((i) => [i.remoteId, i.text])).toEqual([["library-news-4", "Late opening\n\nUntil 10 tonight."]]);
    expect(await client.readMentions?.(next?.nextCursor ?? null)).toMatchObject({ items: [] });
  });

  it("returns more new items than one page holds over the next polls, none lost", async () => {
    const client = reader("/news.rss");
    const first = await client.readMentions?.(null, { limit: 1 });
    expect(first?.items.map((i) => i.remoteId)).toEqual(["library-news-3"]);
    const items = Array.from(
      { length: 3 },
      (_, n) => `<item><title>Extra ${n}</title><guid>extra-${n}</guid><pubDate>Fri, 0${5 + n} Jan 2024 09:00:00 GMT</pubDate></item>`,
    );
    feeds.publish("/news.rss", fixture("news.rss.xml").replace("<item>", `${items.join("")}<item>`));
    const a = await client.readMentions?.(first?.nextCursor ?? null, { limit: 2 });
    const b = await client.readMentions?.(a?.nextCursor ?? null, { limit: 2 });
    const c = await client.readMentions?.(b?.nextCursor ?? null, { limit: 2 });
    expect([a, b, c].map((p) => p?.items.map((i) => i.remoteId))).toEqual([["extra-2", "extra-1"], ["extra-0"], []]);
  });

  it("follows a redirect to the feed", async () => {
    expect((await reader("/moved").verifyCredentials()).externalId).toBe(`${feeds.url}/news.rss`);
  });

  it("a page that is not a feed, or a broken one, is rejected with the reason, never a crash", async () => {
    const page = await rejection(reader("/page.html").readMentions?.(null) ?? Promise.resolve());
    expect(page).toMatchObject({ kind: "rejected", networkCode: "malformed_feed" });
    expect(page.message).toBe(`RSS: ${feeds.url}/page.html is not a feed Switchboard can read (Unrecognized feed format).`);
    const truncated = await rejection(reader("/truncated.rss").verifyCredentials());
    expect(truncated).toMatchObject({ kind: "rejected", networkCode: "malformed_feed" });
    expect(truncated.message).toContain("Invalid feed format");
  });

  it("a feed that is gone is not_found; a cursor that is not ours is rejected", async () => {
    expect((await rejection(reader("/gone.rss").verifyCredentials())).kind).toBe("not_found");
    expect((await rejection(reader("/news.rss").readMentions?.("bm90IGEgY3Vyc29y") ?? Promise.resolve())).kind).toBe("rejected");
  });
});

describe("RSS connector: publishing to the hosted feed", () => {
  function memoryFeedStore() {
    const items = new Map<string, FeedItemInput>();
    const store: FeedStore = {
      async put(item) {
        if (!items.has(item.itemId)) items.set(item.itemId, item);
        return { itemId: item.itemId, url: item.link ?? "https://switchboard.example/feeds/library.rss" };
      },
      async remove(itemId) {
        items.delete(itemId);
      },
    };
    return { store, items };
  }

  it("writes an article to the store; the same idempotency key returns the same item; delete removes it", async () => {
    const { store, items } = memoryFeedStore();
    const client = reader("/news.rss", store);
    const text = "Summer reading list\nOur picks: https://library.example.org/summer.";
    const first = await client.publish({ text }, { idempotencyKey: "post-1" });
    expect(first).toEqual({ remoteId: expect.stringMatching(/^[\w-]{22}$/), url: "https://library.example.org/summer" });
    expect(await client.publish({ text }, { idempotencyKey: "post-1" })).toEqual(first);
    expect([...items.values()]).toEqual([
      {
        itemId: first.remoteId,
        title: "Summer reading list",
        text: "Our picks: https://library.example.org/summer.",
        html: '<p>Our picks: <a href="https://library.example.org/summer">https://library.example.org/summer</a>.</p>',
        link: "https://library.example.org/summer",
      },
    ]);
    await client.delete?.(first.remoteId);
    expect(items.size).toBe(0);
  });

  it("an account whose feed Switchboard does not host cannot publish", async () => {
    const error = await rejection(reader("/news.rss").publish({ text: "Hi" }, { idempotencyKey: "k" }));
    expect(error).toMatchObject({ kind: "rejected", message: "RSS: this account's feed is not hosted by Switchboard." });
  });
});
