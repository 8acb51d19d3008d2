import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { XStandIn } from "../../../connectors/x/test/standIn.js";
import { DIALECTS } from "../../../test/helpers/databases.js";
import type { TestApp, TestClient } from "../../../test/helpers/testApp.js";
import { startXChannelApp, type XChannelApp } from "../../../test/helpers/xChannelApp.js";
import { runDuePublishing } from "./runDue.js";
import { publicBaseUrl } from "./trackedLinks.js";

const BASE_URL = "https://social.acme.example";

describe.each(DIALECTS)("tracked links in published posts (X stand-in) on %s", (dialect) => {
  let app: XChannelApp;
  let x: XStandIn;
  let t: TestApp;
  let admin: TestClient;
  let accountId: string;

  beforeEach(async () => {
    app = await startXChannelApp(dialect, { BASE_URL });
    ({ x, t, accountId } = app);
    admin = await t.setupAdmin();
  });
  afterEach(async () => {
    await app.dispose();
  });

  const schedule = async (text: string, campaignId?: string, threadParts: string[] = []) => {
    const res = await admin.post("/api/posts", {
      text,
      timeZone: "UTC",
      scheduledAt: new Date().toISOString(),
      ...(campaignId ? { campaignId } : {}),
      variants: [{ accountId, ...(threadParts.length ? { threadParts } : {}) }],
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; text: string };
  };

  it("sends a campaign's links as tracked short links with its UTM preset; the post keeps what its author wrote", async () => {
    const campaign = (await admin.post("/api/campaigns", { name: "Spring sale" })).json();
    const preset = await admin.put(`/api/links/campaigns/${campaign.id}/utm`, {
      utm: { source: "{network}", medium: "social", campaign: "spring" },
    });
    expect(preset.statusCode, preset.body).toBe(200);
    const text = "Our spring timetable: https://www.acme.example/timetable?lang=en. Details soon.";
    const post = await schedule(text, campaign.id, ["And the fares: https://www.acme.example/fares"]);
    expect(await runDuePublishing(t.services, "w1")).toEqual(["published"]);

    const [first, second] = x.tweets.slice(-2);
    const short = new RegExp(`^Our spring timetable: ${BASE_URL}/l/([A-Za-z0-9]+)\\. Details soon\\.$`);
    const code = first?.text.match(short)?.[1];
    expect(code, first?.text).toBeDefined();
    expect(second?.text).toMatch(new RegExp(`^And the fares: ${BASE_URL}/l/[A-Za-z0-9]+$`));
    expect((await admin.get(`/api/posts/${post.id}`)).json().text).toBe(text);

    const links = (await admin.get(`/api/links?postId=${post.id}`)).json().items as {
      code: string;
      destination: string;
      target: string;
      campaign: { id: string } | null;
      account: { id: string } | null;
    }[];
    expect(links).toHaveLength(2);
    const timetable = links.find((l) => l.code === code);
    expect(timetable).toMatchObject({
      destination: "https://www.acme.example/timetable?lang=en",
      campaign: { id: campaign.id },
      account: { id: accountId },
    });
    expect(timetable?.target).toContain("utm_source=x");
    expect(timetable?.target).toContain("utm_campaign=spring");

    // The short link leads where the author pointed.
    const visit = await t.app.inject({
      method: "GET",
      url: `/l/${code}`,
      headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" },
    });
    expect(visit.statusCode).toBe(302);
    expect(visit.headers.location).toMatch(/^https:\/\/www\.acme\.example\/timetable\?lang=en&utm_source=x/);
  });

  it("leaves links as written outside a campaign", async () => {
    await schedule("No campaign here: https://www.acme.example/news");
    expect(await runDuePublishing(t.services, "w1")).toEqual(["published"]);
    expect(x.tweets.at(-1)?.text).toBe("No campaign here: https://www.acme.example/news");
  });
});

describe("short links only under an address the public can reach", () => {
  it("refuses loopback, private and local hosts", () => {
    for (const url of [
      "http://localhost:8080",
      "http://127.0.0.1:8080",
      "http://10.1.2.3",
      "http://192.168.0.5",
      "http://sb.local",
      "http://[::1]:8080",
    ])
      expect(publicBaseUrl(url), url).toBe(false);
    expect(publicBaseUrl("https://social.acme.example")).toBe(true);
    expect(publicBaseUrl("https://172.32.0.1")).toBe(true);
  });
});
