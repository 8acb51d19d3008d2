import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { ADMIN, createTestApp, type TestApp } from "../../test/helpers/testApp.js";
import { THROTTLE } from "./loginThrottle.js";
import { issueSetupToken } from "./setup.js";

describe.each(DIALECTS)("authentication on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.dispose();
  });

  it("reports setup as needed, then creates the first admin once with the one-time token", async () => {
    const anon = t.client();
    expect((await anon.get("/api/setup")).json()).toEqual({ needed: true });
    const setup = await issueSetupToken(t.services.db);
    if (!setup) throw new Error("expected a token");
    await anon.csrf();
    const bad = await anon.post("/api/setup", { token: "wrong", ...ADMIN });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("invalid_setup_token");

    const ok = await anon.post("/api/setup", { token: setup.token, ...ADMIN });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().user.roles).toEqual(["admin"]);
    expect(ok.json().permissions).toContain("audit.read");
    expect(JSON.stringify(ok.json())).not.toContain("password_hash");

    const me = await anon.get("/api/me");
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(ADMIN.email);
    expect(me.json().permissions).toContain("users.manage");

    const again = await t.client().post("/api/setup", { token: setup.token, ...ADMIN, email: "eve@example.com" });
    expect(again.statusCode).toBe(403); // no CSRF cookie: refused before anything else
    const other = t.client();
    await other.csrf();
    const reused = await other.post("/api/setup", { token: setup.token, ...ADMIN, email: "eve@example.com" });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe("setup_already_done");
    expect(await issueSetupToken(t.services.db)).toBeNull();
  });

  it("signs in, answers /api/me, signs out, and refuses the old session", async () => {
    await t.setupAdmin();
    const c = t.client();
    expect((await c.get("/api/me")).json().error.code).toBe("unauthenticated");
    const res = await c.login(ADMIN.email, ADMIN.password);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((k) => k.name === "sb_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.secure).toBeFalsy();
    expect((await c.get("/api/me")).statusCode).toBe(200);
    const oldSession = c.cookies.get("sb_session");
    expect((await c.post("/api/auth/logout")).statusCode).toBe(204);
    c.cookies.set("sb_session", oldSession ?? "");
    const after = await c.get("/api/me");
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe("session_expired");
  });

  it("gives the same answer for a wrong password and an unknown user", async () => {
    await t.setupAdmin();
    const wrong = await t.client().login(ADMIN.email, "not the password at all");
    const unknown = await t.client().login("nobody@example.com", "not the password at all");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe("invalid_credentials");
  });

  it("locks an email after repeated failures, for existing and unknown users alike", async () => {
    await t.setupAdmin();
    for (const email of [ADMIN.email, "ghost@example.com"]) {
      const c = t.client();
      for (let i = 0; i < THROTTLE.maxFailuresPerEmail; i++) {
        expect((await c.login(email, "wrong password!!")).statusCode).toBe(401);
      }
      const locked = await c.login(email, email === ADMIN.email ? ADMIN.password : "anything at all");
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe("login_locked");
      expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    }
  });

  it("sets Secure cookies and HSTS when BASE_URL is https", async () => {
    const secure = await createTestApp(dialect, { BASE_URL: "https://switchboard.example.com" });
    try {
      const admin = await secure.setupAdmin();
      const res = await admin.get("/api/me");
      expect(res.headers["strict-transport-security"]).toContain("max-age=");
      const c = secure.client();
      const login = await c.login(ADMIN.email, ADMIN.password);
      expect(login.cookies.find((k) => k.name === "sb_session")?.secure).toBe(true);
    } finally {
      await secure.dispose();
    }
  });

  it("requires the session's CSRF token on state-changing requests", async () => {
    const admin = await t.setupAdmin();
    const missing = await admin.request({ method: "POST", url: "/api/teams", payload: { name: "PR" }, csrf: false });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe("csrf_missing");
    const forged = await admin.request({
      method: "POST",
      url: "/api/teams",
      payload: { name: "PR" },
      csrf: false,
      headers: { "x-csrf-token": "forged" },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe("csrf_invalid");
    // A token from another (anonymous) double-submit pair is not this session's token.
    const other = t.client();
    const otherToken = await other.csrf();
    admin.cookies.set("sb_csrf", otherToken);
    const swapped = await admin.post("/api/teams", { name: "PR" });
    expect(swapped.json().error.code).toBe("csrf_invalid");
    // Asking for a fresh token rotates the session's token and works again.
    await admin.csrf();
    expect((await admin.post("/api/teams", { name: "PR" })).statusCode).toBe(201);
  });
});
