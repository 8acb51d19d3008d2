import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { signInAs } from "../../test/helpers/publishingApp.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";
import { remindAcknowledgments } from "./reminders.js";

const LEAD = { email: "lena@example.com", name: "Lena Lead", roles: ["lead"], password: "a lead who owns the policy" };
const CORA = { email: "cora@example.com", name: "Cora Contributor", roles: ["contributor"], password: "a contributor who posts" };
const EVE = { email: "eve@example.com", name: "=Eve Employee", roles: ["employee"], password: "an employee who reads" };

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe.each(DIALECTS)("policy attestation on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let lead: TestClient;
  let cora: TestClient;
  let eve: TestClient;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
    lead = (await signInAs(t, admin, LEAD)).client;
    cora = (await signInAs(t, admin, CORA)).client;
    eve = (await signInAs(t, admin, EVE)).client;
  });
  afterEach(async () => {
    await t.dispose();
  });

  const open = async (who: TestClient) => {
    const res = await who.post("/api/attestation/views");
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as {
      viewId: string;
      version: number;
      html: string;
      sinceVersion: number | null;
      diff: { value: string; added: boolean; removed: boolean }[] | null;
    };
  };
  const acknowledge = (who: TestClient, viewId: string, openMs = 5000) => who.post("/api/attestation/acknowledgments", { viewId, openMs });
  const publish = async (body: string, substantive: boolean, campaign?: Record<string, unknown>) => {
    const current = (await lead.get("/api/attestation/versions/1")).json();
    const res = await lead.post("/api/attestation/versions", {
      title: "Social media policy",
      body: body || current.body,
      note: "Updated",
      substantive,
      ...(campaign ? { campaign } : {}),
    });
    return res;
  };
  const status = async (who: TestClient) => (await who.get("/api/attestation/me")).json();

  it("seeds version 1 from the knowledge base's template; acknowledging records the version and a bounded open time", async () => {
    const first = await status(eve);
    expect(first.current).toMatchObject({ version: 1, title: "Social media policy", substantive: true });
    expect(first.needed).toBe(true);
    const opened = await open(eve);
    expect(opened.version).toBe(1);
    expect(opened.html).toContain('id="who-speaks"');
    expect(opened.diff).toBeNull();
    // The client claims it was open for a day: the server bounds it by when it served the text.
    const ack = await acknowledge(eve, opened.viewId, 86_400_000);
    expect(ack.statusCode, ack.body).toBe(201);
    expect(ack.json().version).toBe(1);
    expect(ack.json().openMs).toBeLessThan(60_000);
    expect((await acknowledge(eve, opened.viewId)).json().error.code).toBe("policy_already_acknowledged");
    // Someone else's view is not theirs to use.
    const other = await open(cora);
    expect((await acknowledge(eve, other.viewId)).json().error.code).toBe("policy_view_not_found");
    expect((await acknowledge(eve, "not-a-view")).statusCode).toBe(404);
    expect(await status(eve)).toMatchObject({ needed: false, acknowledgedVersion: 1 });
    const events = (await admin.get("/api/audit?limit=100")).json().events as { action: string }[];
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["attestation.version_published", "attestation.acknowledged"]));
  });

  it("a substantive change starts a campaign, shows a word diff since the accepted version, and reports who is missing", async () => {
    const first = await open(eve);
    await acknowledge(eve, first.viewId);
    const base = (await lead.get("/api/attestation/versions/1")).json().body as string;
    expect((await publish(`${base}\nEmployees must complete Netiquette basics yearly.\n`, true)).json().error.code).toBe(
      "campaign_required",
    );
    expect((await eve.post("/api/attestation/versions", { title: "x", body: "y", substantive: false })).statusCode).toBe(403);
    const changed = await publish(`${base}\nEmployees must complete Netiquette basics yearly.\n`, true, {
      audience: { kind: "roles", roles: ["employee", "contributor"] },
      dueAt: inDays(14),
      allowLate: false,
      remindEveryDays: 2,
    });
    expect(changed.statusCode, changed.body).toBe(201);
    expect(changed.json().version).toBe(2);

    const mine = await status(eve);
    expect(mine).toMatchObject({ needed: true, acknowledgedVersion: 1, requiredVersion: 2 });
    expect(mine.campaign.allowLate).toBe(false);
    const notes = (await eve.get("/api/notifications")).json().notifications as { kind: string }[];
    expect(notes.map((n) => n.kind)).toContain("attestation.requested");

    const reread = await open(eve);
    expect(reread.sinceVersion).toBe(1);
    const added = (reread.diff ?? [])
      .filter((d) => d.added)
      .map((d) => d.value)
      .join("");
    expect(added).toContain("Netiquette basics yearly");
    expect((reread.diff ?? []).filter((d) => d.removed)).toHaveLength(0);

    const campaigns = (await lead.get("/api/attestation/campaigns")).json().campaigns as {
      id: string;
      total: number;
      acknowledged: number;
    }[];
    const campaign = campaigns[0];
    if (!campaign) throw new Error("no campaign");
    expect(campaign).toMatchObject({ total: 2, acknowledged: 0 });
    await acknowledge(eve, reread.viewId);
    const report = (await lead.get(`/api/attestation/campaigns/${campaign.id}/report`)).json();
    expect(report.pending.map((p: { email: string }) => p.email)).toEqual(["cora@example.com"]);
    expect(report.acknowledged.map((p: { email: string }) => p.email)).toEqual(["eve@example.com"]);

    // Everyone missing, as CSV; a name that looks like a formula is defused.
    await t.services.db.deleteFrom("policy_acknowledgments").where("version", "=", 2).execute();
    const csv = await lead.get(`/api/attestation/campaigns/${campaign.id}/pending.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.split("\n")[0]).toBe("name,email,last_acknowledged_version,due_at");
    expect(csv.body).toContain("'=Eve Employee,eve@example.com,1,");
    expect(csv.body).toContain("Cora Contributor,cora@example.com,,");
    expect((await eve.get(`/api/attestation/campaigns/${campaign.id}/pending.csv`)).statusCode).toBe(403);
  });

  it("a non-substantive change asks nobody again; an acknowledgment of an outdated view is refused", async () => {
    const view = await open(eve);
    const fixed = await publish("", false);
    expect(fixed.statusCode, fixed.body).toBe(201);
    const stale = await acknowledge(eve, view.viewId);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("policy_version_changed");
    const fresh = await open(eve);
    expect((await acknowledge(eve, fresh.viewId)).statusCode).toBe(201);
    expect((await status(cora)).requiredVersion).toBe(1);
  });

  it("publishing can require the current version: grace while the campaign runs, refused after the due date unless late is allowed", async () => {
    const applied = await admin.put("/api/training/requirements", {
      requirements: [{ subject: "permission:posts.write", courseIds: [], policy: true }],
    });
    expect(applied.statusCode, applied.body).toBe(200);
    const refused = await cora.post("/api/posts", {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("policy_acknowledgment_required");
    await acknowledge(cora, (await open(cora)).viewId);
    expect((await cora.post("/api/posts", {})).statusCode).toBe(400);

    const base = (await lead.get("/api/attestation/versions/1")).json().body as string;
    await publish(`${base}\nA new rule.\n`, true, { dueAt: inDays(7), allowLate: false });
    // Before the due date, the version accepted before still counts.
    expect((await cora.post("/api/posts", {})).statusCode).toBe(400);
    const campaign = (await lead.get("/api/attestation/campaigns")).json().campaigns[0];
    await t.services.db
      .updateTable("policy_campaigns")
      .set({ due_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect((await cora.post("/api/posts", {})).json().error.code).toBe("policy_acknowledgment_required");
    // Allowing late acknowledgment restores the grace.
    expect((await lead.patch(`/api/attestation/campaigns/${campaign.id}`, { allowLate: true })).statusCode).toBe(200);
    expect((await cora.post("/api/posts", {})).statusCode).toBe(400);
    expect((await lead.patch(`/api/attestation/campaigns/${campaign.id}`, { allowLate: false })).statusCode).toBe(200);
    const late = await acknowledge(cora, (await open(cora)).viewId);
    expect(late.json().late).toBe(true);
    expect((await cora.post("/api/posts", {})).statusCode).toBe(400);
  });

  it("reminds those who have not acknowledged, once per interval", async () => {
    const base = (await lead.get("/api/attestation/versions/1")).json().body as string;
    await publish(`${base}\nChanged.\n`, true, { dueAt: inDays(7), remindEveryDays: 1, audience: { kind: "everyone" } });
    await acknowledge(eve, (await open(eve)).viewId);
    expect(await remindAcknowledgments(t.services.db)).toBe(0); // just told at the start
    const later = Date.now() + 86_400_000 + 1000;
    expect(await remindAcknowledgments(t.services.db, later)).toBe(3); // admin, lead and cora
    expect(await remindAcknowledgments(t.services.db, later)).toBe(0);
    const notes = (await cora.get("/api/notifications")).json().notifications as { kind: string }[];
    expect(notes.map((n) => n.kind)).toContain("attestation.reminder");
    expect((await eve.get("/api/notifications")).json().notifications.map((n: { kind: string }) => n.kind)).not.toContain(
      "attestation.reminder",
    );
  });
});
