import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { XStandIn } from "../../../connectors/x/test/standIn.js";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { signInAs } from "../../../test/helpers/publishingApp.js";
import type { TestApp, TestClient } from "../../../test/helpers/testApp.js";
import { startXChannelApp, type XChannelApp } from "../../../test/helpers/xChannelApp.js";
import { pollInboxSources } from "../poll/pollSources.js";

describe.each(DIALECTS)("replies held for approval on %s", (dialect) => {
  let app: XChannelApp;
  let x: XStandIn;
  let t: TestApp;
  let admin: TestClient;
  let agent: { client: TestClient; id: string };
  let lead: { client: TestClient; id: string };
  let conversationId: string;

  beforeEach(async () => {
    app = await startXChannelApp(dialect);
    ({ x, t } = app);
    admin = await t.setupAdmin();
    agent = await signInAs(t, admin, {
      email: "sam@example.com",
      name: "Sam Support",
      roles: ["agent"],
      password: "an agent answering people",
    });
    lead = await signInAs(t, admin, { email: "lea@example.com", name: "Lea Lead", roles: ["lead"], password: "a lead approving replies" });
    x.mention(`@${app.handle} my suitcase was damaged on flight 212 and the handle is broken`);
    await pollInboxSources(t.services);
    conversationId = (await t.services.db.selectFrom("inbox_conversations").select("id").executeTakeFirstOrThrow()).id;
  });
  afterEach(async () => {
    await app.dispose();
  });

  const reply = (client: TestClient, text: string) => client.post(`/api/inbox/conversations/${conversationId}/replies`, { text });
  const actions = async () =>
    ((await admin.get(`/api/audit?targetId=${conversationId}`)).json().events as { action: string }[]).map((e) => e.action);

  it("is configured by administrators only, with known roles and channels", async () => {
    expect((await admin.get("/api/inbox/settings/reply-approval")).json()).toEqual({ roles: [], accountIds: [] });
    expect((await lead.client.put("/api/inbox/settings/reply-approval", { roles: ["agent"], accountIds: [] })).statusCode).toBe(403);
    expect((await admin.put("/api/inbox/settings/reply-approval", { roles: ["intern"], accountIds: [] })).statusCode).toBe(400);
    expect((await admin.put("/api/inbox/settings/reply-approval", { roles: ["agent"], accountIds: ["nope"] })).json().error.code).toBe(
      "account_not_found",
    );
    const saved = await admin.put("/api/inbox/settings/reply-approval", { roles: ["agent"], accountIds: [app.accountId] });
    expect(saved.json()).toEqual({ roles: ["agent"], accountIds: [app.accountId] });
    const events = (await admin.get("/api/audit?targetType=inbox_settings")).json().events as { action: string }[];
    expect(events.map((e) => e.action)).toContain("inbox.reply_approval.saved");
  });

  it("holds an agent's reply, lets a lead send it back with a comment, then approve the next one, which goes out once", async () => {
    // Without configuration the agent's reply goes straight out.
    await admin.put("/api/inbox/settings/reply-approval", { roles: ["agent"], accountIds: [app.accountId] });
    const held = await reply(agent.client, "Sorry about that! Our baggage team will contact you.");
    expect(held.statusCode, held.body).toBe(202);
    expect(held.json().held).toMatchObject({ status: "waiting", author: { id: agent.id, name: "Sam Support" } });
    expect(x.tweets.some((tw) => tw.text.startsWith("Sorry about that"))).toBe(false);
    const convo = await t.services.db
      .selectFrom("inbox_conversations")
      .select(["status"])
      .where("id", "=", conversationId)
      .executeTakeFirstOrThrow();
    expect(convo.status).toBe("open");
    expect(JSON.stringify((await lead.client.get("/api/notifications")).json())).toContain("A reply is waiting for your approval");

    // Leads see what waits; agents may not decide.
    expect((await agent.client.get("/api/inbox/held-replies")).statusCode).toBe(403);
    const waiting = (await lead.client.get("/api/inbox/held-replies")).json().items as { id: string; conversation: { id: string } }[];
    expect(waiting).toHaveLength(1);
    const first = waiting[0]?.id as string;
    expect((await agent.client.post(`/api/inbox/held-replies/${first}/approve`)).statusCode).toBe(403);
    expect((await lead.client.post(`/api/inbox/held-replies/${first}/return`, { comment: "" })).statusCode).toBe(400);
    const returned = await lead.client.post(`/api/inbox/held-replies/${first}/return`, {
      comment: "Give them the claim form link, please.",
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({
      status: "returned",
      comment: "Give them the claim form link, please.",
      decidedBy: { name: "Lea Lead" },
    });
    expect((await lead.client.post(`/api/inbox/held-replies/${first}/approve`)).json().error.code).toBe("held_reply_decided");
    // The agent sees it in the conversation, with the comment.
    const mine = (await agent.client.get(`/api/inbox/conversations/${conversationId}/held-replies`)).json().items;
    expect(mine).toMatchObject([{ status: "returned", comment: "Give them the claim form link, please." }]);

    const again = await reply(agent.client, "Sorry about that! Claim form: https://example.com/claims and we will repair it.");
    expect(again.statusCode).toBe(202);
    const second = again.json().held.id as string;
    const approved = await lead.client.post(`/api/inbox/held-replies/${second}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: "sent", decidedBy: { id: lead.id } });
    const sent = x.tweets.filter((tw) => tw.text.startsWith("Sorry about that! Claim form"));
    expect(sent).toHaveLength(1);
    const out = await t.services.db.selectFrom("inbox_messages").selectAll().where("direction", "=", "out").execute();
    expect(out).toMatchObject([{ id: approved.json().messageId, author_user_id: agent.id, external_id: sent[0]?.id }]);
    const status = await t.services.db
      .selectFrom("inbox_conversations")
      .select("status")
      .where("id", "=", conversationId)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe("pending");
    expect((await lead.client.post(`/api/inbox/held-replies/${second}/approve`)).statusCode).toBe(409);
    expect((await lead.client.post("/api/inbox/held-replies/nope/approve")).json().error.code).toBe("held_reply_not_found");
    expect(await actions()).toEqual(expect.arrayContaining(["inbox.reply.held", "inbox.reply.returned", "inbox.reply.approved"]));
    expect(JSON.stringify((await agent.client.get("/api/notifications")).json())).toContain("Your reply was approved and sent");

    // A lead's own replies never wait.
    const direct = await reply(lead.client, "Following up: the repair is booked, thank you for your patience.");
    expect(direct.statusCode, direct.body).toBe(201);
  });

  it("leaves replies on other channels, and by roles not named, unheld", async () => {
    await admin.put("/api/inbox/settings/reply-approval", { roles: ["contributor"], accountIds: [] });
    const res = await reply(agent.client, "So sorry about your suitcase, we will arrange the repair.");
    expect(res.statusCode, res.body).toBe(201);
  });
});
