import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { type InboxApp, startInboxApp } from "../../../test/helpers/inboxApp.js";
import { signInAs } from "../../../test/helpers/publishingApp.js";
import type { TestClient } from "../../../test/helpers/testApp.js";
import { listConversations } from "../conversations/list.js";
import { watchConversationSlas } from "../sla/watchSlas.js";
import { markInactiveAway } from "./markInactiveAway.js";
import { workQueue } from "./workQueue.js";

const MINUTE = 60_000;

describe.each(DIALECTS)("working the inbox queue on %s", (dialect) => {
  let inbox: InboxApp;
  let bo: { client: TestClient; id: string };
  let lea: { client: TestClient; id: string };
  let teamId: string;

  const work = (now = Date.now()) =>
    workQueue(inbox.t.services.db, { rowLocks: inbox.t.services.capabilities.supportsConcurrentWriters, now });
  const conversation = async (remoteId: string) => {
    const { db } = inbox.t.services;
    const row = await db
      .selectFrom("inbox_conversations")
      .innerJoin("inbox_messages", "inbox_messages.conversation_id", "inbox_conversations.id")
      .select(["inbox_conversations.id"])
      .where("inbox_messages.external_id", "=", remoteId)
      .executeTakeFirstOrThrow();
    const res = await inbox.agent.client.get(`/api/inbox/conversations/${row.id}`);
    return res.json().conversation as {
      id: string;
      assignee: { id: string } | null;
      team: { id: string } | null;
      sla: { metric: string; status: string; dueAt: string } | null;
    };
  };
  const audit = async (targetId: string) =>
    ((await inbox.admin.get(`/api/audit?targetId=${targetId}`)).json().events as { action: string; actorLabel: string }[]).map(
      (e) => e.action,
    );

  beforeEach(async () => {
    inbox = await startInboxApp(dialect);
    bo = await signInAs(inbox.t, inbox.admin, {
      email: "bo@example.com",
      name: "Bo Agent",
      roles: ["agent"],
      password: "bo works the inbox too",
    });
    lea = await signInAs(inbox.t, inbox.admin, {
      email: "lea@example.com",
      name: "Lea Lead",
      roles: ["lead"],
      password: "lea leads the care team",
    });
    const team = await inbox.admin.post("/api/teams", {
      name: "Care",
      members: [
        { userId: inbox.agent.id, role: "member" },
        { userId: bo.id, role: "member" },
        { userId: lea.id, role: "lead" },
      ],
    });
    expect(team.statusCode, team.body).toBe(201);
    teamId = team.json().id;
    const rules = await inbox.admin.put("/api/inbox/routing-rules", {
      rules: [{ name: "Everything to care", enabled: true, conditions: [], actions: { teamId }, stop: false }],
    });
    expect(rules.statusCode, rules.body).toBe(200);
  });
  afterEach(async () => {
    await inbox.dispose();
  });

  it("sets presence and capacity (leads only), shows load, and audits each change", async () => {
    expect((await inbox.agent.client.put("/api/inbox/agents/me/presence", { presence: "available" })).json()).toMatchObject({
      presence: "available",
      capacity: 10,
      load: 0,
    });
    expect((await inbox.agent.client.put("/api/inbox/agents/me/presence", { presence: "busy" })).statusCode).toBe(400);
    expect((await inbox.agent.client.put(`/api/inbox/agents/${bo.id}/capacity`, { capacity: 3 })).statusCode).toBe(403);
    expect((await inbox.viewer.client.put("/api/inbox/agents/me/presence", { presence: "available" })).statusCode).toBe(403);
    const set = await lea.client.put(`/api/inbox/agents/${bo.id}/capacity`, { capacity: 3 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ id: bo.id, capacity: 3, presence: "offline" });
    expect((await lea.client.put(`/api/inbox/agents/${inbox.viewer.id}/capacity`, { capacity: 3 })).json().error.code).toBe(
      "agent_not_found",
    );
    expect((await lea.client.put(`/api/inbox/agents/${bo.id}/capacity`, { capacity: -1 })).statusCode).toBe(400);
    const agents = (await inbox.viewer.client.get(`/api/inbox/agents?teamId=${teamId}`)).json().items as {
      name: string;
      presence: string;
    }[];
    expect(agents.map((a) => [a.name, a.presence])).toEqual([
      ["Aga Agent", "available"],
      ["Bo Agent", "offline"],
      ["Lea Lead", "offline"],
    ]);
    expect(await audit(inbox.agent.id)).toContain("inbox.presence.changed");
    expect(await audit(bo.id)).toContain("inbox.capacity.changed");

    // Inactive for ten minutes: away, automatically; activity makes the agent available again.
    const { db } = inbox.t.services;
    expect(await markInactiveAway(db, Date.now() + 11 * MINUTE)).toBe(1);
    expect(
      (await inbox.agent.client.get("/api/inbox/agents")).json().items.find((a: { id: string }) => a.id === inbox.agent.id),
    ).toMatchObject({
      presence: "away",
      presenceAuto: true,
    });
    expect((await inbox.agent.client.post("/api/inbox/agents/me/activity", { active: true })).statusCode).toBe(204);
    const back = (await inbox.agent.client.get("/api/inbox/agents")).json().items.find((a: { id: string }) => a.id === inbox.agent.id);
    expect(back).toMatchObject({ presence: "available", presenceAuto: false });
  });

  it("auto-assigns a team's new conversations to the least-loaded available agent under capacity, else leaves them with the team", async () => {
    expect(
      (await inbox.agent.client.put(`/api/inbox/team-settings/${teamId}`, { autoAssign: "least_loaded", slaPolicyId: null })).statusCode,
    ).toBe(403);
    const saved = await lea.client.put(`/api/inbox/team-settings/${teamId}`, { autoAssign: "least_loaded", slaPolicyId: null });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await lea.client.put(`/api/inbox/team-settings/${teamId}`, { autoAssign: "sometimes", slaPolicyId: null })).statusCode).toBe(
      400,
    );
    expect((await lea.client.put("/api/inbox/team-settings/nope", { autoAssign: "off", slaPolicyId: null })).json().error.code).toBe(
      "team_not_found",
    );

    // Nobody available: the conversation stays with the team, unassigned.
    await inbox.ingest([
      inbox.mention("a1", "@acme where is my refund", 1, { author: { externalId: "did:plc:a", handle: "a.example", displayName: null } }),
    ]);
    await work();
    expect(await conversation("a1")).toMatchObject({ team: { id: teamId }, assignee: null });

    // Aga available (capacity 1), Bo available (capacity 3): Aga takes the waiting one, then Bo the rest.
    await lea.client.put(`/api/inbox/agents/${inbox.agent.id}/capacity`, { capacity: 1 });
    await inbox.agent.client.put("/api/inbox/agents/me/presence", { presence: "available" });
    await lea.client.put(`/api/inbox/agents/${bo.id}/capacity`, { capacity: 3 });
    await bo.client.put("/api/inbox/agents/me/presence", { presence: "available" });
    await inbox.ingest([
      inbox.mention("b1", "@acme my seat was changed", 2, { author: { externalId: "did:plc:b", handle: "b.example", displayName: null } }),
      inbox.mention("c1", "@acme meals?", 3, { author: { externalId: "did:plc:c", handle: "c.example", displayName: null } }),
      inbox.mention("d1", "@acme wifi broken", 4, { author: { externalId: "did:plc:d", handle: "d.example", displayName: null } }),
      inbox.mention("e1", "@acme lounge access", 5, { author: { externalId: "did:plc:e", handle: "e.example", displayName: null } }),
      inbox.mention("f1", "@acme baggage", 6, { author: { externalId: "did:plc:f", handle: "f.example", displayName: null } }),
    ]);
    const done = await work();
    expect(done.assigned).toBe(4);
    const owners = await Promise.all(["a1", "b1", "c1", "d1", "e1", "f1"].map(async (id) => (await conversation(id)).assignee?.id ?? null));
    expect(owners.filter((o) => o === inbox.agent.id)).toHaveLength(1);
    expect(owners.filter((o) => o === bo.id)).toHaveLength(3);
    expect(owners.filter((o) => o === null)).toHaveLength(2);
    // The oldest waited longest and went first.
    expect(owners[0]).not.toBeNull();
    const loads = (await lea.client.get(`/api/inbox/agents?teamId=${teamId}`)).json().items as {
      id: string;
      load: number;
      capacity: number;
    }[];
    expect(loads.find((a) => a.id === bo.id)).toMatchObject({ load: 3, capacity: 3 });
    const auto = (await inbox.admin.get(`/api/audit?targetId=${(await conversation("a1")).id}`)).json().events as {
      action: string;
      actorLabel: string;
    }[];
    expect(auto).toContainEqual(expect.objectContaining({ action: "inbox.conversation.assigned", actorLabel: "auto-assignment" }));
    const notes = (await inbox.agent.client.get("/api/notifications")).json();
    expect(JSON.stringify(notes)).toContain("A conversation was assigned to you");

    // Bo resolves one: capacity frees up and a waiting conversation goes out on the next run.
    const bos = (await listConversations(inbox.t.services.db, { assigneeId: bo.id })).map((r) => r.id);
    expect((await bo.client.patch(`/api/inbox/conversations/${bos[0]}`, { status: "resolved" })).statusCode).toBe(200);
    expect((await work()).assigned).toBe(1);
  });

  it("keeps a routing rule's agent only when available and under capacity", async () => {
    const rules = await inbox.admin.put("/api/inbox/routing-rules", {
      rules: [
        {
          name: "VIP to Bo",
          enabled: true,
          conditions: [{ field: "text", values: ["vip"] }],
          actions: { teamId, assigneeId: bo.id },
          stop: false,
        },
      ],
    });
    expect(rules.statusCode, rules.body).toBe(200);
    await inbox.ingest([inbox.mention("v1", "@acme vip here, lost my bag", 1)]);
    await work();
    // Bo is offline: the rule's agent does not get it; it waits with the team.
    expect(await conversation("v1")).toMatchObject({ assignee: null, team: { id: teamId } });
    expect(await audit((await conversation("v1")).id)).toContain("inbox.conversation.assigned");
    await bo.client.put("/api/inbox/agents/me/presence", { presence: "available" });
    await inbox.ingest([
      inbox.mention("v2", "@acme vip again", 2, { author: { externalId: "did:plc:z", handle: "z.example", displayName: null } }),
    ]);
    await work();
    expect(await conversation("v2")).toMatchObject({ assignee: { id: bo.id } });
  });

  it("runs SLA clocks on the team's policy: badge, breaching-soon filter, pause while pending, warning and breach once", async () => {
    // A policy whose warning is due at once (1 min target, warn 5 min before), on the 24/7 calendar.
    const fast = await inbox.admin.put("/api/requests/settings/policies/fast", {
      name: "Fast",
      calendarId: "always",
      firstResponseMinutes: 1,
      nextResponseMinutes: 1,
      resolutionMinutes: 60,
      warnBeforeMinutes: 5,
    });
    expect(fast.statusCode, fast.body).toBe(200);
    expect((await lea.client.put(`/api/inbox/team-settings/${teamId}`, { autoAssign: "off", slaPolicyId: "nope" })).json().error.code).toBe(
      "sla_policy_not_found",
    );
    expect((await lea.client.put(`/api/inbox/team-settings/${teamId}`, { autoAssign: "off", slaPolicyId: "urgent" })).statusCode).toBe(200);
    // A routing rule naming a policy wins over the team's default.
    const rules = await inbox.admin.put("/api/inbox/routing-rules", {
      rules: [
        { name: "Everything to care", enabled: true, conditions: [], actions: { teamId }, stop: false },
        {
          name: "Refunds fast",
          enabled: true,
          conditions: [{ field: "text", values: ["refund"] }],
          actions: { slaPolicyId: "fast" },
          stop: false,
        },
      ],
    });
    expect(rules.statusCode, rules.body).toBe(200);
    expect(
      (
        await inbox.admin.put("/api/inbox/routing-rules", {
          rules: [{ name: "bad", enabled: true, conditions: [], actions: { slaPolicyId: "nope" }, stop: false }],
        })
      ).json().error.code,
    ).toBe("sla_policy_not_found");
    const start = Date.now();
    await inbox.ingest([
      inbox.mention("r1", "@acme I want a refund now", 1),
      inbox.mention("q1", "@acme what time is boarding", 2, {
        author: { externalId: "did:plc:q", handle: "q.example", displayName: null },
      }),
    ]);
    await work();
    const refund = await conversation("r1");
    const question = await conversation("q1");
    expect(refund.sla).toMatchObject({ metric: "first_response", status: "warning" });
    expect(question.sla).toMatchObject({ metric: "first_response", status: "running" });
    const due = Date.parse(question.sla?.dueAt ?? "");
    expect(due - start).toBeGreaterThanOrEqual(29 * MINUTE);
    expect(due - start).toBeLessThanOrEqual(31 * MINUTE);
    const soon = (await inbox.agent.client.get("/api/inbox/conversations?sla=breaching_soon")).json();
    expect(soon.items.map((c: { id: string }) => c.id)).toEqual([refund.id]);
    expect(soon.nextBefore).toBeNull();
    expect((await inbox.agent.client.get("/api/inbox/conversations?sla=late")).statusCode).toBe(400);
    const detail = (await inbox.agent.client.get(`/api/inbox/conversations/${refund.id}/sla`)).json();
    expect(detail.policy).toEqual({ id: "fast", name: "Fast" });
    expect(detail.clocks.map((c: { metric: string }) => c.metric).sort()).toEqual(["first_response", "resolution"]);

    // The warning is raised once, to the team's lead (nobody is assigned); the breach is marked once.
    const { db } = inbox.t.services;
    expect(await watchConversationSlas(db, Date.now())).toMatchObject({ warned: 1, breached: 0 });
    expect(await watchConversationSlas(db, Date.now())).toMatchObject({ warned: 0, breached: 0 });
    expect(JSON.stringify((await lea.client.get("/api/notifications")).json())).toContain("SLA due soon: first response");
    expect(await watchConversationSlas(db, Date.now() + 2 * MINUTE)).toMatchObject({ breached: 1 });
    expect(await watchConversationSlas(db, Date.now() + 3 * MINUTE)).toMatchObject({ breached: 0 });
    expect(await audit(refund.id)).toEqual(expect.arrayContaining(["inbox.sla_warning", "inbox.sla_breached"]));
    const breached = await listConversations(db, { sla: "breached", now: new Date(Date.now() + 2 * MINUTE) });
    expect(breached.map((r) => r.id)).toEqual([refund.id]);

    // Snoozed: the clocks stand still (no badge); opened again: they run on from where they stopped.
    const until = new Date(Date.now() + 60 * MINUTE).toISOString();
    expect((await inbox.agent.client.patch(`/api/inbox/conversations/${question.id}`, { snoozedUntil: until })).statusCode).toBe(200);
    const paused = (await inbox.agent.client.get(`/api/inbox/conversations/${question.id}/sla`)).json();
    expect(paused.clocks.every((c: { status: string }) => c.status === "paused")).toBe(true);
    expect((await conversation("q1")).sla).toBeNull();
    expect((await inbox.agent.client.patch(`/api/inbox/conversations/${question.id}`, { status: "open" })).statusCode).toBe(200);
    expect((await conversation("q1")).sla).toMatchObject({ metric: "first_response", status: "running" });
    // Resolved: every clock stops, met.
    expect((await inbox.agent.client.patch(`/api/inbox/conversations/${question.id}`, { status: "resolved" })).statusCode).toBe(200);
    const stopped = (await inbox.agent.client.get(`/api/inbox/conversations/${question.id}/sla`)).json();
    expect(stopped.clocks.map((c: { status: string }) => c.status)).toEqual(["met", "met"]);
    // A customer message reopens it: the worker starts resolution cycle 2.
    await inbox.ingest([
      inbox.mention("q2", "@acme still no answer about boarding", 3, {
        author: { externalId: "did:plc:q", handle: "q.example", displayName: null },
        inReplyTo: "q1",
      }),
    ]);
    await work();
    const reopened = (await inbox.agent.client.get(`/api/inbox/conversations/${question.id}/sla`)).json();
    expect(reopened.clocks[0]).toMatchObject({ metric: "resolution", cycle: 2, status: "running" });
  });
});
