import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Midnight UTC `days` from today: the calendar tests work on whole future days. */
const dayStart = (days: number) => {
  const today = new Date();
  return Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) + days * DAY;
};
const iso = (ms: number) => new Date(ms).toISOString();

/** The calendar asks for a week or a month: GET /api/posts?from=&to=. */
describe.each(DIALECTS)("the publishing calendar on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let x: { id: string };
  let bluesky: { id: string };

  const schedule = async (text: string, at: number | null, extra: Record<string, unknown> = {}) => {
    const res = await admin.post("/api/posts", {
      text,
      timeZone: "Europe/Berlin",
      variants: [{ accountId: x.id }],
      ...(at === null ? {} : { scheduledAt: iso(at) }),
      ...extra,
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; version: number; scheduledAt: string | null };
  };
  const textsIn = async (query: string) => {
    const res = await admin.get(`/api/posts?${query}`);
    expect(res.statusCode).toBe(200);
    return (res.json().posts as { text: string }[]).map((p) => p.text).sort();
  };

  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
    x = (await admin.post("/api/accounts", { network: "x", handle: "acme" })).json();
    bluesky = (await admin.post("/api/accounts", { network: "bluesky", handle: "acme.bsky.social" })).json();
  });
  afterEach(async () => {
    await t.dispose();
  });

  it("returns the posts scheduled in a half-open range, whatever their status, and no drafts", async () => {
    const weekStart = dayStart(7);
    const weekEnd = weekStart + 7 * DAY;
    await schedule("before the week", weekStart - 1000);
    await schedule("first instant", weekStart);
    await schedule("mid-week", weekStart + 3 * DAY + 9 * HOUR);
    await schedule("last instant", weekEnd - 1000);
    await schedule("next week", weekEnd);
    await schedule("a draft", null);
    const published = await schedule("already out", weekStart + DAY);
    await t.database.db.updateTable("posts").set({ status: "published" }).where("id", "=", published.id).execute();

    const range = `from=${iso(weekStart)}&to=${iso(weekEnd)}`;
    expect(await textsIn(range)).toEqual(["already out", "first instant", "last instant", "mid-week"]);
    // Only one bound: everything from, or everything before.
    expect(await textsIn(`from=${iso(weekEnd)}`)).toEqual(["next week"]);
    expect(await textsIn(`to=${iso(weekStart)}`)).toEqual(["before the week"]);
    // An instant with an offset is the same instant: 01:00+01:00 is midnight UTC.
    const withOffset = iso(weekStart).replace("T00:00:00.000Z", "T01:00:00+01:00");
    expect(await textsIn(`from=${encodeURIComponent(withOffset)}&to=${iso(weekEnd)}`)).toEqual(await textsIn(range));
    // With a status, the range keeps to it.
    expect(await textsIn(`${range}&status=published`)).toEqual(["already out"]);
  });

  it("combines the range with the campaign and channel filters", async () => {
    const day = dayStart(3);
    const spring = (await admin.post("/api/campaigns", { name: "Spring" })).json();
    await schedule("spring on X", day + 9 * HOUR, { campaignId: spring.id });
    await schedule("spring on Bluesky", day + 10 * HOUR, { campaignId: spring.id, variants: [{ accountId: bluesky.id }] });
    await schedule("no campaign", day + 11 * HOUR);
    await schedule("spring, a day later", day + DAY + 9 * HOUR, { campaignId: spring.id });

    const range = `from=${iso(day)}&to=${iso(day + DAY)}`;
    expect(await textsIn(`${range}&campaignId=${spring.id}`)).toEqual(["spring on Bluesky", "spring on X"]);
    expect(await textsIn(`${range}&accountId=${bluesky.id}`)).toEqual(["spring on Bluesky"]);
    expect(await textsIn(`${range}&campaignId=${spring.id}&accountId=${x.id}`)).toEqual(["spring on X"]);
  });

  it("refuses a range that ends before it starts and a date that is not an instant", async () => {
    const from = iso(dayStart(2));
    for (const query of [`from=${from}&to=${from}`, `from=${from}&to=${iso(dayStart(1))}`, "from=next-tuesday", "to=2026-11-30"]) {
      const res = await admin.get(`/api/posts?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code, query).toBe("validation_failed");
    }
  });

  it("moves a post to another slot the way the calendar does: with its version, never into the past", async () => {
    const post = await schedule("movable", dayStart(2) + 9 * HOUR);
    const target = dayStart(5) + 14 * HOUR;

    const moved = await admin.patch(`/api/posts/${post.id}`, { scheduledAt: iso(target), version: post.version });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ scheduledAt: iso(target), status: "scheduled", version: post.version + 1 });
    expect(await textsIn(`from=${iso(dayStart(5))}&to=${iso(dayStart(6))}`)).toEqual(["movable"]);
    expect(await textsIn(`from=${iso(dayStart(2))}&to=${iso(dayStart(3))}`)).toEqual([]);

    // A second move made from the old version (another tab) is a conflict, not an overwrite.
    const stale = await admin.patch(`/api/posts/${post.id}`, { scheduledAt: iso(dayStart(6)), version: post.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("edit_conflict");

    const past = await admin.patch(`/api/posts/${post.id}`, { scheduledAt: iso(dayStart(-1)), version: post.version + 1 });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.code).toBe("schedule_in_past");

    // A post that went out stays where it is.
    await t.database.db.updateTable("posts").set({ status: "published" }).where("id", "=", post.id).execute();
    const gone = await admin.patch(`/api/posts/${post.id}`, { scheduledAt: iso(dayStart(6)), version: post.version + 1 });
    expect(gone.statusCode).toBe(409);
    expect(gone.json().error.code).toBe("post_not_editable");
    expect((await admin.get(`/api/posts/${post.id}`)).json().scheduledAt).toBe(iso(target));
  });
});
