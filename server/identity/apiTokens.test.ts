import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { createTestApp, type TestApp } from "../../test/helpers/testApp.js";

describe.each(DIALECTS)("API tokens on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.dispose();
  });

  it("a token is shown once, stored hashed, limited to its scopes, and stops working when revoked", async () => {
    const admin = await t.setupAdmin();
    const created = await admin.post("/api/tokens", { name: "Reporting script", scopes: ["users.read", "audit.read"], expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json();
    expect(token).toMatch(/^sbt_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(apiToken.prefix).toBe(token.slice(0, 12));

    const listed = await admin.get("/api/tokens");
    expect(JSON.stringify(listed.json())).not.toContain(token.slice(-43));
    const rows = await t.services.db.selectFrom("api_tokens").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token.slice(-43));

    const script = t.client();
    script.bearer = token;
    const me = await script.get("/api/me");
    expect(me.json().authMethod).toBe("token");
    expect(me.json().permissions.sort()).toEqual(["audit.read", "users.read"]);
    expect((await script.get("/api/users")).statusCode).toBe(200);
    // Outside its scopes, even though the owner is an admin. No CSRF token needed with a bearer token.
    const denied = await script.post("/api/teams", { name: "Bots" });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe("forbidden");

    const audit = await script.get("/api/audit?action=token.created");
    expect(audit.json().events[0].summary).toContain("Reporting script");

    expect((await admin.delete(`/api/tokens/${apiToken.id}`)).statusCode).toBe(204);
    const revoked = await script.get("/api/me");
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe("token_expired");
  });

  it("rejects malformed and forged tokens and scopes the owner does not hold", async () => {
    const admin = await t.setupAdmin();
    const c = t.client();
    c.bearer = "not-a-token";
    expect((await c.get("/api/me")).json().error.code).toBe("invalid_token");
    c.bearer = `sbt_${"0".repeat(32)}_${"A".repeat(43)}`;
    expect((await c.get("/api/me")).json().error.code).toBe("invalid_token");
    const raw = await t.app.inject({ method: "GET", url: "/api/me", headers: { authorization: "Basic abc" } });
    expect(raw.json().error.code).toBe("invalid_authorization_header");

    await admin.post("/api/users", { email: "vic@example.com", name: "Vic", roles: ["viewer"], password: "viewer password 1" });
    const vic = t.client();
    await vic.login("vic@example.com", "viewer password 1");
    const overreach = await vic.post("/api/tokens", { name: "x", scopes: ["users.manage"] });
    expect(overreach.statusCode).toBe(403);
    expect(overreach.json().error.code).toBe("scope_not_held");
  });
});
