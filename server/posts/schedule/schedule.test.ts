import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../../test/helpers/testApp.js";
import { png } from "../../media/test/images.js";
import { slotInstants } from "./queue.js";
import { nextOccurrence, occurrenceAt, type RepeatRule } from "./recurrence.js";
import { scheduleNextOccurrences } from "./repeatJob.js";

const weekly: RepeatRule = { frequency: "weekly", interval: 1 };
const daily: RepeatRule = { frequency: "daily", interval: 1 };
const series = (rule: RepeatRule, firstAt: string, zone: string, n: number) =>
  Array.from({ length: n }, (_, i) => occurrenceAt(rule, firstAt, zone, i + 1));

describe("repeat rules keep the wall-clock time across DST changes", () => {
  it("Berlin: 09:00 every Monday is 08:00 UTC before summer time and 07:00 UTC after (29 March 2026)", () => {
    expect(series(weekly, "2026-03-23T08:00:00.000Z", "Europe/Berlin", 3)).toEqual([
      "2026-03-23T08:00:00.000Z",
      "2026-03-30T07:00:00.000Z",
      "2026-04-06T07:00:00.000Z",
    ]);
  });

  it("New York: 09:00 every day is 13:00 UTC before 1 November 2026 and 14:00 UTC after", () => {
    expect(series(daily, "2026-10-31T13:00:00.000Z", "America/New_York", 3)).toEqual([
      "2026-10-31T13:00:00.000Z",
      "2026-11-01T14:00:00.000Z",
      "2026-11-02T14:00:00.000Z",
    ]);
  });

  it("a time the clocks skip moves forward by the jump; a time that happens twice is the earlier", () => {
    // 02:30 does not exist in Berlin on 29 March 2026: it is 03:30 CEST.
    expect(series(daily, "2026-03-28T01:30:00.000Z", "Europe/Berlin", 3)).toEqual([
      "2026-03-28T01:30:00.000Z",
      "2026-03-29T01:30:00.000Z",
      "2026-03-30T00:30:00.000Z",
    ]);
    // 01:30 happens twice in New York on 1 November 2026: the first (EDT).
    expect(occurrenceAt(daily, "2026-10-31T05:30:00.000Z", "America/New_York", 2)).toBe("2026-11-01T05:30:00.000Z");
  });

  it("monthly keeps the day or takes the month's last; count and until end a series", () => {
    const monthly: RepeatRule = { frequency: "monthly", interval: 1 };
    expect(series(monthly, "2027-01-31T09:00:00.000Z", "UTC", 3)).toEqual([
      "2027-01-31T09:00:00.000Z",
      "2027-02-28T09:00:00.000Z",
      "2027-03-31T09:00:00.000Z",
    ]);
    expect(occurrenceAt({ ...weekly, count: 2 }, "2026-03-23T08:00:00.000Z", "Europe/Berlin", 3)).toBeNull();
    expect(occurrenceAt({ ...weekly, until: "2026-03-30" }, "2026-03-23T08:00:00.000Z", "Europe/Berlin", 2)).not.toBeNull();
    expect(occurrenceAt({ ...weekly, until: "2026-03-29" }, "2026-03-23T08:00:00.000Z", "Europe/Berlin", 2)).toBeNull();
    // After a long outage the series resumes at its next future occurrence instead of sending the missed ones.
    expect(nextOccurrence(weekly, "2026-03-23T08:00:00.000Z", "Europe/Berlin", 2, new Date("2026-04-10T00:00:00Z"))).toEqual({
      occurrence: 4,
      at: "2026-04-13T07:00:00.000Z",
    });
  });

  it("queue slots are wall-clock times too, in Berlin and in New York", () => {
    expect(
      slotInstants({ timeZone: "Europe/Berlin", slots: [{ weekday: 1, time: "09:00" }] }, new Date("2026-03-20T00:00:00Z"), 14),
    ).toEqual(["2026-03-23T08:00:00.000Z", "2026-03-30T07:00:00.000Z"]);
    const ny = {
      timeZone: "America/New_York",
      slots: [
        { weekday: 6, time: "12:00" },
        { weekday: 7, time: "12:00" },
      ],
    };
    expect(slotInstants(ny, new Date("2026-10-30T00:00:00Z"), 3)).toEqual(["2026-10-31T16:00:00.000Z", "2026-11-01T17:00:00.000Z"]);
  });
});

