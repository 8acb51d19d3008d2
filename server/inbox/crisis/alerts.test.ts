import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { signInAs } from "../../../test/helpers/publishingApp.js";
import { startSmtpServer } from "../../../test/helpers/smtpServer.js";
import { createTestApp, type TestApp, type TestClient } from "../../../test/helpers/testApp.js";
import { createAccount } from "../../accounts/saveAccount.js";
import { systemActor } from "../../audit/context.js";
import { verifySignature } from "../../webhooks/signature.js";
import { afterIngest } from "../ingest/afterIngest.js";
import { ingestBatch } from "../ingest/ingest.js";
import type { InboundEvent } from "../ingest/types.js";
import { compileRules } from "../routing/rules.js";
import { createCrisisDetector } from "./detector.js";
import { startWebhookReceiver } from "./webhooks/testReceiver.js";

const DAY = 86_400_000;
const ANGRY = [
  "@acme my baggage is lost again and nobody answers the phone, worst airline ever",
  "@acme three hours waiting at baggage claim and my suitcase never came. terrible service",
  "@acme lost baggage, no hotel, no food voucher. disgusting",
];
const CALM = [
  "@acme what is the baggage allowance for a flight to Lisbon?",
  "@acme thanks, the baggage drop was quick and the crew lovely!",
];
const SECRET = "whsec-0123456789abcdef0123456789abcdef";
const START = Date.UTC(2026, 1, 16);

