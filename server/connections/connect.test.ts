import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mastodonConnector } from "../../connectors/mastodon/index.js";
import { type MastodonStandIn, startMastodonStandIn } from "../../connectors/mastodon/test/standIn.js";
import { DIALECTS } from "../../test/helpers/databases.js";
import { dumpDatabase } from "../../test/helpers/dumpDatabase.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";
import { catalogOf } from "./catalog.js";

describe.each(DIALECTS)("connecting a Mastodon account (stand-in server) on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let mastodon: MastodonStandIn;
  beforeEach(async () => {
    mastodon = await startMastodonStandIn();
    // The stand-in only accepts the redirect URI it was written for, as a real server only accepts the registered one.
    t = await createTestApp(dialect, { BASE_URL: "http://127.0.0.1" }, { connectors: catalogOf([mastodonConnector]) });
    admin = await t.setupAdmin();
  });
  afterEach(async () => {
    await t.dispose();
    await mastodon.close();
  });

  /** Plays the person's part on the network: follow the sign-in page, come back with the code. */
  async function signInOnNetwork(authorizationUrl: string) {
    const allowed = await fetch(authorizationUrl, { redirect: "manual" });
    expect(allowed.status).toBe(302);
    const back = new URL(allowed.headers.get("location") ?? "");
    return admin.get(`${back.pathname}${back.search}`);
  }

  it("registers Switchboard on the server, signs in with OAuth+PKCE, stores the token only encrypted, and checks health", async () => {
    const me = (await admin.get("/api/me")).json().user;
    const account = (await admin.post("/api/accounts", { network: "mastodon", handle: "switchboard", ownerId: me.id })).json();
    const missing = await admin.post(`/api/accounts/${account.id}/connect`, {});
    expect(missing.json().error.code).toBe("base_url_required");

    const start = await admin.post(`/api/accounts/${account.id}/connect`, { baseUrl: mastodon.url });
    expect(start.statusCode).toBe(200);
    const authorizationUrl = new URL(start.json().authorizationUrl);
    expect(authorizationUrl.origin).toBe(mastodon.url);
    expect(authorizationUrl.searchParams.get("code_challenge_method")).toBe("S256");

    const callback = await signInOnNetwork(authorizationUrl.href);
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe(`/accounts/${account.id}?connected=1`);
    const detail = (await admin.get(`/api/accounts/${account.id}`)).json();
    expect(detail).toMatchObject({
      connectionStatus: "connected",
      connection: { externalId: "109", credentials: [{ kind: "access_token" }] },
      health: { level: "warning" },
    });

    // The token is in the vault, and nowhere in plain text.
    const issuedToken = mastodon.requests.find((r) => r.path === "/api/v1/accounts/verify_credentials")?.bearer();
    expect(issuedToken).toBeTruthy();
    expect(await dumpDatabase(t.services.db)).not.toContain(issuedToken);
    expect(JSON.stringify(detail)).not.toContain(issuedToken);

    // Replaying the callback fails: a state is good once.
    const replay = await admin.get(`/api/accounts/oauth/callback?code=x&state=${authorizationUrl.searchParams.get("state")}`);
    expect(replay.headers.location).toContain("connectError=");

    expect((await admin.post(`/api/accounts/${account.id}/check`)).json().connectionStatus).toBe("connected");

    // Revoked on the network's side: the account needs reconnecting and its owner is told.
    mastodon.tokens.revokeAll();
    const checked = (await admin.post(`/api/accounts/${account.id}/check`)).json();
    expect(checked).toMatchObject({ connectionStatus: "needs_reconnect", health: { level: "problem" } });
    const notes = (await admin.get("/api/notifications")).json();
    expect(notes.unread).toBe(1);
    expect(notes.notifications[0]).toMatchObject({ kind: "account.needs_reconnect", link: `/accounts/${account.id}` });
    const actions = (await admin.get(`/api/audit?targetId=${account.id}`)).json().events.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 2)).toEqual(["account.needs_reconnect", "account.connected"]);

    const gone = (await admin.post(`/api/accounts/${account.id}/disconnect`)).json();
    expect(gone).toMatchObject({ connectionStatus: "not_connected", connection: { credentials: [] } });
  });

  it("sends the person back to the account's page when they refuse on the network, and the sign-in cannot be reused", async () => {
    const me = (await admin.get("/api/me")).json().user;
    const account = (await admin.post("/api/accounts", { network: "mastodon", handle: "switchboard", ownerId: me.id })).json();
    const start = (await admin.post(`/api/accounts/${account.id}/connect`, { baseUrl: mastodon.url })).json();
    const state = new URL(start.authorizationUrl).searchParams.get("state") ?? "";
    const refused = await admin.get(
      `/api/accounts/oauth/callback?error=access_denied&error_description=${encodeURIComponent("The user denied access")}&state=${state}`,
    );
    expect(refused.statusCode).toBe(302);
    expect(refused.headers.location).toBe(`/accounts/${account.id}?connectError=The+user+denied+access`);
    const reused = await admin.get(`/api/accounts/oauth/callback?code=x&state=${state}`);
    expect(reused.headers.location).toBe(
      `/accounts?connectError=${encodeURIComponent("This sign-in link is invalid or expired. Start connecting again.").replaceAll("%20", "+")}`,
    );
  });

  it("explains what is missing: no connector, no app, a network that is down", async () => {
    const myspace = (await admin.post("/api/accounts", { network: "myspace", handle: "acme" })).json();
    expect((await admin.post(`/api/accounts/${myspace.id}/connect`, {})).json().error.code).toBe("no_connector");
    const account = (await admin.post("/api/accounts", { network: "mastodon", handle: "switchboard" })).json();
    mastodon.fault({ kind: "server_error" }, /\/api\/v1\/apps/);
    const down = await admin.post(`/api/accounts/${account.id}/connect`, { baseUrl: mastodon.url });
    expect(down.statusCode).toBe(502);
    expect(down.json().error.code).toBe("network_unavailable");
  });
});
