import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { type InboxApp, startInboxApp } from "../../../test/helpers/inboxApp.js";
import { verifySignature } from "../../webhooks/signature.js";
import { startWebhookReceiver } from "../crisis/webhooks/testReceiver.js";

const SECRET = "sales-webhook-secret-0123456789";

describe.each(DIALECTS)("conversations marked as leads on %s", (dialect) => {
  let inbox: InboxApp;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let conversationId: string;

  beforeEach(async () => {
    inbox = await startInboxApp(dialect);
    receiver = await startWebhookReceiver();
    await inbox.ingest([inbox.mention("l1", "@acme we'd like a quote for 40 seats on your corporate plan", 1)]);
    conversationId = (await inbox.t.services.db.selectFrom("inbox_conversations").select("id").executeTakeFirstOrThrow()).id;
  });
  afterEach(async () => {
    await receiver.close();
    await inbox.dispose();
  });

  const lead = { name: "Jo Doe", company: "Initech", email: "jo@initech.example", note: "40 seats, Q1" };
  const retryNow = async () => {
    await inbox.t.services.db
      .updateTable("jobs")
      .set({ run_at: new Date(0).toISOString() })
      .where("status", "=", "queued")
      .execute();
    await inbox.t.services.jobs.drain();
  };

  it("marks a lead, sends it to the signed sales webhook with retries, never shows the secret, and exports CSV", async () => {
    const { admin, agent, viewer } = inbox;
    // The webhook: leads and admins configure it; the secret is required the first time, and never shown.
    expect(
      (await agent.client.put("/api/inbox/settings/lead-webhook", { url: receiver.url, enabled: true, secret: SECRET })).statusCode,
    ).toBe(403);
    expect((await admin.put("/api/inbox/settings/lead-webhook", { url: receiver.url, enabled: true })).json().error.code).toBe(
      "webhook_secret_required",
    );
    expect((await admin.put("/api/inbox/settings/lead-webhook", { url: "ftp://x", enabled: true, secret: SECRET })).json().error.code).toBe(
      "webhook_url_invalid",
    );
    const saved = await admin.put("/api/inbox/settings/lead-webhook", { url: receiver.url, enabled: true, secret: SECRET });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ url: receiver.url, enabled: true, hasSecret: true });
    expect(JSON.stringify((await admin.get("/api/audit?targetType=inbox_settings")).json())).not.toContain(SECRET);

    // Bad input.
    expect((await viewer.client.put(`/api/inbox/conversations/${conversationId}/lead`, lead)).statusCode).toBe(403);
    expect((await agent.client.put(`/api/inbox/conversations/${conversationId}/lead`, { ...lead, email: "not an email" })).statusCode).toBe(
      400,
    );
    expect(
      (await agent.client.put(`/api/inbox/conversations/${conversationId}/lead`, { name: "", company: "", email: "", note: "x" }))
        .statusCode,
    ).toBe(400);
    expect((await agent.client.put("/api/inbox/conversations/nope/lead", lead)).json().error.code).toBe("conversation_not_found");

    // The first delivery fails (503): the jobs system retries it, and the second is accepted.
    receiver.answers.push(503);
    const marked = await agent.client.put(`/api/inbox/conversations/${conversationId}/lead`, lead);
    expect(marked.statusCode, marked.body).toBe(201);
    expect(marked.json()).toMatchObject({ ...lead, markedBy: { id: agent.id }, delivery: { status: "pending" } });
    await inbox.t.services.jobs.drain();
    let shown = (await agent.client.get(`/api/inbox/conversations/${conversationId}/lead`)).json().lead;
    expect(shown.delivery).toMatchObject({ status: "retrying", attempts: 1 });
    expect(shown.delivery.lastError).toContain("503");
    await retryNow();
    shown = (await agent.client.get(`/api/inbox/conversations/${conversationId}/lead`)).json().lead;
    expect(shown.delivery).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(receiver.received).toHaveLength(2);
    const delivered = receiver.received[1];
    if (!delivered) throw new Error("nothing delivered");
    const check = verifySignature(
      SECRET,
      {
        signature: delivered.headers["x-switchboard-signature"] as string,
        timestamp: delivered.headers["x-switchboard-timestamp"] as string,
      },
      delivered.body,
    );
    expect(check).toBe("ok");
    expect(
      verifySignature(
        "another-secret-entirely-000000",
        {
          signature: delivered.headers["x-switchboard-signature"] as string,
          timestamp: delivered.headers["x-switchboard-timestamp"] as string,
        },
        delivered.body,
      ),
    ).toBe("mismatch");
    const body = JSON.parse(delivered.body);
    expect(body).toMatchObject({ event: "lead.created", lead: { name: "Jo Doe", company: "Initech", email: "jo@initech.example" } });
    expect(body.conversation.firstMessage.text).toContain("40 seats");
    expect(body.deliveryId).toBe(JSON.parse(receiver.received[0]?.body ?? "{}").deliveryId);
    expect(delivered.body).not.toContain(SECRET);

    // Changing the fields does not send again; Send again does.
    const changed = await agent.client.put(`/api/inbox/conversations/${conversationId}/lead`, {
      ...lead,
      note: '=HYPERLINK("http://evil")',
    });
    expect(changed.statusCode).toBe(200);
    await inbox.t.services.jobs.drain();
    expect(receiver.received).toHaveLength(2);
    expect((await agent.client.post(`/api/inbox/conversations/${conversationId}/lead/send`)).statusCode).toBe(202);
    await inbox.t.services.jobs.drain();
    expect(receiver.received).toHaveLength(3);

    // CSV for sales (leads and admins), formulas neutralised.
    expect((await agent.client.get("/api/inbox/leads.csv")).statusCode).toBe(403);
    const csv = await admin.get("/api/inbox/leads.csv");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines[0]).toBe("marked_at,name,company,email,note,network,channel,contact,subject,conversation_id,marked_by,sent_to_sales_at");
    expect(lines[1]).toContain('Jo Doe,Initech,jo@initech.example,"\'=HYPERLINK(""http://evil"")"');
    expect((await viewer.client.get("/api/inbox/leads")).json().items).toHaveLength(1);

    const events = ((await admin.get(`/api/audit?targetId=${conversationId}`)).json().events as { action: string }[]).map((e) => e.action);
    expect(events).toEqual(expect.arrayContaining(["inbox.lead.marked", "inbox.lead.updated", "inbox.lead.sent"]));

    // Unmarked: gone from the list and the export.
    expect((await agent.client.delete(`/api/inbox/conversations/${conversationId}/lead`)).statusCode).toBe(204);
    expect((await agent.client.delete(`/api/inbox/conversations/${conversationId}/lead`)).json().error.code).toBe("lead_not_found");
    expect((await viewer.client.get("/api/inbox/leads")).json().items).toHaveLength(0);
  });

  it("keeps a lead unsent without a webhook, and says so when asked to send", async () => {
    const marked = await inbox.agent.client.put(`/api/inbox/conversations/${conversationId}/lead`, lead);
    expect(marked.json().delivery.status).toBe("not_sent");
    const send = await inbox.agent.client.post(`/api/inbox/conversations/${conversationId}/lead/send`);
    expect(send.statusCode).toBe(409);
    expect(send.json().error.code).toBe("lead_webhook_not_configured");
  });
});
