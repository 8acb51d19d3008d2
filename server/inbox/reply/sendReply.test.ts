import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { XStandIn } from "../../../connectors/x/test/standIn.js";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { signInAs } from "../../../test/helpers/publishingApp.js";
import type { TestApp, TestClient } from "../../../test/helpers/testApp.js";
import { startXChannelApp, type XChannelApp } from "../../../test/helpers/xChannelApp.js";
import { pollInboxSources } from "../poll/pollSources.js";

describe.each(DIALECTS)("replying to a conversation through its channel (X stand-in) on %s", (dialect) => {
  let app: XChannelApp;
  let x: XStandIn;
  let t: TestApp;
  let admin: TestClient;
  let agent: TestClient;
  let conversationId: string;

  beforeEach(async () => {
    app = await startXChannelApp(dialect);
    ({ x, t } = app);
    admin = await t.setupAdmin();
    agent = (
      await signInAs(t, admin, { email: "sam@example.com", name: "Sam Support", roles: ["agent"], password: "an agent answering people" })
    ).client;
    x.mention(`@${app.handle} my suitcase was damaged on flight 212 and the handle is broken`);
    await pollInboxSources(t.services);
    conversationId = (await t.services.db.selectFrom("inbox_conversations").select("id").executeTakeFirstOrThrow()).id;
  });
  afterEach(async () => {
    await app.dispose();
  });

  it("sends the answer to the customer's message, stores it, waits on the customer, and audits it", async () => {
    const mention = x.tweets.find((tw) => tw.text.includes("suitcase"));
    const res = await agent.post(`/api/inbox/conversations/${conversationId}/replies`, {
      text: "So sorry about your suitcase, Jo. Please DM us your booking reference and we will arrange the repair.",
    });
    expect(res.statusCode).toBe(201);
    const sent = x.tweets.find((tw) => tw.text.startsWith("So sorry about your suitcase"));
    expect(sent?.in_reply_to).toBe(mention?.id);
    expect(res.json()).toMatchObject({ remoteId: sent?.id });
    const conversation = await t.services.db
      .selectFrom("inbox_conversations")
      .selectAll()
      .where("id", "=", conversationId)
      .executeTakeFirstOrThrow();
    expect(conversation).toMatchObject({ status: "pending", message_count: 2 });
    const out = await t.services.db.selectFrom("inbox_messages").selectAll().where("direction", "=", "out").execute();
    expect(out).toMatchObject([{ external_id: sent?.id, in_reply_to: mention?.id }]);
    const actions = (await admin.get("/api/audit?targetType=inbox_conversation")).json().events.map((e: { action: string }) => e.action);
    expect(actions).toContain("inbox.reply.sent");
  });

  it("stops a reply the policy forbids, lets only an administrator override it, and refuses bad input", async () => {
    expect((await admin.put("/api/policy/lexicon", { confidential: ["Project Falcon"] })).statusCode).toBe(200);
    const leaky = { text: "Sorry about the suitcase! Project Falcon will fix bags like yours next year." };
    const blocked = await agent.post(`/api/inbox/conversations/${conversationId}/replies`, leaky);
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().error.code).toBe("policy_blocked");
    expect(x.tweets.some((tw) => tw.text.includes("Project Falcon"))).toBe(false);
    const overrideByAgent = await agent.post(`/api/inbox/conversations/${conversationId}/replies`, {
      ...leaky,
      override: { reason: "approved" },
    });
    expect(overrideByAgent.json().error.code).toBe("override_not_allowed");
    const overridden = await admin.post(`/api/inbox/conversations/${conversationId}/replies`, {
      ...leaky,
      override: { reason: "Announced today" },
    });
    expect(overridden.statusCode).toBe(201);

    expect((await agent.post(`/api/inbox/conversations/${conversationId}/replies`, { text: "   " })).statusCode).toBe(400);
    expect((await agent.post("/api/inbox/conversations/nope/replies", { text: "hi" })).json().error.code).toBe("conversation_not_found");
    const viewer = (
      await signInAs(t, admin, { email: "vi@example.com", name: "Vi", roles: ["viewer"], password: "a viewer reading along" })
    ).client;
    expect((await viewer.post(`/api/inbox/conversations/${conversationId}/replies`, { text: "hi" })).statusCode).toBe(403);
  });

  it("says so when the network refuses the reply, and stores nothing", async () => {
    x.fault({ kind: "server_error" }, /\/2\/tweets$/);
    const res = await agent.post(`/api/inbox/conversations/${conversationId}/replies`, {
      text: "We are looking into it, sorry for the trouble with your suitcase.",
    });
    expect(res.statusCode).toBe(424);
    expect(res.json().error.code).toBe("reply_not_sent");
    expect(await t.services.db.selectFrom("inbox_messages").select("id").where("direction", "=", "out").execute()).toEqual([]);
  });
});
