import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/databases.js";
import { ADMIN, TestClient } from "../../test/helpers/testApp.js";
import { buildApp, type SwitchboardApp } from "../app.js";
import { loadConfig } from "../config.js";
import { issueSetupToken } from "../identity/setup.js";
import { createLogger } from "../logger.js";

describe("HTTP surface", () => {
  let database: TestDatabase;
  let built: SwitchboardApp;
  let logs = "";
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const sink = new Writable({
      write(chunk, _enc, done) {
        logs += chunk.toString();
        done();
      },
    });
    const config = loadConfig({ DATA_DIR: database.dataDir, LOG_LEVEL: "info" });
    built = await buildApp(config, { database, logger: createLogger("info", sink) });
  });
  afterAll(async () => {
    await built.close();
    await database.dispose();
  });

  it("answers health when the database answers", async () => {
    const res = await built.app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
  });

  it("sends security headers: CSP without inline scripts, no framing, nosniff, referrer policy", async () => {
    const res = await built.app.inject({ method: "GET", url: "/api/health" });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(res.headers["strict-transport-security"]).toBeUndefined();
  });

  it("echoes a well-formed request id and makes one up otherwise", async () => {
    const given = await built.app.inject({ method: "GET", url: "/api/health", headers: { "x-request-id": "abc-123" } });
    expect(given.headers["x-request-id"]).toBe("abc-123");
    const bad = await built.app.inject({ method: "GET", url: "/api/health", headers: { "x-request-id": "<script>" } });
    expect(bad.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("publishes an OpenAPI 3.1 document covering every route, and a docs page", async () => {
    const res = await built.app.inject({ method: "GET", url: "/api/openapi.json" });
    const doc = res.json();
    expect(doc.openapi).toBe("3.1.0");
    for (const path of [
      "/api/auth/login",
      "/api/me",
      "/api/users",
      "/api/users/{id}",
      "/api/teams",
      "/api/tokens",
      "/api/audit",
      "/api/health",
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths["/api/auth/login"].post.requestBody).toBeDefined();
    expect(doc.components.schemas.Error).toBeDefined();
    const docs = await built.app.inject({ method: "GET", url: "/api/docs/" });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain("swagger");
  });

  it("never writes passwords, cookies, CSRF or setup tokens to the log", async () => {
    const setup = await issueSetupToken(database.db);
    if (!setup) throw new Error("expected setup");
    const client = new TestClient(built);
    await client.csrf();
    await client.post("/api/setup", { token: setup.token, ...ADMIN });
    await client.login(ADMIN.email, ADMIN.password);
    await client.login(ADMIN.email, "a wrong password here");
    const created = await client.post("/api/tokens", { name: "t", scopes: ["users.read"] });
    const token = created.json().token as string;
    const bearer = new TestClient(built);
    bearer.bearer = token;
    await bearer.get("/api/me");
    expect(logs).toContain("/api/auth/login");
    for (const secret of [
      ADMIN.password,
      "a wrong password here",
      setup.token,
      token,
      client.cookies.get("sb_session"),
      client.cookies.get("sb_csrf"),
    ]) {
      expect(secret && logs.includes(secret), `leaked ${secret?.slice(0, 4)}…`).toBeFalsy();
    }
  });
});