describe.each(DIALECTS)("crisis alerts beyond the app on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let accountId: string;
  let n = 0;
  beforeEach(async () => {
    smtp = await startSmtpServer();
    receiver = await startWebhookReceiver();
    t = await createTestApp(dialect, { SMTP_URL: smtp.url, SMTP_FROM: "Switchboard <switchboard@acme.test>" });
    admin = await t.setupAdmin();
    accountId = await createAccount(t.services.db, systemActor(), { network: "bluesky", handle: "acme.example" });
    // The app's detector was rebuilt and its clock moved to now at start; these days are in February, so
    // they are replayed into a detector of their own, as a server started on 16 February would have them.
    t.services.crisisDetector = createCrisisDetector();
  });
  afterEach(async () => {
    await t.dispose();
    await smtp.close();
    await receiver.close();
  });

  /** A day of mentions spread evenly over it, ingested as the pollers do (topics matched, spikes watched). */
  const day = async (d: number, negative: number, other: number) => {
    const events = Array.from(
      { length: negative + other },
      (_, i): InboundEvent => ({
        accountId,
        network: "bluesky",
        kind: "mention",
        remoteId: `m${n++}`,
        text: i < negative ? (ANGRY[i % 3] as string) : (CALM[i % 2] as string),
        createdAt: new Date(START + d * DAY + Math.floor((i * DAY) / (negative + other))),
        author: { externalId: `did:plc:p${n % 40}`, handle: null, displayName: null },
      }),
    );
    // Interleave, so negatives are spread over the day like the rest.
    events.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const result = await ingestBatch(t.services.db, events, { rules: compileRules([]) });
    await afterIngest(t.services, result);
  };
  const spikeAfterCalmWeek = async () => {
    for (let d = 0; d < 4; d++) await day(d, 25, 25);
    expect((await admin.get("/api/inbox/crisis")).json().alerts).toEqual([]);
    await day(4, 120, 25);
  };
  const deliveries = () => t.services.db.selectFrom("inbox_crisis_webhook_deliveries").selectAll().orderBy("created_at").execute();
  /** Makes every queued job due now (the backoff is minutes) and works the queue. */
  const retryNow = async () => {
    await t.services.db
      .updateTable("jobs")
      .set({ run_at: new Date(0).toISOString() })
      .where("status", "=", "queued")
      .execute();
    await t.services.jobs.drain();
  };

  it("names the brand and the topic, carries the messages, emails leads and admins, and posts a signed webhook", async () => {
    const { client: lead } = await signInAs(t, admin, {
      email: "lea@example.com",
      name: "Lea Lead",
      roles: ["lead"],
      password: "a lead who gets told",
    });
    await signInAs(t, admin, { email: "aga@example.com", name: "Aga Agent", roles: ["agent"], password: "an agent is not told" });
    expect((await lead.post("/api/listening/topics", { name: "Baggage", terms: ["baggage"] })).statusCode).toBe(201);
    const hook = await admin.post("/api/inbox/crisis/webhooks", { url: receiver.url, description: "PagerDuty bridge", secret: SECRET });
    expect(hook.statusCode, hook.body).toBe(201);
    expect(hook.body).not.toContain(SECRET);
    expect(hook.json()).toMatchObject({ hasSecret: true, enabled: true, lastDelivery: null });

    await spikeAfterCalmWeek();

    const { alerts } = (await lead.get("/api/inbox/crisis")).json();
    expect(alerts.map((a: { subject: { name: string } }) => a.subject.name).sort()).toEqual(["acme.example (bluesky)", "topic “Baggage”"]);
    for (const a of alerts) expect(a).toMatchObject({ status: "open", acknowledgedBy: null, window: expect.any(String) });
    const topicAlert = alerts.find((a: { subject: { kind: string } }) => a.subject.kind === "topic");
    const detail = (await lead.get(`/api/inbox/crisis/alerts/${topicAlert.id}`)).json();
    expect(detail.messages.length).toBeGreaterThan(30);
    expect(detail.messages.every((m: { text: string }) => ANGRY.includes(m.text))).toBe(true);
    // The chart: hours before the spike at the baseline, the spike's hours above it.
    const spikeHours = detail.series.filter((p: { hour: string }) => p.hour >= new Date(START + 4 * DAY).toISOString());
    expect(spikeHours.length).toBeGreaterThan(0);
    expect(Math.max(...spikeHours.map((p: { negative: number }) => p.negative))).toBeGreaterThan(
      Math.max(...spikeHours.map((p: { baseline: number | null }) => p.baseline ?? 0)),
    );
    const audit = (await admin.get("/api/audit?targetType=crisis_alert")).json().events.map((e: { action: string }) => e.action);
    expect(audit).toEqual(["inbox.crisis.alert_raised", "inbox.crisis.alert_raised"]);

    await t.services.jobs.drain();
    // Email: the leads and admins, not the agent, through the notifications' email path.
    const mailed = smtp.received.filter((m) => m.raw.includes("/crisis?alert="));
    expect(mailed.flatMap((m) => m.to).sort()).toEqual(["ada@example.com", "ada@example.com", "lea@example.com", "lea@example.com"]);
    const topicMail = mailed.find((m) => m.to.includes("lea@example.com") && m.raw.includes("Baggage"));
    expect(topicMail?.raw).toMatch(/baggage/i);
    expect(topicMail?.raw).toMatch(/Negative.spike.on.topic/);

    // Webhook: one signed POST per alert, verifiable with the secret, replay-protected by its timestamp.
    expect(receiver.received).toHaveLength(2);
    for (const r of receiver.received) {
      const headers = {
        signature: r.headers["x-switchboard-signature"] as string,
        timestamp: r.headers["x-switchboard-timestamp"] as string,
      };
      expect(verifySignature(SECRET, headers, r.body)).toBe("ok");
      expect(verifySignature(SECRET, headers, r.body.replace("crisis.alert", "crisis.alerT"))).toBe("mismatch");
      expect(verifySignature(SECRET, headers, r.body, { nowMs: Date.now() + 10 * 60_000 })).toBe("stale");
      expect(verifySignature("another secret entirely, long enough", headers, r.body)).toBe("mismatch");
      expect(r.headers["x-switchboard-event"]).toBe("crisis.alert");
    }
    const bodies = receiver.received.map((r) => JSON.parse(r.body));
    const topicBody = bodies.find((b) => b.alert.subject.kind === "topic");
    expect(topicBody.alert).toMatchObject({ id: topicAlert.id, subject: { name: "topic “Baggage”" }, severity: expect.any(String) });
    expect(topicBody.alert.messageCount).toBeGreaterThan(30);
    expect(topicBody.alert.messages.length).toBe(Math.min(50, topicBody.alert.messageCount));
    expect(ANGRY).toContain(topicBody.alert.messages[0].text);
    expect((await deliveries()).map((d) => d.status)).toEqual(["delivered", "delivered"]);
    const listed = (await admin.get("/api/inbox/crisis/webhooks")).json().items;
    expect(listed).toMatchObject([{ lastDelivery: { status: "delivered", responseStatus: 204, attempts: 1 }, failedDeliveries: 0 }]);
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    expect(JSON.stringify((await admin.get("/api/audit?targetType=crisis_webhook")).json())).not.toContain(SECRET);

    // Acknowledge, then resolve: both audited; an agent may, a viewer may not.
    const { client: viewer } = await signInAs(t, admin, {
      email: "vic@example.com",
      name: "Vic Viewer",
      roles: ["viewer"],
      password: "a viewer only looks",
    });
    expect((await viewer.post(`/api/inbox/crisis/alerts/${topicAlert.id}/acknowledge`, {})).statusCode).toBe(403);
    expect((await lead.post(`/api/inbox/crisis/alerts/${topicAlert.id}/acknowledge`, {})).json().alert).toMatchObject({
      status: "acknowledged",
      acknowledgedBy: "Lea Lead",
    });
    expect((await admin.post(`/api/inbox/crisis/alerts/${topicAlert.id}/acknowledge`, {})).json().error.code).toBe(
      "alert_already_acknowledged",
    );
    const resolved = await lead.post(`/api/inbox/crisis/alerts/${topicAlert.id}/resolve`, {
      note: "Baggage system back up; replied to all.",
    });
    expect(resolved.json().alert).toMatchObject({
      status: "resolved",
      resolvedBy: "Lea Lead",
      resolutionNote: "Baggage system back up; replied to all.",
    });
    expect((await lead.post(`/api/inbox/crisis/alerts/${topicAlert.id}/resolve`, {})).json().error.code).toBe("alert_resolved");
    expect((await lead.get("/api/inbox/crisis/alerts/nope")).json().error.code).toBe("alert_not_found");
    const worked = (await admin.get(`/api/audit?targetType=crisis_alert&targetId=${topicAlert.id}`))
      .json()
      .events.map((e: { action: string }) => e.action);
    expect(worked).toEqual(expect.arrayContaining(["inbox.crisis.alert_acknowledged", "inbox.crisis.alert_resolved"]));
  });

  it("retries a failing receiver with backoff through the jobs system, and shows a delivery that failed for good", async () => {
    const created = (await admin.post("/api/inbox/crisis/webhooks", { url: receiver.url, secret: SECRET })).json();
    receiver.answers.push(503);
    const sent = await admin.post(`/api/inbox/crisis/webhooks/${created.id}/test`, {});
    expect(sent.statusCode, sent.body).toBe(202);
    await t.services.jobs.drain();
    let [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: "retrying", attempts: 1, response_status: 503 });
    expect(delivery?.last_error).toContain("Answered 503: receiver is down");
    const job = await t.services.db
      .selectFrom("jobs")
      .select(["run_at", "status"])
      .where("name", "=", "inbox.crisis.webhook")
      .executeTakeFirstOrThrow();
    expect(job.status).toBe("queued");
    expect(Date.parse(job.run_at)).toBeGreaterThan(Date.now() + 20_000);
    await retryNow();
    [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: "delivered", attempts: 2, response_status: 204 });
    // Each attempt is signed afresh (a new timestamp); both carry the same delivery id for receivers that dedupe.
    expect(receiver.received.map((r) => r.headers["x-switchboard-delivery"])).toEqual([delivery?.id, delivery?.id]);
    expect(JSON.parse(receiver.received[1]?.body ?? "{}")).toMatchObject({ event: "crisis.test" });

    // A receiver that never answers: six attempts, then failed, visible, and the admins told.
    await receiver.close();
    await admin.post(`/api/inbox/crisis/webhooks/${created.id}/test`, {});
    for (let i = 0; i < 6; i++) await retryNow();
    const failed = (await admin.get(`/api/inbox/crisis/webhooks/${created.id}/deliveries`)).json().items[0];
    expect(failed).toMatchObject({ status: "failed", attempts: 6, responseStatus: null, lastError: expect.any(String) });
    expect((await admin.get("/api/inbox/crisis/webhooks")).json().items[0]).toMatchObject({
      failedDeliveries: 1,
      lastDelivery: { status: "failed" },
    });
    const told = await t.services.db
      .selectFrom("notifications")
      .select("title")
      .where("kind", "=", "inbox.crisis-webhook-failed")
      .execute();
    expect(told).toHaveLength(1);
    receiver = await startWebhookReceiver(); // for afterEach
  });

  it("keeps webhook settings to admins and leads, rejects bad URLs and secrets with codes, audits every change", async () => {
    const { client: agent } = await signInAs(t, admin, {
      email: "aga@example.com",
      name: "Aga Agent",
      roles: ["agent"],
      password: "an agent is not told",
    });
    expect((await agent.get("/api/inbox/crisis/webhooks")).statusCode).toBe(403);
    const code = async (body: unknown) => (await admin.post("/api/inbox/crisis/webhooks", body)).json().error.code;
    expect(await code({ url: "ftp://example.com/x", secret: SECRET })).toBe("webhook_url_invalid");
    expect(await code({ url: "not a url", secret: SECRET })).toBe("webhook_url_invalid");
    expect(await code({ url: "https://user:pw@example.com/x", secret: SECRET })).toBe("webhook_url_has_credentials");
    expect(await code({ url: "https://example.com/x" })).toBe("webhook_secret_required");
    expect(await code({ url: "https://example.com/x", secret: "short" })).toBe("validation_failed");
    // A chat tool's incoming webhook carries its token in the path: the audit log shows the origin only.
    const created = (await admin.post("/api/inbox/crisis/webhooks", { url: "https://example.com/hooks/T0KEN-x", secret: SECRET })).json();
    const changed = await admin.put(`/api/inbox/crisis/webhooks/${created.id}`, {
      url: "https://example.com/y",
      enabled: false,
      secret: `${SECRET}-new`,
    });
    expect(changed.json()).toMatchObject({ url: "https://example.com/y", enabled: false, hasSecret: true });
    expect((await admin.post(`/api/inbox/crisis/webhooks/${created.id}/test`, {})).json().error.code).toBe("webhook_disabled");
    expect((await admin.delete(`/api/inbox/crisis/webhooks/${created.id}`)).statusCode).toBe(200);
    expect((await admin.delete(`/api/inbox/crisis/webhooks/${created.id}`)).json().error.code).toBe("webhook_not_found");
    expect(await t.services.db.selectFrom("vault_secrets").select("id").where("owner_type", "=", "crisis_webhook").execute()).toEqual([]);
    const audit = (await admin.get("/api/audit?targetType=crisis_webhook")).json();
    expect(audit.events.map((e: { action: string }) => e.action).sort()).toEqual([
      "inbox.crisis_webhook.created",
      "inbox.crisis_webhook.deleted",
      "inbox.crisis_webhook.updated",
    ]);
    expect(JSON.stringify(audit)).not.toContain(SECRET);
    expect(JSON.stringify(audit)).not.toContain("T0KEN");
    expect(JSON.stringify(audit)).toContain("https://example.com/…");
  });
});
