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
});
