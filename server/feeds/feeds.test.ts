import { parseAtomFeed, parseRssFeed } from "feedsmith";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rssConnector } from "../../connectors/rss/index.js";
import { startFeedServer } from "../../connectors/rss/test/feedServer.js";
import { DIALECTS } from "../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";
import { catalogOf } from "../connections/catalog.js";
import { withClient } from "../connections/withClient.js";

const BASE_URL = "https://switchboard.example.org";

describe.each(DIALECTS)("hosted feeds and feed accounts on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;
  beforeEach(async () => {
    feeds = await startFeedServer();
    t = await createTestApp(dialect, { BASE_URL }, { connectors: catalogOf([rssConnector]) });
    admin = await t.setupAdmin();
  });
  afterEach(async () => {
    await t.dispose();
    await feeds.close();
  });

  async function hostedChannel(handle = "News") {
    const account = (
      await admin.post("/api/accounts", { network: "rss", handle, displayName: "Acme News", purpose: "What Acme is up to" })
    ).json();
    const connected = await admin.post(`/api/accounts/${account.id}/connect`, {});
    expect(connected.statusCode).toBe(200);
    expect(connected.json().account).toMatchObject({ connectionStatus: "connected", connection: { credentials: [] } });
    return account.id as string;
  }
  const publish = (accountId: string, text: string, key: string) =>
    withClient(t.services, accountId, (client) => client.publish({ text }, { idempotencyKey: key }));
  const anonymous = () => t.client();

  it("publishes two items and serves them as RSS and Atom, newest first, parsed back the same", async () => {
    const id = await hostedChannel();
    const first = await publish(id, "Spring fair\nJoin us on the green.", "post-1");
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await publish(id, 'Road works <b>"ahead"</b> & more\nDetour via https://acme.example/detour ]]> done', "post-2");
    expect(first.url).toBe(`${BASE_URL}/feeds/news.rss`);
    expect(second.url).toBe("https://acme.example/detour");

    const rss = await anonymous().get("/feeds/news.rss");
    expect(rss.statusCode).toBe(200);
    expect(rss.headers["content-type"]).toBe("application/rss+xml; charset=utf-8");
    expect(rss.headers["cache-control"]).toBe("public, max-age=300");
    expect(rss.headers["access-control-allow-origin"]).toBe("*");
    const channel = parseRssFeed(rss.body);
    expect(channel).toMatchObject({ title: "Acme News", description: "What Acme is up to", link: `${BASE_URL}/feeds/news.rss` });
    expect(channel.items?.map((i) => [i.title, i.link ?? null, i.description])).toEqual([
      [
        'Road works <b>"ahead"</b> & more',
        "https://acme.example/detour",
        '<p>Detour via <a href="https://acme.example/detour">https://acme.example/detour</a> ]]&gt; done</p>',
      ],
      ["Spring fair", null, "<p>Join us on the green.</p>"],
    ]);
    // The markup in the title stayed text (inside CDATA): nothing a post says becomes an element of the feed.
    expect(rss.body.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "")).not.toMatch(/<b>|<a |<p>/);

    const atom = await anonymous().get("/feeds/news.atom");
    expect(atom.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const parsed = parseAtomFeed(atom.body);
    expect(parsed.title?.value).toBe("Acme News");
    expect(parsed.links?.find((l) => l.rel === "self")?.href).toBe(`${BASE_URL}/feeds/news.atom`);
    expect(parsed.entries?.map((e) => [e.title?.value, e.content?.value])).toEqual([
      [
        'Road works <b>"ahead"</b> & more',
        '<p>Detour via <a href="https://acme.example/detour">https://acme.example/detour</a> ]]&gt; done</p>',
      ],
      ["Spring fair", "<p>Join us on the green.</p>"],
    ]);
    expect(parsed.entries?.[0]?.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);

    // Publishing again with the same key is the same item.
    expect(await publish(id, "Spring fair\nJoin us on the green.", "post-1")).toEqual(first);
    expect(parseRssFeed((await anonymous().get("/feeds/news.rss")).body).items).toHaveLength(2);
  });

  it("answers 304 to a reader that has the current version, by ETag or date, and a new one after a change", async () => {
    const id = await hostedChannel();
    await publish(id, "One\nFirst item.", "k1");
    const first = await anonymous().get("/feeds/news.rss");
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const unchanged = await anonymous().request({ method: "GET", url: "/feeds/news.rss", headers: { "if-none-match": etag } });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe("");
    const byDate = await anonymous().request({
      method: "GET",
      url: "/feeds/news.rss",
      headers: { "if-modified-since": String(first.headers["last-modified"]) },
    });
    expect(byDate.statusCode).toBe(304);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // Last-Modified has whole seconds
    await publish(id, "Two\nSecond item.", "k2");
    const changed = await anonymous().request({ method: "GET", url: "/feeds/news.rss", headers: { "if-none-match": etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it("deleting removes the item from both feeds, and every change is in the audit trail", async () => {
    const id = await hostedChannel();
    const keep = await publish(id, "Keep\nThis stays.", "k1");
    const gone = await publish(id, "Oops\nThis goes.", "k2");
    await withClient(t.services, id, async (client) => {
      await client.delete?.(gone.remoteId);
      await client.delete?.(gone.remoteId);
    });
    expect(parseRssFeed((await anonymous().get("/feeds/news.rss")).body).items?.map((i) => i.title)).toEqual(["Keep"]);
    expect(parseAtomFeed((await anonymous().get("/feeds/news.atom")).body).entries?.map((e) => e.title?.value)).toEqual(["Keep"]);
    expect(keep.remoteId).not.toBe(gone.remoteId);
    const actions = (await admin.get(`/api/audit?targetId=${id}`)).json().events.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 4)).toEqual(["feed.item_deleted", "feed.item_published", "feed.item_published", "account.connected"]);
  });

  it("an unknown feed, or an RSS account that never published, is a 404 with a code", async () => {
    await hostedChannel("quiet");
    for (const url of ["/feeds/nobody.rss", "/feeds/quiet.atom"]) {
      const res = await anonymous().get(url);
      expect(res.statusCode).toBe(404);
      expect(res.headers["content-type"]).toContain("application/json");
      expect(res.json().error.code).toBe("feed_not_found");
    }
    // Another network's account has no feed even with the same handle.
    const other = (await admin.post("/api/accounts", { network: "mastodon", handle: "news" })).json();
    expect(other.id).toBeTruthy();
    expect((await anonymous().get("/feeds/news.rss")).json().error.code).toBe("feed_not_found");
  });

  it("connects a feed to read with no secret, reads it through the server, and refuses a page that is not a feed", async () => {
    const account = (await admin.post("/api/accounts", { network: "rss", handle: "library" })).json();
    const refused = await admin.post(`/api/accounts/${account.id}/connect`, { baseUrl: `${feeds.url}/page.html` });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("network_rejected");
    expect(refused.json().error.message).toContain("is not a feed Switchboard can read");

    const withSecret = await admin.post(`/api/accounts/${account.id}/connect`, { baseUrl: `${feeds.url}/news.rss`, secret: "x" });
    expect(withSecret.json().error.code).toBe("secret_not_used");

    const connected = await admin.post(`/api/accounts/${account.id}/connect`, { baseUrl: `${feeds.url}/news.rss` });
    expect(connected.json().account).toMatchObject({
      connectionStatus: "connected",
      url: `${feeds.url}/news.rss`,
      connection: { externalId: `${feeds.url}/news.rss`, credentials: [] },
    });
    const page = await withClient(t.services, account.id, (client) => client.readMentions?.(null) ?? Promise.resolve(null));
    expect(page?.items.map((i) => i.remoteId)).toEqual(["library-news-3", "library-news-2", "library-news-1"]);
    expect((await admin.post(`/api/accounts/${account.id}/check`)).json().connectionStatus).toBe("connected");
  });
});
