import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";
import { systemActor } from "../audit/context.js";
import { updateConversation } from "../inbox/conversations/updateConversations.js";
import { syncClocks } from "../inbox/sla/syncClocks.js";

/**
 * Service levels against a hand-counted fixture. The calendar is the seeded "business-hours" one
 * (Monday–Friday 09:00–17:00 UTC) behind the "standard" policy (first response 240, next response 480,
 * resolution 2400 business minutes). 2026-03-06 is a Friday. Inbox clocks are run by the real worker
 * function (`syncClocks`) and status changes by `updateConversation`, each at a fixed instant; help desk
 * cycles are inserted as rows, as the Reports page's tests do. Every figure is counted in the comments.
 */
const at = (day: string, time: string) => `2026-${day}T${time}:00.000Z`;

describe.each(DIALECTS)("service levels on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let ann: string;
  let bob: string;
  let care: string;
  let sales: string;
  let accountId: string;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
    const user = async (name: string) => {
      const res = await admin.post("/api/users", {
        email: `${name.toLowerCase()}@example.com`,
        name: `${name} Agent`,
        roles: ["agent"],
        password: "a long enough password",
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    ann = await user("Ann");
    bob = await user("Bob");
    care = (await admin.post("/api/teams", { name: "Care" })).json().id;
    sales = (await admin.post("/api/teams", { name: "Sales" })).json().id;
    accountId = (await admin.post("/api/accounts", { network: "bluesky", handle: "acme.example" })).json().id;
  });
  afterEach(async () => {
    vi.useRealTimers();
    await t.dispose();
  });

  let n = 0;
  const conversation = async (team: string, assignee: string | null, policy: string | null, startedAt: string) => {
    n += 1;
    const id = randomUUID();
    await t.services.db
      .insertInto("inbox_conversations")
      .values({
        id,
        account_id: accountId,
        network: "bluesky",
        kind: "mention",
        thread_key: `t${n}`,
        contact_id: null,
        subject: `Question ${n}`,
        status: "open",
        priority: "normal",
        team_id: team,
        assignee_id: assignee,
        tags: "[]",
        suggested_reply_id: null,
        sentiment: null,
        intent: null,
        topic: null,
        message_count: 1,
        first_message_at: startedAt,
        last_message_at: startedAt,
        snoozed_until: null,
        created_at: startedAt,
        updated_at: startedAt,
        sla_policy_id: policy,
      })
      .execute();
    await message(id, "in", startedAt);
    if (policy) await syncClocks(t.services.db, id, Date.parse(startedAt));
    return id;
  };
  const message = async (conversationId: string, direction: "in" | "out", sentAt: string) => {
    n += 1;
    await t.services.db
      .insertInto("inbox_messages")
      .values({
        id: randomUUID(),
        conversation_id: conversationId,
        account_id: accountId,
        external_id: `m${n}`,
        direction,
        contact_id: null,
        author_user_id: null,
        text: "…",
        url: null,
        in_reply_to: null,
        sentiment: null,
        sentiment_confidence: null,
        intent: null,
        topic: null,
        sent_at: sentAt,
        received_at: sentAt,
      })
      .execute();
  };
  /** The queue worker noticing the conversation at an instant. */
  const sync = (id: string, when: string) => syncClocks(t.services.db, id, Date.parse(when));
  /** A person changing its status at an instant (the audit log records the same instant). */
  const setStatus = async (id: string, status: "open" | "pending" | "resolved", when: string) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(when));
    try {
      await updateConversation(
        t.services.db,
        systemActor("fixture"),
        id,
        { status },
        {
          rowLocks: t.services.capabilities.supportsConcurrentWriters,
          now: new Date(when),
        },
      );
    } finally {
      vi.useRealTimers();
    }
  };

  const request = async (
    queue: string,
    assignee: string | null,
    createdAt: string,
    done: { firstResponse?: string; resolved?: string } = {},
  ) => {
    n += 1;
    const id = randomUUID();
    await t.services.db
      .insertInto("requests")
      .values({
        id,
        number: 1000 + n,
        type: "access",
        queue_id: queue,
        policy_id: "standard",
        subject: `Request ${n}`,
        description: "",
        fields: "{}",
        status: done.resolved ? "resolved" : "open",
        priority: "normal",
        requester_id: ann,
        assignee_id: assignee,
        account_id: null,
        article_id: null,
        suggestion_session_id: null,
        approval: null,
        decided_by: null,
        decided_at: null,
        outcome: null,
        checklist: null,
        rating: null,
        rating_comment: null,
        rated_at: null,
        first_responded_at: done.firstResponse ?? null,
        resolved_at: done.resolved ?? null,
        closed_at: null,
        reopen_count: 0,
        created_at: createdAt,
        updated_at: createdAt,
      })
      .execute();
    return id;
  };
  const cycle = (
    requestId: string,
    metric: string,
    cycleNo: number,
    segments: [string, string | null][],
    outcome: "met" | "missed" | null,
  ) =>
    t.services.db
      .insertInto("request_sla_cycles")
      .values({
        id: randomUUID(),
        request_id: requestId,
        metric,
        cycle: cycleNo,
        calendar_id: "business-hours",
        target_minutes: metric === "resolution" ? 2400 : metric === "next_response" ? 480 : 240,
        warn_before_minutes: 60,
        segments: JSON.stringify(segments),
        started_at: segments[0]?.[0] as string,
        due_at: null,
        warn_at: null,
        warned_at: null,
        breached_at: null,
        stopped_at: outcome ? (segments.at(-1)?.[1] ?? null) : null,
        outcome,
      })
      .execute();

  it("reports attainment per clock and business-hours medians beside wall-clock ones, per team, queue and agent", async () => {
    // C1 Care/Ann, SLA: Friday 16:00, answered Monday 10:00 (wall 3960 min; business 60 + 60 = 120, met),
    // resolved Tuesday 12:00 (wall 5520; business 60 + 480 + 180 = 720, met).
    const c1 = await conversation(care, ann, "standard", at("03-06", "16:00"));
    await message(c1, "out", at("03-09", "10:00"));
    await setStatus(c1, "resolved", at("03-10", "12:00"));
    // C2 Care/Bob, SLA: Saturday 10:00, answered Monday 15:00 (wall 3180; business 360, missed); the customer
    // writes at 16:00 and is answered Tuesday 09:30 (next response: business 60 + 30 = 90, met); still open,
    // its resolution clock running since March: breached, open.
    const c2 = await conversation(care, bob, "standard", at("03-07", "10:00"));
    await message(c2, "out", at("03-09", "15:00"));
    await message(c2, "in", at("03-09", "16:00"));
    await sync(c2, at("03-09", "16:00"));
    await message(c2, "out", at("03-10", "09:30"));
    await sync(c2, at("03-10", "09:30"));
    // C3 Sales/Ann, SLA: Wednesday 09:00, pending (waiting on the customer) at 09:20: both clocks paused on time.
    const c3 = await conversation(sales, ann, "standard", at("03-11", "09:00"));
    await setStatus(c3, "pending", at("03-11", "09:20"));
    // C4 Sales/Bob, SLA: Thursday 08:00 (before opening), answered 12:30 (wall 270; business 210, met); the
    // customer writes at 13:00 (next response starts); resolved at 18:00 (wall 600; business 480, met), which
    // stops the next response too (business 240, met).
    const c4 = await conversation(sales, bob, "standard", at("03-12", "08:00"));
    await message(c4, "out", at("03-12", "12:30"));
    await message(c4, "in", at("03-12", "13:00"));
    await sync(c4, at("03-12", "13:00"));
    await setStatus(c4, "resolved", at("03-12", "18:00"));
    // No SLA policy: C5 Care/Ann answered after 45 min, resolved after 240 (the audit log's time);
    // C6 Sales/unassigned, never answered; C7 Care/Bob answered after 5 min, resolved, reopened and
    // resolved again a day after it began (1440: the latest resolution counts).
    const c5 = await conversation(care, ann, null, at("03-16", "10:00"));
    await message(c5, "out", at("03-16", "10:45"));
    await setStatus(c5, "resolved", at("03-16", "14:00"));
    await conversation(sales, null, null, at("03-15", "12:00"));
    const c7 = await conversation(care, bob, null, at("03-17", "09:00"));
    await message(c7, "out", at("03-17", "09:05"));
    await setStatus(c7, "resolved", at("03-17", "10:00"));
    await setStatus(c7, "open", at("03-17", "11:00"));
    await setStatus(c7, "resolved", at("03-18", "09:00"));
    // Before the range: not counted.
    const c8 = await conversation(care, ann, "standard", at("02-27", "10:00"));
    await message(c8, "out", at("02-27", "10:01"));
    await sync(c8, at("02-27", "10:01"));

    // Help desk. R1 IT/Ann: Friday 15:00, answered Monday 09:30 (wall 3990; business 120 + 30 = 150, met),
    // resolved Tuesday 10:00 (wall 5460; business 120 + 480 + 60 = 660, met).
    const r1 = await request("it", ann, at("03-06", "15:00"), { firstResponse: at("03-09", "09:30"), resolved: at("03-10", "10:00") });
    await cycle(r1, "first_response", 1, [[at("03-06", "15:00"), at("03-09", "09:30")]], "met");
    await cycle(r1, "resolution", 1, [[at("03-06", "15:00"), at("03-10", "10:00")]], "met");
    // R2 IT/Bob: Saturday 12:00, answered Monday 14:00 (wall 3000; business 300, missed); resolved late
    // (business 2400 + 60 = 2460, missed), reopened and resolved in 120 (met); wall 14340 to the latest.
    const r2 = await request("it", bob, at("03-07", "12:00"), { firstResponse: at("03-09", "14:00"), resolved: at("03-17", "11:00") });
    await cycle(r2, "first_response", 1, [[at("03-07", "12:00"), at("03-09", "14:00")]], "missed");
    await cycle(r2, "resolution", 1, [[at("03-07", "12:00"), at("03-16", "10:00")]], "missed");
    await cycle(r2, "resolution", 2, [[at("03-17", "09:00"), at("03-17", "11:00")]], "met");
    // R3 Legal/Ann: Wednesday 10:00, nothing since: both clocks breached, open.
    const r3 = await request("legal", ann, at("03-11", "10:00"));
    await cycle(r3, "first_response", 1, [[at("03-11", "10:00"), null]], null);
    await cycle(r3, "resolution", 1, [[at("03-11", "10:00"), null]], null);
    // R4 Legal/unassigned, no SLA clock, answered after 20 minutes.
    await request("legal", null, at("03-12", "10:00"), { firstResponse: at("03-12", "10:20") });
    // Before the range: not counted.
    const r5 = await request("it", ann, at("02-27", "10:00"), { firstResponse: at("02-27", "10:05") });
    await cycle(r5, "first_response", 1, [[at("02-27", "10:00"), at("02-27", "10:05")]], "met");

    const res = await admin.get("/api/analytics/service?from=2026-03-01&to=2026-03-31");
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    const none = { met: 0, missed: 0, breachedOpen: 0, open: 0, attainment: null };
    const nothing = {
      medianFirstResponseMinutes: null,
      medianBusinessFirstResponseMinutes: null,
      resolved: 0,
      medianResolutionMinutes: null,
      medianBusinessResolutionMinutes: null,
    };
    expect(report.inbox.teams).toEqual([
      {
        id: care,
        label: "Care",
        count: 4,
        answered: 4,
        responseRate: 1,
        medianFirstResponseMinutes: 1612.5, // 5, 45, 3180, 3960
        medianBusinessFirstResponseMinutes: 240, // 120, 360
        resolved: 3,
        medianResolutionMinutes: 1440, // 240, 1440, 5520
        medianBusinessResolutionMinutes: 720,
        noSla: 2,
        sla: {
          first_response: { met: 1, missed: 1, breachedOpen: 0, open: 0, attainment: 0.5 },
          next_response: { met: 1, missed: 0, breachedOpen: 0, open: 0, attainment: 1 },
          resolution: { met: 1, missed: 0, breachedOpen: 1, open: 0, attainment: 0.5 },
        },
      },
      {
        id: sales,
        label: "Sales",
        count: 3,
        answered: 1,
        responseRate: 0.333,
        medianFirstResponseMinutes: 270,
        medianBusinessFirstResponseMinutes: 210,
        resolved: 1,
        medianResolutionMinutes: 600,
        medianBusinessResolutionMinutes: 480,
        noSla: 1,
        sla: {
          first_response: { met: 1, missed: 0, breachedOpen: 0, open: 1, attainment: 1 },
          next_response: { met: 1, missed: 0, breachedOpen: 0, open: 0, attainment: 1 },
          resolution: { met: 1, missed: 0, breachedOpen: 0, open: 1, attainment: 1 },
        },
      },
    ]);
    expect(report.inbox.agents).toEqual([
      {
        id: ann,
        label: "Ann Agent",
        count: 3,
        answered: 2,
        responseRate: 0.667,
        medianFirstResponseMinutes: 2002.5, // 45, 3960
        medianBusinessFirstResponseMinutes: 120,
        resolved: 2,
        medianResolutionMinutes: 2880, // 240, 5520
        medianBusinessResolutionMinutes: 720,
        noSla: 1,
        sla: {
          first_response: { met: 1, missed: 0, breachedOpen: 0, open: 1, attainment: 1 },
          next_response: none,
          resolution: { met: 1, missed: 0, breachedOpen: 0, open: 1, attainment: 1 },
        },
      },
      {
        id: bob,
        label: "Bob Agent",
        count: 3,
        answered: 3,
        responseRate: 1,
        medianFirstResponseMinutes: 270, // 5, 270, 3180
        medianBusinessFirstResponseMinutes: 285, // 210, 360
        resolved: 2,
        medianResolutionMinutes: 1020, // 600, 1440
        medianBusinessResolutionMinutes: 480,
        noSla: 1,
        sla: {
          first_response: { met: 1, missed: 1, breachedOpen: 0, open: 0, attainment: 0.5 },
          next_response: { met: 2, missed: 0, breachedOpen: 0, open: 0, attainment: 1 },
          resolution: { met: 1, missed: 0, breachedOpen: 1, open: 0, attainment: 0.5 },
        },
      },
      {
        id: "",
        label: "Unassigned",
        count: 1,
        answered: 0,
        responseRate: 0,
        ...nothing,
        noSla: 1,
        sla: { first_response: none, next_response: none, resolution: none },
      },
    ]);
    expect(report.helpdesk.queues).toEqual([
      {
        id: "it",
        label: "IT",
        count: 2,
        answered: 2,
        responseRate: 1,
        medianFirstResponseMinutes: 3495, // 3000, 3990
        medianBusinessFirstResponseMinutes: 225, // 150, 300
        resolved: 2,
        medianResolutionMinutes: 9900, // 5460, 14340
        medianBusinessResolutionMinutes: 660, // 120, 660, 2460 (per cycle)
        noSla: 0,
        sla: {
          first_response: { met: 1, missed: 1, breachedOpen: 0, open: 0, attainment: 0.5 },
          next_response: none,
          resolution: { met: 2, missed: 1, breachedOpen: 0, open: 0, attainment: 0.667 },
        },
      },
      {
        id: "legal",
        label: "Legal",
        count: 2,
        answered: 1,
        responseRate: 0.5,
        ...nothing,
        medianFirstResponseMinutes: 20,
        noSla: 1,
        sla: {
          first_response: { met: 0, missed: 0, breachedOpen: 1, open: 0, attainment: 0 },
          next_response: none,
          resolution: { met: 0, missed: 0, breachedOpen: 1, open: 0, attainment: 0 },
        },
      },
    ]);
    expect(report.helpdesk.agents).toEqual([
      {
        id: ann,
        label: "Ann Agent",
        count: 2,
        answered: 1,
        responseRate: 0.5,
        medianFirstResponseMinutes: 3990,
        medianBusinessFirstResponseMinutes: 150,
        resolved: 1,
        medianResolutionMinutes: 5460,
        medianBusinessResolutionMinutes: 660,
        noSla: 0,
        sla: {
          first_response: { met: 1, missed: 0, breachedOpen: 1, open: 0, attainment: 0.5 },
          next_response: none,
          resolution: { met: 1, missed: 0, breachedOpen: 1, open: 0, attainment: 0.5 },
        },
      },
      {
        id: bob,
        label: "Bob Agent",
        count: 1,
        answered: 1,
        responseRate: 1,
        medianFirstResponseMinutes: 3000,
        medianBusinessFirstResponseMinutes: 300,
        resolved: 1,
        medianResolutionMinutes: 14340,
        medianBusinessResolutionMinutes: 1290, // 120, 2460
        noSla: 0,
        sla: {
          first_response: { met: 0, missed: 1, breachedOpen: 0, open: 0, attainment: 0 },
          next_response: none,
          resolution: { met: 1, missed: 1, breachedOpen: 0, open: 0, attainment: 0.5 },
        },
      },
      {
        id: "",
        label: "Unassigned",
        count: 1,
        answered: 1,
        responseRate: 1,
        ...nothing,
        medianFirstResponseMinutes: 20,
        noSla: 1,
        sla: { first_response: none, next_response: none, resolution: none },
      },
    ]);
    expect(report.notYet).toEqual([]);
    expect(report.elsewhere).toEqual([{ label: "Help desk deflection, training completion and attestation coverage", path: "/reports" }]);
    // Every status change went through the audited path.
    const audited = await t.services.db
      .selectFrom("audit_events")
      .select("target_id")
      .where("action", "=", "inbox.conversation.updated")
      .execute();
    expect(audited).toHaveLength(7);
    // A bad range is a 400 with a code.
    const bad = await admin.get("/api/analytics/service?from=2026-03-31&to=2026-03-01");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("analytics_range_invalid");
  });
});
