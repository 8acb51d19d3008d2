import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { type InboxApp, startInboxApp } from "../../../test/helpers/inboxApp.js";
import { fillCanned } from "./fill.js";

describe("filling canned replies", () => {
  it("fills known variables and leaves a readable gap for missing ones", () => {
    expect(
      fillCanned("Hi {{contact.name}}, {{ agent.name }} here from {{channel.handle}}.", {
        "contact.name": "Jo",
        "agent.name": "Aga",
        "channel.handle": "acme.example",
      }),
    ).toBe("Hi Jo, Aga here from acme.example.");
    expect(fillCanned("Hi {{contact.name}}!", {})).toBe("Hi there!");
  });
});

describe.each(DIALECTS)("canned replies on %s", (dialect) => {
  let inbox: InboxApp;
  beforeEach(async () => {
    inbox = await startInboxApp(dialect);
  });
  afterEach(async () => {
    await inbox.dispose();
  });

  it("are kept by leads and admins, audited, and filled in for a conversation by an agent", async () => {
    const { admin, agent, viewer } = inbox;
    const text = "Hi {{contact.name}} ({{contact.handle}}), sorry about this. {{agent.name}} from {{channel.handle}} will look into it.";
    const created = await admin.post("/api/inbox/canned-replies", { name: "Apology", text });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect((await admin.post("/api/inbox/canned-replies", { name: "Apology", text: "again" })).json().error.code).toBe("name_taken");
    expect((await admin.post("/api/inbox/canned-replies", { name: "Bad", text: "Hi {{customer.name}}" })).json().error.code).toBe(
      "unknown_variable",
    );
    expect((await agent.client.post("/api/inbox/canned-replies", { name: "Mine", text: "hi" })).statusCode).toBe(403);
    expect((await viewer.client.get("/api/inbox/canned-replies")).json().items).toHaveLength(1);

    await inbox.ingest([inbox.mention("m1", "@acme my bag is lost", 1)]);
    const conversation = (await agent.client.get("/api/inbox/conversations")).json().items[0];
    const filled = await agent.client.get(`/api/inbox/conversations/${conversation.id}/canned-replies/${id}`);
    expect(filled.json().text).toBe("Hi Jo (@jo.example), sorry about this. Aga from acme.example will look into it.");
    expect((await viewer.client.get(`/api/inbox/conversations/${conversation.id}/canned-replies/${id}`)).statusCode).toBe(403);

    expect((await admin.put(`/api/inbox/canned-replies/${id}`, { name: "Apology", text: "Sorry {{contact.name}}!" })).json().text).toBe(
      "Sorry {{contact.name}}!",
    );
    expect((await admin.delete(`/api/inbox/canned-replies/${id}`)).statusCode).toBe(200);
    expect((await admin.delete(`/api/inbox/canned-replies/${id}`)).json().error.code).toBe("canned_reply_not_found");
    const actions = (await admin.get("/api/audit?targetType=inbox_canned_reply")).json().events.map((e: { action: string }) => e.action);
    expect(actions.sort()).toEqual(["inbox.canned_reply.changed", "inbox.canned_reply.created", "inbox.canned_reply.deleted"]);
  });
});
