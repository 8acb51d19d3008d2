import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../../connectors/http/types.js";
import { connect, testHttp } from "../../connectors/test/harness.js";
import type { Credentials } from "../../connectors/types.js";
import { createXConnector } from "../../connectors/x/index.js";
import { startXStandIn, X_CLIENT, X_REDIRECT, type XStandIn } from "../../connectors/x/test/standIn.js";
import { DIALECTS } from "../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";
import { createAccount } from "../accounts/saveAccount.js";
import { systemActor } from "../audit/context.js";
import { catalogOf } from "./catalog.js";
import { markConnected } from "./connectionState.js";
import { loadCredentials, saveCredentials } from "./credentials.js";
import { saveNetworkApp } from "./networkApps.js";
import { refreshExpiringTokens } from "./refreshExpiring.js";
import { withClient } from "./withClient.js";

describe.each(DIALECTS)("renewing tokens before they expire (X stand-in) on %s", (dialect) => {
  let x: XStandIn;
  let http: HttpClient;
  let t: TestApp;
  let admin: TestClient;
  let connector: ReturnType<typeof createXConnector>;

  beforeEach(async () => {
    x = await startXStandIn();
    http = testHttp();
    connector = createXConnector({ api: x.url, authorize: x.authorizeUrl });
    t = await createTestApp(dialect, {}, { connectors: catalogOf([connector]) });
    admin = await t.setupAdmin();
    await saveNetworkApp(t.services.db, t.services.keyring, null, { network: "x", ...X_CLIENT });
  });
  afterEach(async () => {
    await t.dispose();
    await http.close();
    await x.close();
  });

  /** An X account connected through the stand-in, its token expiring in `inMs`. */
  async function connectedAccount(inMs: number) {
    if (!connector.oauth) throw new Error("X has OAuth");
    const [granted] = await connect(connector.oauth, http, X_CLIENT, X_REDIRECT);
    if (!granted) throw new Error("nothing granted");
    const me = (await admin.get("/api/me")).json().user;
    const { db, keyring } = t.services;
    const id = await createAccount(db, systemActor(), { network: "x", handle: granted.profile.handle, ownerId: me.id });
    const credentials: Credentials = { ...granted.credentials, expiresAt: new Date(Date.now() + inMs) };
    await saveCredentials(db, keyring, id, credentials);
    await markConnected(db, systemActor(), id, granted.profile);
    return { id, credentials };
  }

  it("renews a token about to expire, stores the rotated refresh token, audits it, and leaves fresh tokens alone", async () => {
    const soon = await connectedAccount(5 * 60_000);
    const outcome = await refreshExpiringTokens(t.services);
    expect(outcome).toEqual({ refreshed: [soon.id], failed: [] });

    const renewed = await loadCredentials(t.services.db, t.services.keyring, soon.id);
    expect(renewed?.accessToken).not.toBe(soon.credentials.accessToken);
    expect(renewed?.refreshToken).not.toBe(soon.credentials.refreshToken);
    expect(renewed?.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 3_600_000);
    // The renewed token works on the network.
    const profile = await withClient(t.services, soon.id, (client) => client.verifyCredentials());
    expect(profile.handle).toBe("switchboard_hq");

    const events = (await admin.get(`/api/audit?targetId=${soon.id}`)).json().events;
    expect(events.map((e: { action: string }) => e.action)).toContain("account.token_refreshed");
    // Nothing is due now: a second run renews nothing.
    expect(await refreshExpiringTokens(t.services)).toEqual({ refreshed: [], failed: [] });
  });

  it("marks the account needs_reconnect and tells its owner when the network refuses the refresh", async () => {
    const soon = await connectedAccount(60_000);
    x.tokens.revokeAll();
    expect(await refreshExpiringTokens(t.services)).toEqual({ refreshed: [], failed: [soon.id] });
    const detail = (await admin.get(`/api/accounts/${soon.id}`)).json();
    expect(detail.connectionStatus).toBe("needs_reconnect");
    const notifications = (await admin.get("/api/notifications")).json();
    expect(JSON.stringify(notifications)).toContain("Reconnect");
    expect(JSON.stringify(notifications)).not.toContain(soon.credentials.refreshToken ?? "none");
  });
});
