import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../../test/helpers/testApp.js";

describe.each(DIALECTS)("practice ratios on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
  });
  afterEach(async () => {
    await t.dispose();
  });

  const account = async (handle: string) => (await admin.post("/api/accounts", { network: "bluesky", handle })).json().id as string;
  const published = async (accountId: string, at: string, extra: { campaignId?: string } = {}) => {
    const post = await admin.post("/api/posts", { text: `Post at ${at}`, timeZone: "UTC", variants: [{ accountId }], ...extra });
    expect(post.statusCode, post.body).toBe(201);
    const id = post.json().id as string;
    await t.services.db.updateTable("post_variants").set({ status: "published", published_at: at }).where("post_id", "=", id).execute();
    return id;
  };
  const conversation = async (id: string, accountId: string, messages: [direction: "in" | "out", at: string][]) => {
    const first = messages[0]?.[1] as string;
    const last = messages[messages.length - 1]?.[1] as string;
    await t.services.db
      .insertInto("inbox_conversations")
      .values({
        id,
        account_id: accountId,
        network: "bluesky",
        kind: "mention",
        thread_key: `mention:${id}`,
        subject: "hi",
        status: "open",
        priority: "normal",
        tags: "[]",
        message_count: messages.length,
        first_message_at: first,
        last_message_at: last,
        created_at: first,
        updated_at: last,
      })
      .execute();
    await t.services.db
      .insertInto("inbox_messages")
      .values(
        messages.map(([direction, at], i) => ({
          id: `${id}-${i}`,
          conversation_id: id,
          account_id: accountId,
          external_id: `${id}-${i}`,
          direction,
          text: "hi",
          sent_at: at,
          received_at: at,
        })),
      )
      .execute();
  };

  it("counts talk-to-listen, pitch ratio and response rate per channel per week, as counted by hand", async () => {
    const acme = await account("acme.example");
    const other = await account("other.example");
    const campaign = (await admin.post("/api/campaigns", { name: "Autumn" })).json().id as string;
    // Week of Monday 5 October: three posts, one in a campaign, one with a tracked link, one plain.
    await published(acme, "2026-10-05T09:00:00.000Z", { campaignId: campaign });
    const linked = await published(acme, "2026-10-06T09:00:00.000Z");
    expect((await admin.post("/api/links", { destination: "https://shop.example/a", postId: linked })).statusCode).toBe(201);
    await published(acme, "2026-10-08T09:00:00.000Z");
    // Week of 12 October: one plain post. After the range (19 October): not counted.
    await published(acme, "2026-10-14T09:00:00.000Z");
    await published(acme, "2026-10-20T09:00:00.000Z");
    // A draft is not talk.
    await admin.post("/api/posts", { text: "Draft", timeZone: "UTC", variants: [{ accountId: acme }] });
    // Conversations: answered the same day; answered the week after; never answered; one the brand began.
    await conversation("c1", acme, [
      ["in", "2026-10-06T10:00:00.000Z"],
      ["out", "2026-10-06T11:00:00.000Z"],
    ]);
    await conversation("c2", acme, [
      ["in", "2026-10-07T10:00:00.000Z"],
      ["in", "2026-10-08T10:00:00.000Z"],
      ["out", "2026-10-13T10:00:00.000Z"],
    ]);
    await conversation("c3", acme, [["in", "2026-10-09T10:00:00.000Z"]]);
    await conversation("c4", acme, [["out", "2026-10-10T10:00:00.000Z"]]);
    await conversation("c5", other, [["in", "2026-10-09T10:00:00.000Z"]]);

    const res = await admin.get(`/api/analytics/practice?from=2026-10-07&to=2026-10-18&accountId=${acme}`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    // Widened to whole weeks, Monday to Sunday.
    expect(report.range).toEqual({ from: "2026-10-05", to: "2026-10-18" });
    expect(report.weeks).toEqual(["2026-10-05", "2026-10-12"]);
    expect(report.accounts).toHaveLength(1);
    const [row] = report.accounts;
    expect(row.weeks).toEqual([
      {
        week: "2026-10-05",
        posts: 3,
        promotional: 2,
        replies: 2,
        inbound: 4,
        conversations: 3,
        answered: 2,
        talkToListen: 1.5,
        pitchRatio: 0.667,
        responseRate: 0.667,
      },
      {
        week: "2026-10-12",
        posts: 1,
        promotional: 0,
        replies: 1,
        inbound: 0,
        conversations: 0,
        answered: 0,
        talkToListen: 1,
        pitchRatio: 0,
        responseRate: null,
      },
    ]);
    expect(row.total).toEqual({
      posts: 4,
      promotional: 2,
      replies: 3,
      inbound: 4,
      conversations: 3,
      answered: 2,
      talkToListen: 1.333,
      pitchRatio: 0.5,
      responseRate: 0.667,
    });

    // Without a channel: every channel with activity; the other one heard and never answered.
    const all = (await admin.get("/api/analytics/practice?from=2026-10-05&to=2026-10-11")).json();
    expect(all.accounts.map((a: { handle: string }) => a.handle)).toEqual(["acme.example", "other.example"]);
    expect(all.accounts[1].total).toMatchObject({
      posts: 0,
      replies: 0,
      inbound: 1,
      talkToListen: null,
      pitchRatio: null,
      responseRate: 0,
    });
  });

  it("refuses bad input with a code and is for those who may read the inbox", async () => {
    const backwards = await admin.get("/api/analytics/practice?from=2026-10-10&to=2026-10-01");
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe("analytics_range_invalid");
    expect((await admin.get("/api/analytics/practice?from=2025-01-01&to=2026-10-01")).json().error.code).toBe("analytics_range_too_long");
    expect((await admin.get("/api/analytics/practice?from=yesterday")).json().error.code).toBe("validation_failed");
    const unknown = await admin.get("/api/analytics/practice?accountId=nope");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("account_not_found");
    const created = await admin.post("/api/users", {
      email: "c@example.com",
      name: "Contributor",
      roles: ["contributor"],
      password: "a long enough password",
    });
    expect(created.statusCode).toBe(201);
    const contributor = t.client();
    expect((await contributor.login("c@example.com", "a long enough password")).statusCode).toBe(200);
    expect((await contributor.get("/api/analytics/practice")).statusCode).toBe(403);
  });
});
