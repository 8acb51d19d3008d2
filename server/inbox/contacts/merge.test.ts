import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { type InboxApp, startInboxApp } from "../../../test/helpers/inboxApp.js";

describe.each(DIALECTS)("merging contacts on %s", (dialect) => {
  let inbox: InboxApp;
  beforeEach(async () => {
    inbox = await startInboxApp(dialect);
  });
  afterEach(async () => {
    await inbox.dispose();
  });

  it("makes two contacts one person: identities, history and new messages meet, audited", async () => {
    const { agent, viewer, admin } = inbox;
    const jo = { externalId: "did:plc:jo", handle: "jo.example", displayName: "Jo" };
    const joAgain = { externalId: "did:plc:jo-work", handle: "jo-at-work.example", displayName: "Jo Work" };
    await inbox.ingest([
      inbox.mention("m1", "@acme my bag is lost", 1, { author: jo }),
      inbox.mention("m2", "@acme still no bag, writing from work", 5, { author: joAgain }),
    ]);
    const { db } = inbox.t.services;
    const contactOf = async (remoteId: string) =>
      (await db.selectFrom("inbox_messages").select("contact_id").where("external_id", "=", remoteId).executeTakeFirstOrThrow())
        .contact_id as string;
    const [first, second] = [await contactOf("m1"), await contactOf("m2")];
    expect(first).not.toBe(second);

    expect((await viewer.client.post(`/api/inbox/contacts/${second}/merge`, { intoId: first })).statusCode).toBe(403);
    expect((await agent.client.post(`/api/inbox/contacts/${second}/merge`, { intoId: second })).json().error.code).toBe("merge_into_self");
    expect((await agent.client.post(`/api/inbox/contacts/${second}/merge`, { intoId: "nobody" })).json().error.code).toBe(
      "merge_target_not_found",
    );
    const merged = await agent.client.post(`/api/inbox/contacts/${second}/merge`, { intoId: first });
    expect(merged.statusCode, merged.body).toBe(200);
    expect((await agent.client.post(`/api/inbox/contacts/${second}/merge`, { intoId: first })).json().error.code).toBe("already_merged");

    const list = (await agent.client.get("/api/inbox/conversations")).json().items as { id: string; subject: string }[];
    const firstConversation = list.find((c) => c.subject.includes("bag is lost"));
    const view = (await agent.client.get(`/api/inbox/conversations/${firstConversation?.id}`)).json();
    expect(view.contact.identities.map((i: { externalId: string }) => i.externalId).sort()).toEqual(["did:plc:jo", "did:plc:jo-work"]);
    expect(view.contact.history.map((h: { subject: string }) => h.subject)).toEqual([expect.stringContaining("writing from work")]);

    // A new message from the merged identity arrives on the one contact.
    await inbox.ingest([inbox.mention("m3", "@acme any news?", 9, { author: joAgain })]);
    expect(await contactOf("m3")).toBe(first);
    const actions = (await admin.get("/api/audit?targetType=inbox_contact")).json().events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(["inbox.contact.merged"]);
  });

  it("finds contacts to merge with by name or handle, leaving out the one at hand and those merged away", async () => {
    const { agent, viewer } = inbox;
    await inbox.ingest([
      inbox.mention("s1", "@acme hello", 1, { author: { externalId: "did:plc:jo", handle: "jo.example", displayName: "Jo Bloggs" } }),
      inbox.mention("s2", "@acme hi again", 2, {
        author: { externalId: "did:plc:joanne", handle: "jb-work.example", displayName: "Joanne" },
      }),
      inbox.mention("s3", "@acme unrelated", 3, { author: { externalId: "did:plc:max", handle: "max.example", displayName: "Max 100%" } }),
    ]);
    const search = async (q: string, excludeId?: string) =>
      (await viewer.client.get(`/api/inbox/contacts?q=${encodeURIComponent(q)}${excludeId ? `&excludeId=${excludeId}` : ""}`)).json()
        .items as { id: string; displayName: string; identities: { handle: string }[]; conversations: number }[];
    const jos = await search("JO");
    expect(jos.map((c) => c.displayName)).toEqual(["Jo Bloggs", "Joanne"]);
    expect(jos[0]).toMatchObject({ identities: [{ handle: "jo.example" }], conversations: 1 });
    expect((await search("jb-WORK")).map((c) => c.displayName)).toEqual(["Joanne"]);
    expect((await search("jo", jos[0]?.id)).map((c) => c.displayName)).toEqual(["Joanne"]);
    // LIKE's wildcards are taken literally.
    expect((await search("%")).map((c) => c.displayName)).toEqual(["Max 100%"]);
    expect((await search("_")).map((c) => c.displayName)).toEqual([]);
    expect((await viewer.client.get("/api/inbox/contacts?q=")).json().error.code).toBe("validation_failed");
    await agent.client.post(`/api/inbox/contacts/${jos[1]?.id}/merge`, { intoId: jos[0]?.id });
    expect((await search("jo")).map((c) => c.displayName)).toEqual(["Jo Bloggs"]);
  });

  it("lets only one of two opposite merges started at once through (no contact ends up merged into the other and back)", async () => {
    const { agent } = inbox;
    await inbox.ingest([
      inbox.mention("r1", "@acme one", 1, { author: { externalId: "did:plc:a", handle: "a.example", displayName: "A" } }),
      inbox.mention("r2", "@acme two", 2, { author: { externalId: "did:plc:b", handle: "b.example", displayName: "B" } }),
    ]);
    const { db } = inbox.t.services;
    for (let round = 0; round < 5; round++) {
      const ids = (await db.selectFrom("inbox_contacts").select("id").where("merged_into", "is", null).orderBy("id").execute()).map(
        (c) => c.id,
      );
      if (ids.length < 2) {
        // Split them again for the next round (not an API: the test rebuilds the starting point).
        await db.updateTable("inbox_contacts").set({ merged_into: null }).execute();
        continue;
      }
      const [a, b] = ids as [string, string];
      const answers = await Promise.all([
        agent.client.post(`/api/inbox/contacts/${a}/merge`, { intoId: b }),
        agent.client.post(`/api/inbox/contacts/${b}/merge`, { intoId: a }),
      ]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const rows = await db.selectFrom("inbox_contacts").select(["id", "merged_into"]).where("id", "in", [a, b]).execute();
      expect(rows.filter((r) => r.merged_into !== null)).toHaveLength(1);
      await db.updateTable("inbox_contacts").set({ merged_into: null }).execute();
    }
  });
});