describe.each(DIALECTS)("posting queues and repeating posts on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let x: { id: string };

  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
    x = (await admin.post("/api/accounts", { network: "x", handle: "acme" })).json();
  });
  afterEach(async () => {
    await t.dispose();
  });

  const compose = (body: Record<string, unknown>) =>
    admin.post("/api/posts", { text: "Queued", timeZone: "Europe/Berlin", variants: [{ accountId: x.id }], ...body });

  it("fills a channel's queue slot by slot, and says so when there is no queue", async () => {
    expect((await compose({ queue: true })).json().error.code).toBe("no_queue");
    const set = await admin.put(`/api/accounts/${x.id}/queue`, {
      timeZone: "Europe/Berlin",
      slots: [
        { weekday: 2, time: "09:00" },
        { weekday: 4, time: "17:30" },
      ],
    });
    expect(set.statusCode).toBe(200);
    const next = set.json().nextFreeSlot;
    expect(next).toEqual(slotInstants({ timeZone: "Europe/Berlin", slots: set.json().slots }, new Date())[0]);
    // The post takes the queue's zone: a repeat keeps the slot's wall-clock time.
    const first = (await compose({ queue: true, timeZone: "America/New_York" })).json();
    expect(first).toMatchObject({ status: "scheduled", scheduledAt: next, timeZone: "Europe/Berlin" });
    const second = (await compose({ queue: true })).json();
    expect(Date.parse(second.scheduledAt)).toBeGreaterThan(Date.parse(first.scheduledAt));
    expect((await admin.get(`/api/accounts/${x.id}/queue`)).json().nextFreeSlot).not.toBe(second.scheduledAt);
    expect((await compose({ queue: true, scheduledAt: next })).json().error.code).toBe("schedule_conflict");
    expect((await admin.put(`/api/accounts/${x.id}/queue`, { timeZone: "Mars/Base", slots: [] })).statusCode).toBe(400);
    expect(
      (await admin.put(`/api/accounts/${x.id}/queue`, { timeZone: "UTC", slots: [{ weekday: 8, time: "25:00" }] })).json().error.code,
    ).toBe("validation_failed");
    const audit = (await admin.get(`/api/audit?targetId=${x.id}`)).json().events.map((e: { action: string }) => e.action);
    expect(audit).toContain("account.queue_set");
  });

  it("schedules the next occurrence once the last one has gone out, once, at the same local time", async () => {
    const firstAt = "2027-03-22T08:00:00.000Z"; // Monday 09:00 in Berlin, before summer time
    const bluesky = (await admin.post("/api/accounts", { network: "bluesky", handle: "acme.bsky.social" })).json();
    const image = (
      await admin.request({ method: "POST", url: "/api/media", headers: { "content-type": "image/png" }, payload: png(8, 8) })
    ).json();
    const post = (
      await compose({
        text: "Weekly tips",
        scheduledAt: firstAt,
        repeat: { frequency: "weekly", count: 3 },
        mediaIds: [image.id],
        variants: [{ accountId: bluesky.id }],
      })
    ).json();
    expect(post).toMatchObject({ repeat: { frequency: "weekly", interval: 1, count: 3 }, occurrence: 1 });
    // Nothing to do while the first occurrence waits.
    expect(await scheduleNextOccurrences(t.services.db, new Date("2027-03-22T07:00:00Z"))).toBe(0);
    // The engine sent it (as publishPass would record it).
    await t.services.db.updateTable("posts").set({ status: "published" }).where("id", "=", post.id).execute();
    const now = new Date("2027-03-22T08:01:00Z");
    const [a, b] = await Promise.all([scheduleNextOccurrences(t.services.db, now), scheduleNextOccurrences(t.services.db, now)]);
    expect((a ?? 0) + (b ?? 0)).toBe(1);
    const posts = (await admin.get("/api/posts")).json().posts;
    const second = posts.find((p: { occurrence: number }) => p.occurrence === 2);
    // Summer time began on 28 March 2027: 09:00 Berlin is now 07:00 UTC.
    expect(second).toMatchObject({ text: "Weekly tips", status: "scheduled", scheduledAt: "2027-03-29T07:00:00.000Z" });
    expect(second.variants).toMatchObject([{ accountId: bluesky.id, status: "pending" }]);
    expect(second.media).toMatchObject([{ id: image.id }]);
    expect(await scheduleNextOccurrences(t.services.db, now)).toBe(0);
    await t.services.db.updateTable("posts").set({ status: "published" }).where("id", "=", second.id).execute();
    expect(await scheduleNextOccurrences(t.services.db, new Date("2027-03-29T08:00:00Z"))).toBe(1);
    const third = (await admin.get("/api/posts")).json().posts.find((p: { occurrence: number }) => p.occurrence === 3);
    await t.services.db.updateTable("posts").set({ status: "published" }).where("id", "=", third.id).execute();
    // count: 3 — the series ends.
    expect(await scheduleNextOccurrences(t.services.db, new Date("2027-04-06T08:00:00Z"))).toBe(0);
    // Deleting a waiting occurrence ends the series instead of letting the one before bring it back.
    const weekly = (await compose({ text: "Daily deal", scheduledAt: firstAt, repeat: { frequency: "daily" } })).json();
    await t.services.db.updateTable("posts").set({ status: "published" }).where("id", "=", weekly.id).execute();
    expect(await scheduleNextOccurrences(t.services.db, new Date("2027-03-22T08:01:00Z"))).toBe(1);
    const next = (await admin.get("/api/posts"))
      .json()
      .posts.find((p: { text: string; occurrence: number }) => p.text === "Daily deal" && p.occurrence === 2);
    expect((await admin.delete(`/api/posts/${next.id}`)).statusCode).toBe(204);
    expect(await scheduleNextOccurrences(t.services.db, new Date("2027-03-22T08:02:00Z"))).toBe(0);
    const audit = (await admin.get(`/api/audit?targetId=${second.id}`)).json().events.map((e: { action: string }) => e.action);
    expect(audit).toEqual(["post.repeated"]);
  });
});
