import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { blueskyConnector } from "../../../connectors/bluesky/index.js";
import { type Person, personOn } from "../../../connectors/bluesky/test/network.js";
import { clientFor, pdsHttp, signedInAs } from "../../../connectors/bluesky/test/support.js";
import type { HttpClient } from "../../../connectors/http/types.js";
import { mastodonConnector } from "../../../connectors/mastodon/index.js";
import { type MastodonStandIn, startMastodonStandIn } from "../../../connectors/mastodon/test/standIn.js";
import { DIALECTS, TEST_DATABASE_URL } from "../../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../../test/helpers/testApp.js";
import { type BlueskyNetwork, startBlueskyNetwork } from "../../../test/servers/bluesky/pds.js";
import { catalogOf } from "../../connections/catalog.js";
import { pollInboxSources } from "../../inbox/poll/pollSources.js";
import { SEARCH_INTERVAL_MS, searchTopics } from "./searchTopics.js";

const DAY = 86_400_000;

// One Bluesky network (PDS, PLC directory and AppView) for the whole file: it takes seconds to start.
let net: BlueskyNetwork;
let bob: Person;
beforeAll(async () => {
  net = await startBlueskyNetwork({ postgresUrl: TEST_DATABASE_URL });
  bob = await personOn(net, net.bob);
});
afterAll(async () => {
  await net?.stop();
});

interface Hit {
  source: string;
  text: string;
  matched: string[];
  conversationId: string | null;
  channel: { network: string };
  author: string | null;
}

