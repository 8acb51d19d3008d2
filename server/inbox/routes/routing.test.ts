import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { at, type InboxApp, startInboxApp } from "../../../test/helpers/inboxApp.js";
import { loadRoutingRules } from "../routing/store.js";

describe.each(DIALECTS)("inbox routing rules and parked events on %s", (dialect) => {
  let inbox: InboxApp;
  beforeEach(async () => {
    inbox = await startInboxApp(dialect);
  });
  afterEach(async () => {
    await inbox.dispose();
  });

  const put = (rules: unknown[]) => inbox.admin.put("/api/inbox/routing-rules", { rules });

  it("replaces the rules in order, keeps ids, and ingestion applies them as loaded", async () => {
    expect((await inbox.admin.get("/api/inbox/routing-rules")).json()).toEqual({ rules: [] });
    const team = (await inbox.admin.post("/api/teams", { name: "Refunds" })).json();
    const rules = [
      {
        name: "Refunds to the refund team",
        enabled: true,
        conditions: [{ field: "text", values: ["refund"] }],
        actions: { teamId: team.id, priority: "urgent", tags: ["refund"] },
        stop: false,
      },
      { name: "Switched off", enabled: false, conditions: [], actions: { tags: ["off"] }, stop: false },
      {
        name: "Bluesky to Aga, then stop",
        enabled: true,
        conditions: [
          { field: "network", values: ["bluesky"] },
          { field: "hours", from: 22, to: 6, timeZone: "Europe/Berlin" },
        ],
        actions: { assigneeId: inbox.agent.id, tags: ["night"] },
        stop: true,
      },
      { name: "Never reached after a stop", enabled: true, conditions: [], actions: { tags: ["late"] }, stop: false },
    ];
    const saved = await put(rules);
    expect(saved.statusCode, saved.body).toBe(200);
    const savedRules = saved.json().rules as { id: string; name: string }[];
    expect(savedRules.map(({ id: _, ...rest }) => rest)).toEqual(rules);
    expect((await inbox.admin.get("/api/inbox/routing-rules")).json().rules).toEqual(savedRules);
    expect((await loadRoutingRules(inbox.t.services.db)).map((r) => r.name)).toEqual(rules.map((r) => r.name));

    // Reordered with their ids: the ids stay, the order is the new one.
    const reordered = [savedRules[1], savedRules[0], savedRules[2], savedRules[3]];
    const again = (await put(reordered)).json().rules;
    expect(again).toEqual(reordered);

    // 23:30 in Berlin (22:30 UTC): the night rule holds.
    const night = new Date(Date.UTC(2026, 10, 23, 22, 30));
    await inbox.ingest([
      inbox.mention("m1", "@acme where is my REFUND?", 0, { createdAt: night }),
      inbox.mention("m2", "@acme lovely day", 1, { author: { externalId: "did:plc:ann", handle: "ann.example", displayName: "Ann" } }),
    ]);
    const items = (await inbox.agent.client.get("/api/inbox/conversations")).json().items;
    const refund = items.find((c: { subject: string }) => c.subject.includes("REFUND"));
    expect(refund).toMatchObject({
      team: { id: team.id, name: "Refunds" },
      assignee: { id: inbox.agent.id, name: "Aga Agent" },
      priority: "urgent",
      tags: ["refund", "night"],
    });
    const day = items.find((c: { subject: string }) => c.subject.includes("lovely"));
    expect(day).toMatchObject({ team: null, assignee: null, tags: ["late"], lastMessageAt: at(1).toISOString() });

    const events = (await inbox.admin.get("/api/audit?action=inbox.routing_rules.replaced")).json().events;
    expect(events).toHaveLength(2);
    expect(events[0].changes.rules[1]).toEqual(reordered.map((r) => r?.name));

    // An empty list removes them all.
    expect((await put([])).json()).toEqual({ rules: [] });
  });

  it("refuses rules that name unknown teams or people, bad conditions or zones, and keeps the old ones", async () => {
    const good = { name: "Keep", enabled: true, conditions: [], actions: { priority: "low" }, stop: false };
    const [kept] = (await put([good])).json().rules;
    for (const [rule, code] of [
      [{ ...good, actions: { teamId: "no-such-team" } }, "team_not_found"],
      [{ ...good, actions: { assigneeId: "no-such-user" } }, "assignee_not_found"],
      [{ ...good, actions: { priority: "asap" } }, "validation_failed"],
      [{ ...good, actions: { colour: "red" } }, "validation_failed"],
      [{ ...good, conditions: [{ field: "colour", values: ["red"] }] }, "validation_failed"],
      [{ ...good, conditions: [{ field: "text", values: [] }] }, "validation_failed"],
      [{ ...good, conditions: [{ field: "hours", from: 25, to: 3, timeZone: "UTC" }] }, "validation_failed"],
      [{ ...good, conditions: [{ field: "hours", from: 9, to: 17, timeZone: "Mars/Olympus" }] }, "unknown_time_zone"],
      [{ ...good, name: "" }, "validation_failed"],
      [{ name: "No flags", conditions: [], actions: {} }, "validation_failed"],
    ] as const) {
      const res = await put([good, rule]);
      expect(res.statusCode, JSON.stringify(rule)).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
    const duplicate = await put([
      { ...good, id: "r1" },
      { ...good, id: "r1" },
    ]);
    expect(duplicate.json().error.code).toBe("duplicate_rule_id");
    const unknownTeam = await put([good, { ...good, actions: { teamId: "no-such-team" } }]);
    expect(unknownTeam.json().error.details).toMatchObject({ rule: 1, teamId: "no-such-team" });
    expect((await inbox.admin.get("/api/inbox/routing-rules")).json().rules).toEqual([kept]);
    expect((await inbox.admin.get("/api/audit?action=inbox.routing_rules.replaced")).json().events).toHaveLength(1);
  });

  it("describes every inbox endpoint in the OpenAPI document", async () => {
    const doc = (await inbox.t.client().get("/api/openapi.json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/inbox/conversations",
        "/api/inbox/conversations/bulk",
        "/api/inbox/conversations/{id}",
        "/api/inbox/conversations/{id}/notes",
        "/api/inbox/messages/{id}",
        "/api/inbox/parked",
        "/api/inbox/routing-rules",
      ]),
    );
  });

  it("lists parked events still waiting, newest first, with their payloads", async () => {
    const { db } = inbox.t.services;
    await db
      .insertInto("inbox_parked_events")
      .values([
        {
          id: "p1",
          source: "webhook:bluesky",
          reason: "unknown_channel",
          payload: '{"uri":"at://x"}',
          received_at: at(1).toISOString(),
          resolved_at: null,
        },
        { id: "p2", source: "imap", reason: "unparsable", payload: "not json at all", received_at: at(2).toISOString(), resolved_at: null },
        {
          id: "p3",
          source: "imap",
          reason: "unparsable",
          payload: "{}",
          received_at: at(3).toISOString(),
          resolved_at: at(4).toISOString(),
        },
      ])
      .execute();
    const res = await inbox.admin.get("/api/inbox/parked");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      items: [
        { id: "p2", source: "imap", reason: "unparsable", receivedAt: at(2).toISOString(), payload: "not json at all" },
        { id: "p1", source: "webhook:bluesky", reason: "unknown_channel", receivedAt: at(1).toISOString(), payload: { uri: "at://x" } },
      ],
    });
    expect((await inbox.admin.get("/api/inbox/parked?limit=1")).json().items).toHaveLength(1);
    expect((await inbox.admin.get("/api/inbox/parked?limit=0")).statusCode).toBe(400);
  });
});
