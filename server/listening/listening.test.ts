import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { type InboxApp, startInboxApp } from "../../test/helpers/inboxApp.js";
import { afterIngest } from "../inbox/ingest/afterIngest.js";
import { ingestBatch } from "../inbox/ingest/ingest.js";
import type { InboundEvent } from "../inbox/ingest/types.js";
import { compileRules } from "../inbox/routing/rules.js";

describe.each(DIALECTS)("listening topics on %s", (dialect) => {
  let inbox: InboxApp;
  beforeEach(async () => {
    inbox = await startInboxApp(dialect);
  });
  afterEach(async () => {
    await inbox.dispose();
  });

  const ingest = async (events: InboundEvent[]) => {
    const result = await ingestBatch(inbox.t.services.db, events, { rules: compileRules([]) });
    await afterIngest(inbox.t.services, result);
  };

  it("matches what the inbox reads against each topic and lists the hits newest first, audited", async () => {
    const { admin, agent, viewer } = inbox;
    const created = await admin.post("/api/listening/topics", {
      name: "Luxury campaign",
      terms: ["#AcmeLuxury", "lounge", "business class"],
    });
    expect(created.statusCode, created.body).toBe(201);
    const topic = created.json();
    expect((await admin.post("/api/listening/topics", { name: "Luxury campaign", terms: ["x y"] })).json().error.code).toBe("name_taken");
    expect((await admin.post("/api/listening/topics", { name: "Empty", terms: [] })).statusCode).toBe(400);
    expect((await agent.client.post("/api/listening/topics", { name: "Mine", terms: ["abc"] })).statusCode).toBe(403);

    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
    await ingest([
      inbox.mention("l1", "The lounge in Lisbon was closed and nobody told us. Awful.", 0, { createdAt: at(30) }),
      inbox.mention("l2", "Loved business   class on the new A321 #acmeluxury", 0, { createdAt: at(20) }),
      inbox.mention("l3", "Where do I print my boarding pass?", 0, { createdAt: at(10) }),
    ]);
    const hits = (await viewer.client.get(`/api/listening/topics/${topic.id}/hits`)).json();
    expect(hits.items.map((h: { matched: string[] }) => h.matched.sort())).toEqual([["#AcmeLuxury", "business class"], ["lounge"]]);
    expect(hits.items[1]).toMatchObject({
      sentiment: "negative",
      channel: { network: "bluesky", handle: "acme.example" },
      author: "jo.example",
    });
    const [listed] = (await viewer.client.get("/api/listening/topics")).json().items;
    expect(listed).toMatchObject({ name: "Luxury campaign", total: 2, last24h: 2, negative24h: 1 });

    // Changing the terms applies to what arrives next; switching a topic off stops it.
    expect(
      (await admin.put(`/api/listening/topics/${topic.id}`, { name: "Luxury campaign", terms: ["boarding pass"], enabled: false }))
        .statusCode,
    ).toBe(200);
    await ingest([inbox.mention("l4", "My boarding pass will not load", 0, { createdAt: at(5) })]);
    expect((await viewer.client.get(`/api/listening/topics/${topic.id}/hits`)).json().items).toHaveLength(2);
    expect((await admin.delete(`/api/listening/topics/${topic.id}`)).statusCode).toBe(200);
    expect((await viewer.client.get(`/api/listening/topics/${topic.id}/hits`)).json().error.code).toBe("topic_not_found");
    const actions = (await admin.get("/api/audit?targetType=listening_topic")).json().events.map((e: { action: string }) => e.action);
    expect(actions.sort()).toEqual(["listening.topic.changed", "listening.topic.created", "listening.topic.deleted"]);
  });
});
