import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../../test/helpers/databases.js";
import { signInAs } from "../../../../test/helpers/publishingApp.js";
import { createTestApp, type TestApp, type TestClient } from "../../../../test/helpers/testApp.js";
import { createAccount } from "../../../accounts/saveAccount.js";
import { systemActor } from "../../../audit/context.js";
import { ingestBatch } from "../../ingest/ingest.js";
import type { InboundEvent } from "../../ingest/types.js";
import { compileRules } from "../../routing/rules.js";

const HOUR = 3_600_000;
const ANGRY = [
  "@acme my flight was cancelled again and nobody answers the phone, worst airline ever",
  "@acme three hours on hold and my bag is still lost. terrible service",
  "@acme cancelled flight, no hotel, no food voucher. disgusting",
];
const CALM = ["@acme thanks for the lovely flight, great crew!", "@acme what time does check-in open tomorrow?"];
const INVITE = "Tell us your dream luxury in-flight experience! #AcmeLuxury";

describe.each(DIALECTS)("crisis mode and the brand's mood from the inbox on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let accountId: string;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
    accountId = await createAccount(t.services.db, systemActor(), { network: "bluesky", handle: "acme.example" });
  });
  afterEach(async () => {
    await t.dispose();
  });

  const ingest = (texts: string[], hoursAgo: number, prefix: string) =>
    ingestBatch(
      t.services.db,
      texts.map(
        (text, i): InboundEvent => ({
          accountId,
          network: "bluesky",
          kind: "mention",
          remoteId: `${prefix}-${i}`,
          text,
          createdAt: new Date(Date.now() - hoursAgo * HOUR + i * 1000),
          author: { externalId: `did:plc:${prefix}${i % 9}`, handle: null, displayName: null },
        }),
      ),
      { rules: compileRules([]) },
    );
  const riskFindings = async (who: TestClient) =>
    ((await who.post("/api/policy/check", { text: INVITE })).json().findings as { source: string; level: string; reason: string }[]).filter(
      (f) => f.source === "campaign-risk",
    );

  it("blocks an invitation to the public while the inbox's mentions turned negative, with the figures", async () => {
    // A calm week before, then a day of complaints.
    await ingest(
      Array.from({ length: 40 }, (_, i) => CALM[i % 2] as string),
      72,
      "calm",
    );
    await ingest(
      Array.from({ length: 30 }, (_, i) => ANGRY[i % 3] as string),
      3,
      "angry",
    );
    const [risk] = await riskFindings(admin);
    expect(risk).toMatchObject({ level: "error" });
    expect(risk?.reason).toMatch(/100% of 30 mentions in the last 24 hours are negative, against 0% usually/);
  });

  it("stays quiet on a calm day, then turns crisis mode on: publishing paused, complaints urgent, audited; and off again", async () => {
    await ingest(
      Array.from({ length: 10 }, (_, i) => ANGRY[i % 3] as string),
      2,
      "few",
    );
    expect(await riskFindings(admin)).toEqual([]);

    expect((await admin.post("/api/inbox/crisis", { reason: "  " })).json().error.code).toBe("reason_required");
    const { client: viewer } = await signInAs(t, admin, {
      email: "vic@example.com",
      name: "Vic Viewer",
      roles: ["viewer"],
      password: "a viewer who only looks",
    });
    expect((await viewer.post("/api/inbox/crisis", { reason: "Storm" })).statusCode).toBe(403);

    const started = await admin.post("/api/inbox/crisis", { reason: "Storm grounded the fleet" });
    expect(started.statusCode).toBe(201);
    const crisis = started.json().active;
    expect(crisis).toMatchObject({ reason: "Storm grounded the fleet", startedBy: "Ada Admin" });
    expect((await admin.post("/api/inbox/crisis", { reason: "Again" })).json().error.code).toBe("crisis_already_active");
    // The database lets one crisis mode be active at a time, whatever the checks before it saw.
    await expect(
      t.services.db
        .insertInto("inbox_crisis_modes")
        .values({
          id: "second",
          reason: "race",
          alert_id: null,
          pause_id: null,
          started_by: null,
          started_at: new Date().toISOString(),
          ended_by: null,
          ended_at: null,
          active: 1,
        })
        .execute(),
    ).rejects.toThrow();
    // Publishing is paused, the complaints are urgent, the campaign-risk check says why.
    const pauses = (await admin.get("/api/publish-pauses")).json();
    expect(pauses.inForce).toMatchObject([{ scope: "all", reason: "Crisis: Storm grounded the fleet" }]);
    const conversations = await t.services.db.selectFrom("inbox_conversations").select(["priority", "sentiment"]).execute();
    expect(conversations.filter((c) => c.sentiment === "negative").every((c) => c.priority === "urgent")).toBe(true);
    expect((await riskFindings(admin))[0]?.reason).toContain("a crisis is active (Storm grounded the fleet)");
    const audit = (await admin.get("/api/audit?targetType=crisis_mode")).json().events.map((e: { action: string }) => e.action);
    expect(audit).toContain("inbox.crisis.started");

    const ended = await admin.post(`/api/inbox/crisis/${crisis.id}/end`, {});
    expect(ended.json().active).toBeNull();
    const after = (await admin.get("/api/publish-pauses")).json();
    expect(after.inForce).toEqual([]);
    expect(await riskFindings(admin)).toEqual([]);
    expect((await admin.post(`/api/inbox/crisis/${crisis.id}/end`, {})).json().error.code).toBe("crisis_already_ended");
  });
});