describe.each(DIALECTS)("listening by network search (Bluesky AppView, Mastodon stand-in) on %s", (dialect) => {
  let t: TestApp;
  let http: HttpClient;
  let admin: TestClient;
  let mastodon: MastodonStandIn;
  // Words of this run's own: the network outlives the dialect loop, and the other run's posts are still on it.
  const brand = `acme${dialect}`;

  beforeEach(async () => {
    mastodon = await startMastodonStandIn();
    http = pdsHttp();
    // The stand-in only accepts the redirect URI it was written for, as a real server only accepts the registered one.
    t = await createTestApp(
      dialect,
      { BASE_URL: "http://127.0.0.1" },
      { connectors: catalogOf([blueskyConnector, mastodonConnector]), http },
    );
    admin = await t.setupAdmin();
    const me = (await admin.get("/api/me")).json().user;
    const appPassword = (
      await (await signedInAs(net, net.alice)).com.atproto.server.createAppPassword({ name: `listen-${dialect}-${Date.now()}` })
    ).data.password;
    const bluesky = (await admin.post("/api/accounts", { network: "bluesky", handle: net.alice.handle, ownerId: me.id })).json();
    const connected = await admin.post(`/api/accounts/${bluesky.id}/connect`, {
      identifier: net.alice.handle,
      secret: appPassword,
      baseUrl: net.url,
    });
    expect(connected.statusCode, connected.body).toBe(200);
    const masto = (await admin.post("/api/accounts", { network: "mastodon", handle: "switchboard", ownerId: me.id })).json();
    const start = (await admin.post(`/api/accounts/${masto.id}/connect`, { baseUrl: mastodon.url })).json();
    const allowed = await fetch(start.authorizationUrl, { redirect: "manual" });
    const back = new URL(allowed.headers.get("location") ?? "");
    expect((await admin.get(`${back.pathname}${back.search}`)).headers.location).toContain("connected=1");
  });
  afterEach(async () => {
    await t.dispose();
    await http.close();
    await mastodon.close();
  });

  const hitsOf = async (topicId: string): Promise<Hit[]> => {
    const res = await admin.get(`/api/listening/topics/${topicId}/hits`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };

  it("backfills the last days when a topic is created, then finds only what is new, into the topic's view and not the inbox", async () => {
    const now = new Date();
    // Before the topic exists: recent posts (found by the backfill), old ones (too old), our own (not listened for).
    // The dev AppView's search is case-sensitive (SQL LIKE), so the Bluesky posts keep the brand in lower case.
    await bob.post(`${brand} lost my bag in Lisbon, worst trip ever`);
    await bob.post(`${brand} was great in 2010`, new Date(now.getTime() - 10 * DAY));
    await bob.post(`Flying with #${brand} tomorrow!`);
    await clientFor(http, net, net.alice).publish({ text: `${brand} opens a new lounge` }, { idempotencyKey: `own-${dialect}` });
    mastodon.post(`The #${brand} crew was lovely today`);
    mastodon.post(`Remember #${brand} in the old days`, new Date(now.getTime() - 9 * DAY));
    mastodon.post(`${brand} cancelled my flight and nobody called`);
    mastodon.post(`${brand}s is another company altogether`);
    await net.processAll();

    const created = await admin.post("/api/listening/topics", { name: "Brand", terms: [brand, `#${brand}`] });
    expect(created.statusCode, created.body).toBe(201);
    const topic = created.json();

    const first = await searchTopics(t.services, now);
    // Two terms on two networks: four searches, none failed.
    expect(first).toMatchObject({ searched: 4, failed: 0 });
    const hits = await hitsOf(topic.id);
    expect(hits.map((h) => `${h.channel.network}: ${h.text}`).sort()).toEqual(
      [
        `bluesky: ${brand} lost my bag in Lisbon, worst trip ever`,
        `bluesky: Flying with #${brand} tomorrow!`,
        `mastodon: The #${brand} crew was lovely today`,
        `mastodon: ${brand} cancelled my flight and nobody called`,
      ].sort(),
    );
    expect(first.found).toBe(4);
    expect(hits.every((h) => h.source === "search" && h.conversationId === null)).toBe(true);
    expect(hits.find((h) => h.text.startsWith(`${brand} lost my bag`))).toMatchObject({
      matched: [brand],
      author: net.bob.handle,
      sentiment: "negative",
    });
    expect(hits.find((h) => h.text.startsWith("Flying with"))?.matched).toEqual([`#${brand}`]);
    // Searched posts start no conversation.
    expect(await t.services.db.selectFrom("inbox_conversations").select("id").execute()).toEqual([]);
    const [listed] = (await admin.get("/api/listening/topics")).json().items;
    expect(listed).toMatchObject({ total: 4, last24h: 4 });

    // Not due again before its interval; then only what is new is added, nothing twice.
    expect(await searchTopics(t.services, new Date(now.getTime() + 1000))).toMatchObject({ searched: 0 });
    await bob.post(`Second try with ${brand}: the bag is back`);
    mastodon.post(`#${brand} lounge in Porto is open`);
    await net.processAll();
    const later = await searchTopics(t.services, new Date(now.getTime() + SEARCH_INTERVAL_MS));
    expect(later).toMatchObject({ searched: 4, failed: 0, found: 2 });
    expect(await hitsOf(topic.id)).toHaveLength(6);
    const stored = await t.services.db.selectFrom("listening_found").select("external_id").execute();
    expect(new Set(stored.map((s) => s.external_id)).size).toBe(stored.length);

    // A post the inbox also reads (it mentions the channel) is shown once, as the inbox's message.
    await bob.post(`@${net.alice.handle} ${brand} still owes me a refund`);
    await net.processAll();
    await pollInboxSources(t.services, new Date(now.getTime() + 2 * SEARCH_INTERVAL_MS));
    await searchTopics(t.services, new Date(now.getTime() + 2 * SEARCH_INTERVAL_MS));
    const withInbox = await hitsOf(topic.id);
    const refund = withInbox.filter((h) => h.text.includes("still owes me a refund"));
    expect(refund).toHaveLength(1);
    expect(refund[0]).toMatchObject({ source: "inbox", conversationId: expect.any(String) });
    expect((await admin.get("/api/listening/topics")).json().items[0]).toMatchObject({ total: 7 });
  });

  it("backs a failing search off, keeps the reason, and lets the other searches carry on", async () => {
    const now = new Date();
    const tag = `#${brand}b`;
    mastodon.post(`${tag} again`);
    const topic = (await admin.post("/api/listening/topics", { name: "Tag", terms: [tag] })).json();
    mastodon.fault({ kind: "server_error" }, /timelines\/tag/);
    const failed = await searchTopics(t.services, now);
    expect(failed).toMatchObject({ searched: 2, failed: 1 });
    const row = await t.services.db
      .selectFrom("listening_searches")
      .innerJoin("accounts", "accounts.id", "listening_searches.account_id")
      .select(["listening_searches.failures", "listening_searches.last_error", "listening_searches.next_run_at"])
      .where("accounts.network", "=", "mastodon")
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(1);
    expect(row.last_error).toBeTruthy();
    expect(Date.parse(row.next_run_at)).toBe(now.getTime() + SEARCH_INTERVAL_MS);
    const recovered = await searchTopics(t.services, new Date(now.getTime() + SEARCH_INTERVAL_MS));
    expect(recovered).toMatchObject({ failed: 0, found: 1 });
    expect((await hitsOf(topic.id)).map((h) => h.text)).toEqual([`${tag} again`]);
  });
});
