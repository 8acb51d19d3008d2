import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";

describe.each(DIALECTS)("bad input gets a 4xx with a code on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
  });
  afterAll(async () => {
    await t.dispose();
  });

  const send = (payload: string, contentType = "application/json", url = "/api/teams") =>
    admin.request({ method: "POST", url, payload, headers: { "content-type": contentType } });

  it("malformed JSON", async () => {
    const res = await send("{ not json");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("invalid_json");
  });

  it("wrong types, missing and unknown fields, with the offending paths", async () => {
    const wrongType = await send(JSON.stringify({ name: 42 }));
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.code).toBe("validation_failed");
    expect(wrongType.json().error.details.issues[0]).toMatchObject({ path: "body/name", field: "name" });
    const missing = await send(JSON.stringify({}));
    expect(missing.json().error.code).toBe("validation_failed");
    const unknown = await send(JSON.stringify({ name: "PR", colour: "red" }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe("validation_failed");
    expect(unknown.json().error.details.issues[0].message).toBe("unknown field(s): colour");
    const badEmail = await admin.post("/api/users", { email: "not-an-email", name: "X", roles: ["wizard"] });
    expect(
      badEmail
        .json()
        .error.details.issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(["body/email", "body/roles/0"]);
    const badQuery = await admin.get("/api/audit?limit=100000");
    expect(badQuery.statusCode).toBe(400);
    const badDate = await admin.get("/api/audit?from=yesterday");
    expect(badDate.json().error.code).toBe("validation_failed");
  });

  it("oversized bodies and wrong content types", async () => {
    const big = await send(JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe("body_too_large");
    const text = await send("name=PR", "text/plain");
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe("unsupported_media_type");
  });

  it("unknown routes and ids", async () => {
    const route = await admin.get("/api/nothing-here");
    expect(route.statusCode).toBe(404);
    expect(route.json().error.code).toBe("not_found");
    expect((await admin.get("/api/users/does-not-exist")).json().error.code).toBe("user_not_found");
    expect((await admin.patch("/api/teams/nope", { name: "X" })).statusCode).toBe(404);
    expect((await admin.delete("/api/tokens/nope")).json().error.code).toBe("token_not_found");
  });

  it("no session, a made-up session, and a missing CSRF token", async () => {
    const anon = t.client();
    expect((await anon.get("/api/users")).json().error.code).toBe("unauthenticated");
    anon.cookies.set("sb_session", "made-up");
    const stale = await anon.get("/api/me");
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe("session_expired");
    const noCsrf = await t.client().post("/api/auth/login", { email: "a@example.com", password: "whatever" });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe("csrf_missing");
  });

  it("an expired session is refused with session_expired", async () => {
    const c = t.client();
    await c.login("ada@example.com", "correct horse battery staple");
    await t.services.db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    const res = await c.get("/api/me");
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("session_expired");
    admin = await (async () => {
      const fresh = t.client();
      await fresh.login("ada@example.com", "correct horse battery staple");
      return fresh;
    })();
  });

  it("hostile strings are stored as text, never executed", async () => {
    const name = "Robert'); DROP TABLE teams;-- <script>alert(1)</script>";
    const res = await admin.post("/api/teams", { name });
    expect(res.statusCode).toBe(201);
    expect((await admin.get("/api/teams")).json().teams.map((x: { name: string }) => x.name)).toContain(name);
  });
});
