import type { LightMyRequestResponse } from "fastify";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { catalogOf } from "../../../server/connections/catalog.js";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { dumpDatabase } from "../../../test/helpers/dumpDatabase.js";
import { createTestApp, type TestApp, type TestClient } from "../../../test/helpers/testApp.js";
import { type BlueskyPds, startBlueskyPds } from "../../../test/servers/bluesky/pds.js";
import { blueskyConnector } from "../index.js";
import { signedInAs } from "./support.js";

/** Longer than a PDS access token lives (2 hours). */
const THREE_HOURS = 3 * 3600_000;

let pds: BlueskyPds;
beforeAll(async () => {
  pds = await startBlueskyPds();
});
afterAll(async () => {
  await pds?.stop();
});

describe.each(DIALECTS)("connecting a Bluesky account with an app password (real PDS) on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  beforeEach(async () => {
    t = await createTestApp(dialect, {}, { connectors: catalogOf([blueskyConnector]) });
    admin = await t.setupAdmin();
  });
  afterEach(async () => {
    await t.dispose();
  });

  it("checks the app password on the PDS, stores it only encrypted, never shows it, and notices when it is revoked", async () => {
    // Each run gets its own app password, so revoking it leaves the other dialect's alone.
    const agent = await signedInAs(pds, pds.alice);
    const appPassword = (await agent.com.atproto.server.createAppPassword({ name: `switchboard-${dialect}` })).data.password;
    const responses: LightMyRequestResponse[] = [];
    const call = async (res: Promise<LightMyRequestResponse>) => {
      const answered = await res;
      responses.push(answered);
      return answered;
    };

    const me = (await admin.get("/api/me")).json().user;
    const account = (await call(admin.post("/api/accounts", { network: "bluesky", handle: "alice.test", ownerId: me.id }))).json();
    const connect = (secret: string) =>
      call(admin.post(`/api/accounts/${account.id}/connect`, { identifier: "alice.test", secret, baseUrl: pds.url }));

    const wrong = await connect("nope-nope-nope-nope");
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: "network_auth_expired", message: "Bluesky: Invalid identifier or password" });

    const connected = await connect(appPassword);
    expect(connected.statusCode).toBe(200);
    expect(connected.json().account).toMatchObject({
      connectionStatus: "connected",
      connection: { externalId: pds.alice.did, credentials: expect.arrayContaining([expect.objectContaining({ kind: "access_token" })]) },
    });

    const checked = await call(admin.post(`/api/accounts/${account.id}/check`));
    expect(checked.json().connectionStatus).toBe("connected");

    // Revoked on Bluesky: once the kept session's token has expired, the check finds out.
    await agent.com.atproto.server.revokeAppPassword({ name: `switchboard-${dialect}` });
    await pds.advanceClock(THREE_HOURS);
    const revoked = await call(admin.post(`/api/accounts/${account.id}/check`));
    expect(revoked.json()).toMatchObject({ connectionStatus: "needs_reconnect", health: { level: "problem" } });
    const detail = await call(admin.get(`/api/accounts/${account.id}`));
    const audit = await call(admin.get(`/api/audit?targetId=${account.id}`));
    expect(
      audit
        .json()
        .events.map((e: { action: string }) => e.action)
        .slice(0, 2),
    ).toEqual(["account.needs_reconnect", "account.connected"]);

    for (const res of [...responses, detail]) expect(res.body).not.toContain(appPassword);
    expect(await dumpDatabase(t.services.db)).not.toContain(appPassword);
  });
});
