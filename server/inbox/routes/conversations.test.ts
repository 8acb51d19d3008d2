import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { at, type InboxApp, startInboxApp } from "../../../test/helpers/inboxApp.js";
import { wakeSnoozed } from "../conversations/wakeSnoozed.js";

interface Summary {
  id: string;
  subject: string;
  status: string;
  priority: string;
  tags: string[];
  lastMessageAt: string;
  assignee: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
}

describe.each(DIALECTS)("the inbox API on %s", (dialect) => {
  let inbox: InboxApp;
  beforeEach(async () => {
    inbox = await startInboxApp(dialect);
  });
  afterEach(async () => {
    await inbox.dispose();
  });

  const list = async (query = "", client = inbox.agent.client) => {
    const res = await client.get(`/api/inbox/conversations${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Summary[]; nextBefore: string | null; nextBeforeId: string | null };
  };
  const idOf = async (subjectStart: string) => {
    const row = (await list("?limit=100")).items.find((c) => c.subject.startsWith(subjectStart));
    if (!row) throw new Error(`no conversation ${subjectStart}`);
    return row.id;
  };
  const audit = async (targetId: string) =>
    (await inbox.admin.get(`/api/audit?targetId=${targetId}`)).json().events as { action: string; changes: unknown; actorLabel: string }[];

  it("lists open conversations newest first with names joined, filters them, and pages through ties without skipping", async () => {
    const { mention } = inbox;
    await inbox.ingest([
      mention("m1", "@acme my bag is lost, third day now and nobody answers", 1),
      mention("m2", "@acme thanks for the lovely flight", 2, {
        author: { externalId: "did:plc:ann", handle: "ann.example", displayName: "Ann" },
      }),
      // Three at the same instant: paging must neither skip nor repeat them.
      mention("m3", "@acme question about seats", 3, { author: { externalId: "did:plc:b", handle: "b.example", displayName: "B" } }),
      mention("m4", "@acme question about meals", 3, { author: { externalId: "did:plc:c", handle: "c.example", displayName: "C" } }),
      mention("m5", "@acme question about bags", 3, { author: { externalId: "did:plc:d", handle: "d.example", displayName: "D" } }),
      mention("m6", "@acme hello", 4, { author: { externalId: "did:plc:e", handle: "e.example", displayName: "E" } }),
    ]);
    const all = await list();
    expect(all.items).toHaveLength(6);
    expect(all.nextBefore).toBeNull();
    expect(all.items[0]).toMatchObject({
      subject: "@acme hello",
      account: { id: inbox.accountId, network: "bluesky", handle: "acme.example" },
      kind: "mention",
      status: "open",
      contact: { displayName: "E" },
      assignee: null,
      team: null,
      messageCount: 1,
      lastMessageAt: at(4).toISOString(),
    });
    const times = all.items.map((c) => c.lastMessageAt);
    expect([...times].sort().reverse()).toEqual(times);
    const lost = all.items.find((c) => c.subject.startsWith("@acme my bag"));
    expect(lost).toMatchObject({ sentiment: "negative", priority: "high" });

    // Pages of two, following nextBefore/nextBeforeId, give every conversation exactly once.
    const seen: string[] = [];
    let query = "?limit=2";
    for (let pages = 0; pages < 10; pages++) {
      const page = await list(query);
      seen.push(...page.items.map((c) => c.id));
      if (!page.nextBefore) break;
      query = `?limit=2&before=${encodeURIComponent(page.nextBefore)}&beforeId=${page.nextBeforeId}`;
    }
    expect(seen).toEqual(all.items.map((c) => c.id));
    // `before` alone gives what is strictly older.
    const older = await list(`?before=${encodeURIComponent(at(3).toISOString())}`);
    expect(older.items.map((c) => c.lastMessageAt)).toEqual([at(2).toISOString(), at(1).toISOString()]);

    // Assign one to the agent, resolve another.
    const lostId = lost?.id as string;
    const me = inbox.agent;
    expect((await me.client.patch(`/api/inbox/conversations/${lostId}`, { assigneeId: me.id })).statusCode).toBe(200);
    const helloId = all.items[0]?.id as string;
    expect((await me.client.patch(`/api/inbox/conversations/${helloId}`, { status: "resolved" })).statusCode).toBe(200);

    expect((await list("?assigneeId=me")).items.map((c) => c.id)).toEqual([lostId]);
    expect((await list(`?assigneeId=${me.id}`)).items[0]).toMatchObject({ id: lostId, assignee: { id: me.id, name: "Aga Agent" } });
    expect((await list("?assigneeId=me", inbox.viewer.client)).items).toEqual([]);
    expect((await list("?unassigned=true")).items.map((c) => c.id)).not.toContain(lostId);
    expect((await list("?unassigned=true")).items).toHaveLength(4);
    expect((await list("?status=resolved")).items.map((c) => c.id)).toEqual([helloId]);
    expect((await list("?priority=high")).items.map((c) => c.id)).toEqual([lostId]);
    expect((await list("?sentiment=negative")).items.map((c) => c.id)).toContain(lostId);
    expect((await list(`?accountId=${inbox.accountId}&status=resolved`)).items).toHaveLength(1);
    expect((await list("?accountId=nope")).items).toEqual([]);

    for (const bad of [
      "?status=closed",
      "?limit=0",
      "?limit=101",
      "?before=yesterday",
      "?assigneeId=me&unassigned=true",
      "?beforeId=x",
      "?colour=red",
    ]) {
      const res = await inbox.agent.client.get(`/api/inbox/conversations${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe("validation_failed");
    }
  });

  it("lets a viewer read but not change anything", async () => {
    await inbox.ingest([inbox.mention("m1", "@acme where is my refund?", 1)]);
    const id = await idOf("@acme where");
    const viewer = inbox.viewer.client;
    expect((await viewer.get("/api/inbox/conversations")).statusCode).toBe(200);
    expect((await viewer.get(`/api/inbox/conversations/${id}`)).statusCode).toBe(200);
    for (const res of [
      await viewer.patch(`/api/inbox/conversations/${id}`, { status: "resolved" }),
      await viewer.post("/api/inbox/conversations/bulk", { ids: [id], set: { status: "resolved" } }),
      await viewer.post(`/api/inbox/conversations/${id}/notes`, { text: "mine" }),
      await viewer.get("/api/inbox/routing-rules"),
      await viewer.put("/api/inbox/routing-rules", { rules: [] }),
      await viewer.get("/api/inbox/parked"),
      await inbox.agent.client.put("/api/inbox/routing-rules", { rules: [] }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe("forbidden");
    }
    expect((await list()).items[0]).toMatchObject({ status: "open" });
    expect((await inbox.t.client().get("/api/inbox/conversations")).statusCode).toBe(401);
  });

  it("lets an agent assign, tag, snooze, resolve and note a conversation, each change audited", async () => {
    await inbox.ingest([
      inbox.mention("m1", "@acme where is my refund?", 1),
      inbox.mention("m2", "@acme still nothing", 5, { inReplyTo: "m1" }),
    ]);
    const id = await idOf("@acme where");
    const team = (await inbox.admin.post("/api/teams", { name: "Customer care" })).json();
    const { client, id: agentId } = inbox.agent;

    const assigned = await client.patch(`/api/inbox/conversations/${id}`, {
      assigneeId: agentId,
      teamId: team.id,
      tags: ["refund", "refund", "vip"],
      priority: "urgent",
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({
      id,
      assignee: { id: agentId, name: "Aga Agent" },
      team: { id: team.id, name: "Customer care" },
      tags: ["refund", "vip"],
      priority: "urgent",
      messageCount: 2,
    });
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const snoozed = (await client.patch(`/api/inbox/conversations/${id}`, { snoozedUntil: until })).json();
    expect(snoozed).toMatchObject({ status: "snoozed", snoozedUntil: until });
    // The snooze job leaves it until its time, then opens it again (audited).
    expect(await wakeSnoozed(inbox.t.services.db)).toBe(0);
    expect(await wakeSnoozed(inbox.t.services.db, new Date(Date.parse(until) + 1000))).toBe(1);
    expect((await client.get(`/api/inbox/conversations/${id}`)).json().conversation).toMatchObject({ status: "open", snoozedUntil: null });
    const resolved = (await client.patch(`/api/inbox/conversations/${id}`, { status: "resolved", assigneeId: null })).json();
    expect(resolved).toMatchObject({ status: "resolved", snoozedUntil: null, assignee: null });

    const note = await client.post(`/api/inbox/conversations/${id}/notes`, { text: "  Called them back; refund on its way.  " });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json()).toMatchObject({
      conversationId: id,
      direction: "note",
      text: "Called them back; refund on its way.",
      truncated: false,
      author: { kind: "user", id: agentId, name: "Aga Agent" },
    });

    const view = (await client.get(`/api/inbox/conversations/${id}`)).json();
    expect(view.messages.map((m: { direction: string; text: string }) => [m.direction, m.text])).toEqual([
      ["in", "@acme where is my refund?"],
      ["in", "@acme still nothing"],
      ["note", "Called them back; refund on its way."],
    ]);
    expect(view.messages[0]).toMatchObject({
      author: { kind: "contact", displayName: "Jo", handle: "jo.example" },
      sentAt: at(1).toISOString(),
      length: 25,
    });
    expect(view.conversation).toMatchObject({ messageCount: 3, status: "resolved" });
    expect(view.contact).toMatchObject({
      displayName: "Jo",
      identities: [{ network: "bluesky", externalId: "did:plc:jo", handle: "jo.example" }],
      history: [],
    });

    const all = await audit(id);
    expect(all.filter((e) => e.action === "inbox.conversation.woken")).toHaveLength(1);
    const events = all.filter((e) => e.action !== "inbox.conversation.woken");
    expect(events.map((e) => e.action).sort()).toEqual([
      "inbox.conversation.updated",
      "inbox.conversation.updated",
      "inbox.conversation.updated",
      "inbox.note.added",
    ]);
    expect(events.every((e) => e.actorLabel === "aga@example.com")).toBe(true);
    const first = events.find((e) => (e.changes as Record<string, unknown>)?.teamId);
    expect(first?.changes).toMatchObject({
      assigneeId: [null, agentId],
      teamId: [null, team.id],
      tags: [[], ["refund", "vip"]],
      priority: ["normal", "urgent"],
    });

    // The same change again changes nothing and records nothing.
    expect((await client.patch(`/api/inbox/conversations/${id}`, { status: "resolved" })).statusCode).toBe(200);
    expect(await audit(id)).toHaveLength(5);
  });

  it("keeps showing a conversation whose channel and contact were removed", async () => {
    await inbox.ingest([inbox.mention("m1", "@acme hello", 1)]);
    const id = await idOf("@acme hello");
    const { db } = inbox.t.services;
    await db.deleteFrom("accounts").where("id", "=", inbox.accountId).execute();
    await db.deleteFrom("inbox_contacts").execute();
    expect((await list()).items[0]).toMatchObject({
      id,
      account: { id: inbox.accountId, network: "bluesky", handle: null },
      contact: null,
    });
    const view = await inbox.agent.client.get(`/api/inbox/conversations/${id}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ contact: null, messages: [{ author: null, text: "@acme hello" }] });
  });

  it("shows the contact's other conversations, newest first", async () => {
    await inbox.ingest([
      inbox.mention("m1", "@acme first question", 1),
      inbox.mention("m2", "@acme second question", 2),
      inbox.mention("m3", "@acme third question", 3),
    ]);
    const id = await idOf("@acme second");
    const view = (await inbox.viewer.client.get(`/api/inbox/conversations/${id}`)).json();
    expect(view.contact.history.map((h: { subject: string }) => h.subject)).toEqual(["@acme third question", "@acme first question"]);
    expect(view.contact.history[0]).toMatchObject({ status: "open", lastMessageAt: at(3).toISOString() });
  });

  it("applies one change to many conversations, one audit event each", async () => {
    await inbox.ingest([inbox.mention("m1", "@acme one", 1), inbox.mention("m2", "@acme two", 2), inbox.mention("m3", "@acme three", 3)]);
    const ids = (await list()).items.map((c) => c.id);
    const { client, id: agentId } = inbox.agent;
    await client.patch(`/api/inbox/conversations/${ids[0]}`, { tags: ["old", "keep"] });
    const res = await client.post("/api/inbox/conversations/bulk", {
      ids: [...ids, "no-such-conversation"],
      set: { assigneeId: agentId, priority: "high", addTags: ["wave"], removeTags: ["old"] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: 3 });
    const after = (await list()).items;
    expect(after.map((c) => [c.assignee?.id, c.priority])).toEqual(ids.map(() => [agentId, "high"]));
    expect(after.find((c) => c.id === ids[0])?.tags).toEqual(["keep", "wave"]);
    expect(after.find((c) => c.id === ids[1])?.tags).toEqual(["wave"]);
    for (const id of ids) expect((await audit(id)).some((e) => e.action === "inbox.conversation.updated")).toBe(true);

    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect((await client.post("/api/inbox/conversations/bulk", { ids: ids.slice(0, 2), set: { snoozedUntil: until } })).json()).toEqual({
      updated: 2,
    });
    expect((await list("?status=snoozed")).items.map((c) => c.id)).toEqual(ids.slice(0, 2));
    const resolved = await client.post("/api/inbox/conversations/bulk", { ids, set: { status: "resolved" } });
    expect(resolved.json()).toEqual({ updated: 3 });
    expect((await list()).items).toEqual([]);
    // Nothing left to change: nothing counted.
    expect((await client.post("/api/inbox/conversations/bulk", { ids, set: { status: "resolved" } })).json()).toEqual({ updated: 0 });

    for (const [body, code] of [
      [{ ids: [], set: { status: "open" } }, "validation_failed"],
      [{ ids, set: {} }, "validation_failed"],
      [{ ids: Array.from({ length: 501 }, (_, i) => `c${i}`), set: { status: "open" } }, "validation_failed"],
      [{ ids, set: { assigneeId: "nobody" } }, "assignee_not_found"],
      [{ ids, set: { teamId: "nothing" } }, "team_not_found"],
      [{ ids, set: { status: "snoozed" } }, "snooze_until_required"],
    ] as const) {
      const bad = await client.post("/api/inbox/conversations/bulk", body);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe(code);
    }
  });

  it("answers 404 for unknown ids and 400 with a code for bad input", async () => {
    await inbox.ingest([inbox.mention("m1", "@acme hello", 1)]);
    const id = await idOf("@acme hello");
    const { client } = inbox.agent;
    for (const res of [
      await client.get("/api/inbox/conversations/nope"),
      await client.patch("/api/inbox/conversations/nope", { status: "resolved" }),
      await client.post("/api/inbox/conversations/nope/notes", { text: "hi" }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("conversation_not_found");
    }
    const missing = await client.get("/api/inbox/messages/nope");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("message_not_found");

    const past = new Date(Date.now() - 60_000).toISOString();
    const future = new Date(Date.now() + 60_000).toISOString();
    for (const [body, code] of [
      [{ status: "closed" }, "validation_failed"],
      [{ priority: "whenever" }, "validation_failed"],
      [{}, "validation_failed"],
      [{ tags: "refund" }, "validation_failed"],
      [{ snoozedUntil: "tomorrow" }, "validation_failed"],
      [{ colour: "red" }, "validation_failed"],
      [{ snoozedUntil: past }, "snooze_in_past"],
      [{ status: "snoozed" }, "snooze_until_required"],
      [{ status: "open", snoozedUntil: future }, "snooze_conflict"],
      [{ assigneeId: "nobody" }, "assignee_not_found"],
      [{ teamId: "nothing" }, "team_not_found"],
    ] as const) {
      const res = await client.patch(`/api/inbox/conversations/${id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
    // A disabled user cannot be given work.
    const disabled = await inbox.admin.post("/api/users", { email: "gone@example.com", name: "Gone", roles: ["agent"] });
    const goneId = disabled.json().id;
    expect((await inbox.admin.patch(`/api/users/${goneId}`, { disabled: true })).statusCode).toBe(200);
    const toGone = await client.patch(`/api/inbox/conversations/${id}`, { assigneeId: goneId });
    expect(toGone.statusCode).toBe(400);
    expect(toGone.json().error.code).toBe("assignee_not_found");
    for (const text of ["", "   ", "x".repeat(20_001)]) {
      const res = await client.post(`/api/inbox/conversations/${id}/notes`, { text });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("validation_failed");
    }
    expect(await audit(id)).toEqual([]);
  });

  it("cuts a huge message to 5,000 characters in the conversation and gives it whole by itself", async () => {
    // Astral characters count as one each and are never cut in half.
    const huge = `@acme ${"🧳".repeat(3000)}${"a".repeat(200_000)}`;
    await inbox.ingest([inbox.mention("m1", huge, 1), inbox.mention("m2", "@acme and?", 2, { inReplyTo: "m1" })]);
    const id = await idOf("@acme");
    const view = (await inbox.agent.client.get(`/api/inbox/conversations/${id}`)).json();
    const [big, small] = view.messages;
    const length = [...huge].length;
    expect(big).toMatchObject({ truncated: true, length });
    expect([...big.text]).toHaveLength(5000);
    expect(huge.startsWith(big.text)).toBe(true);
    expect(small).toMatchObject({ truncated: false, length: 10, text: "@acme and?" });
    const whole = await inbox.agent.client.get(`/api/inbox/messages/${big.id}`);
    expect(whole.statusCode).toBe(200);
    expect(whole.json()).toMatchObject({ id: big.id, truncated: false, length, text: huge, direction: "in", conversationId: id });
  });
});
