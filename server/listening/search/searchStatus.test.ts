import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../../../connectors/http/types.js";
import { mastodonConnector } from "../../../connectors/mastodon/index.js";
import { type MastodonStandIn, startMastodonStandIn } from "../../../connectors/mastodon/test/standIn.js";
import { testHttp } from "../../../connectors/test/harness.js";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../../test/helpers/testApp.js";
import { catalogOf } from "../../connections/catalog.js";
import { publicSearchError } from "./searchStatus.js";
import { SEARCH_INTERVAL_MS, searchTopics } from "./searchTopics.js";

interface SourceStatus {
  channel: { id: string; network: string; handle: string | null };
  terms: number;
  active: boolean;
  lastSearchedAt: string | null;
  nextSearchAt: string | null;
  found: number;
  failures: number;
  lastError: string | null;
}

describe("a search error as people may see it", () => {
  it("masks credentials in URLs and credential-like pairs, and keeps the rest", () => {
    expect(
      publicSearchError(
        "GET https://bot:hunter2@social.example/api/v2/search?q=acme&access_token=abc123 answered 500; Authorization: Bearer tok-987",
      ),
    ).toBe("GET https://social.example/api/v2/search?q=acme&access_token=%5Bredacted%5D answered 500; Authorization: Bearer [redacted]");
    expect(publicSearchError("Mastodon is not answering (503).")).toBe("Mastodon is not answering (503).");
    expect(publicSearchError('password="s3cret" was refused')).toBe('password="[redacted]" was refused');
  });
});

describe.each(DIALECTS)("listening search status per topic and channel (Mastodon stand-in) on %s", (dialect) => {
  let t: TestApp;
  let http: HttpClient;
  let admin: TestClient;
  let mastodon: MastodonStandIn;
  let channelId: string;

  beforeEach(async () => {
    mastodon = await startMastodonStandIn();
    http = testHttp();
    // The stand-in only accepts the redirect URI it was written for, as a real server only accepts the registered one.
    t = await createTestApp(dialect, { BASE_URL: "http://127.0.0.1" }, { connectors: catalogOf([mastodonConnector]), http });
    admin = await t.setupAdmin();
    const me = (await admin.get("/api/me")).json().user;
    const masto = (await admin.post("/api/accounts", { network: "mastodon", handle: "switchboard", ownerId: me.id })).json();
    channelId = masto.id;
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

  const statusOf = async (topicId: string): Promise<SourceStatus[]> => {
    const res = await admin.get(`/api/listening/topics/${topicId}/searches`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };

  it("shows each channel's last and next search, what it found and why it last failed, without secrets", async () => {
    const topic = (await admin.post("/api/listening/topics", { name: "Brand", terms: ["acmestat", "#acmestat"] })).json();
    // Before the first run: the channel that will search, nothing searched yet.
    expect(await statusOf(topic.id)).toEqual([
      {
        channel: { id: channelId, network: "mastodon", handle: "switchboard" },
        terms: 0,
        active: true,
        lastSearchedAt: null,
        nextSearchAt: null,
        found: 0,
        failures: 0,
        lastError: null,
        failingTerm: null,
      },
    ]);

    mastodon.post("acmestat lounge in Porto is lovely");
    mastodon.post("acmestat lost my bag");
    // The hashtag's search (a tag timeline) fails; the word's search works.
    mastodon.fault({ kind: "server_error" }, /timelines\/tag/);
    const now = new Date();
    expect(await searchTopics(t.services, now)).toMatchObject({ searched: 2, failed: 1, found: 2 });
    const [status] = await statusOf(topic.id);
    expect(status).toMatchObject({
      terms: 2,
      active: true,
      lastSearchedAt: now.toISOString(),
      // Both wait one interval: the working search as usual, the failing one its first backoff.
      nextSearchAt: new Date(now.getTime() + SEARCH_INTERVAL_MS).toISOString(),
      found: 2,
      failures: 1,
      failingTerm: "#acmestat",
    });
    expect(status?.lastError).toEqual(expect.any(String));
    expect(status?.lastError?.length).toBeGreaterThan(0);
    const res = await admin.get(`/api/listening/topics/${topic.id}/searches`);
    const token = mastodon.requests.find((r) => r.path === "/api/v2/search")?.bearer();
    expect(token).toBeTruthy();
    expect(res.body).not.toContain(token);

    // The next run works: the error goes, the next search moves on.
    const later = new Date(now.getTime() + SEARCH_INTERVAL_MS);
    expect(await searchTopics(t.services, later)).toMatchObject({ searched: 2, failed: 0 });
    expect((await statusOf(topic.id))[0]).toMatchObject({
      lastSearchedAt: later.toISOString(),
      nextSearchAt: new Date(later.getTime() + SEARCH_INTERVAL_MS).toISOString(),
      failures: 0,
      lastError: null,
      failingTerm: null,
      found: 2,
    });

    // A term taken out no longer counts; a topic switched off is not searched: no next search.
    mastodon.fault({ kind: "server_error" }, /timelines\/tag/);
    expect(await searchTopics(t.services, new Date(later.getTime() + SEARCH_INTERVAL_MS))).toMatchObject({ failed: 1 });
    expect((await statusOf(topic.id))[0]).toMatchObject({ failures: 1, failingTerm: "#acmestat" });
    const change = (enabled: boolean) => admin.put(`/api/listening/topics/${topic.id}`, { name: "Brand", terms: ["acmestat"], enabled });
    expect((await change(true)).statusCode).toBe(200);
    expect((await statusOf(topic.id))[0]).toMatchObject({ terms: 1, failures: 0, lastError: null, failingTerm: null });
    expect((await change(false)).statusCode).toBe(200);
    expect((await statusOf(topic.id))[0]).toMatchObject({ active: false, nextSearchAt: null });
  });

  it("answers 404 with a code for a topic that does not exist, and 401 when signed out", async () => {
    const missing = await admin.get("/api/listening/topics/no-such-topic/searches");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("topic_not_found");
    expect((await t.client().get("/api/listening/topics/no-such-topic/searches")).statusCode).toBe(401);
  });
});
