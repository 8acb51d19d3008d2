import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { ADMIN, createTestApp, type TestApp } from "../../test/helpers/testApp.js";

const GRACE = {
  email: "grace@example.com",
  name: "Grace Hopper",
  roles: ["contributor", "approver"],
  password: "compilers are the future",
};

describe.each(DIALECTS)("users and teams on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.dispose();
  });

  it("an admin creates, edits, disables and re-enables a user; each change is audited", async () => {
    const admin = await t.setupAdmin();
    const created = await admin.post("/api/users", GRACE);
    expect(created.statusCode).toBe(201);
    const grace = created.json();
    expect(grace).toMatchObject({ email: GRACE.email, roles: ["approver", "contributor"], disabled: false, hasPassword: true });

    const dup = await admin.post("/api/users", { ...GRACE, email: "GRACE@example.com" });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe("email_taken");

    const graceClient = t.client();
    expect((await graceClient.login(GRACE.email, GRACE.password)).statusCode).toBe(200);
    expect((await graceClient.get("/api/users")).statusCode).toBe(200);
    const forbidden = await graceClient.post("/api/users", { ...GRACE, email: "x@example.com" });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe("forbidden");
    // A user may rename themselves but not change their own roles.
    expect((await graceClient.patch(`/api/users/${grace.id}`, { name: "Amazing Grace" })).statusCode).toBe(200);
    expect((await graceClient.patch(`/api/users/${grace.id}`, { roles: ["admin"] })).statusCode).toBe(403);

    const edited = await admin.patch(`/api/users/${grace.id}`, { roles: ["lead"] });
    expect(edited.json().roles).toEqual(["lead"]);
    const filtered = await admin.get("/api/users?role=lead");
    expect(filtered.json().users.map((u: { email: string }) => u.email)).toEqual([GRACE.email]);

    const disabled = await admin.patch(`/api/users/${grace.id}`, { disabled: true });
    expect(disabled.json().disabled).toBe(true);
    // Disabling ended Grace's session at once.
    expect((await graceClient.get("/api/me")).statusCode).toBe(401);
    const blocked = await t.client().login(GRACE.email, GRACE.password);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe("account_disabled");
    expect((await admin.get("/api/users?status=disabled")).json().users).toHaveLength(1);
    await admin.patch(`/api/users/${grace.id}`, { disabled: false });
    expect((await t.client().login(GRACE.email, GRACE.password)).statusCode).toBe(200);

    const audit = await admin.get(`/api/audit?targetId=${grace.id}`);
    const actions = audit
      .json()
      .events.map((e: { action: string }) => e.action)
      .reverse();
    expect(actions).toEqual(["user.created", "auth.login", "user.updated", "user.updated", "user.disabled", "user.enabled", "auth.login"]);
    const event = audit.json().events.find((e: { action: string }) => e.action === "user.disabled");
    expect(event).toMatchObject({ actorLabel: ADMIN.email, targetType: "user", ip: "127.0.0.1" });
    expect(event.requestId).toBeTruthy();
  });

  it("refuses to remove or disable the last admin", async () => {
    const admin = await t.setupAdmin();
    const me = (await admin.get("/api/me")).json().user;
    const demote = await admin.patch(`/api/users/${me.id}`, { roles: ["viewer"] });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe("last_admin");
    expect((await admin.patch(`/api/users/${me.id}`, { disabled: true })).json().error.code).toBe("last_admin");
  });

  it("applies a change of roles and status together, or not at all", async () => {
    const admin = await t.setupAdmin();
    const grace = (await admin.post("/api/users", { ...GRACE, roles: ["admin"] })).json();
    const both = await admin.patch(`/api/users/${grace.id}`, { name: "Grace H.", roles: ["viewer"], disabled: true });
    expect(both.json()).toMatchObject({ name: "Grace H.", roles: ["viewer"], disabled: true });
    // The only active admin cannot be renamed-and-disabled: the rename is rolled back too.
    const me = (await admin.get("/api/me")).json().user;
    const refused = await admin.patch(`/api/users/${me.id}`, { name: "Renamed", disabled: true });
    expect(refused.json().error.code).toBe("last_admin");
    expect((await admin.get(`/api/users/${me.id}`)).json().name).toBe(ADMIN.name);
  });

  it("filters the audit log by a date range, a bare `to` date including that whole day", async () => {
    const admin = await t.setupAdmin();
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await admin.get(`/api/audit?from=${today}&to=${today}`)).json().events.length).toBeGreaterThan(0);
    expect((await admin.get(`/api/audit?to=${yesterday}`)).json().events).toHaveLength(0);
  });

  it("an admin resets a password: old password and sessions stop working", async () => {
    const admin = await t.setupAdmin();
    const grace = (await admin.post("/api/users", GRACE)).json();
    const session = t.client();
    await session.login(GRACE.email, GRACE.password);
    const weak = await admin.post(`/api/users/${grace.id}/password`, { password: "short" });
    expect(weak.json().error.code).toBe("password_too_short");
    expect((await admin.post(`/api/users/${grace.id}/password`, { password: "a brand new password" })).statusCode).toBe(204);
    expect((await session.get("/api/me")).statusCode).toBe(401);
    expect((await t.client().login(GRACE.email, GRACE.password)).statusCode).toBe(401);
    expect((await t.client().login(GRACE.email, "a brand new password")).statusCode).toBe(200);
  });

  it("a user changes their own password with the current one, keeping this session", async () => {
    const admin = await t.setupAdmin();
    const wrong = await admin.post("/api/me/password", { currentPassword: "nope", newPassword: "another fine password" });
    expect(wrong.json().error.code).toBe("wrong_current_password");
    expect(
      (await admin.post("/api/me/password", { currentPassword: ADMIN.password, newPassword: "another fine password" })).statusCode,
    ).toBe(204);
    expect((await admin.get("/api/me")).statusCode).toBe(200);
    expect((await t.client().login(ADMIN.email, "another fine password")).statusCode).toBe(200);
  });

  it("teams: create with members, rename, replace members, delete", async () => {
    const admin = await t.setupAdmin();
    const grace = (await admin.post("/api/users", GRACE)).json();
    const me = (await admin.get("/api/me")).json().user;
    const created = await admin.post("/api/teams", {
      name: "Customer care",
      description: "Works the inbox",
      members: [{ userId: grace.id, role: "lead" }],
    });
    expect(created.statusCode).toBe(201);
    const team = created.json();
    expect(team.members).toEqual([{ userId: grace.id, name: GRACE.name, email: GRACE.email, role: "lead" }]);
    expect((await admin.post("/api/teams", { name: "customer CARE" })).json().error.code).toBe("team_name_taken");
    const unknown = await admin.post("/api/teams", { name: "Ghosts", members: [{ userId: "nope" }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe("unknown_user");

    const updated = await admin.patch(`/api/teams/${team.id}`, { name: "Social care", members: [{ userId: me.id }, { userId: grace.id }] });
    expect(updated.json().name).toBe("Social care");
    expect(updated.json().members.map((m: { role: string }) => m.role)).toEqual(["member", "member"]);
    expect((await admin.get(`/api/users/${grace.id}`)).json().teams).toEqual([{ id: team.id, name: "Social care", role: "member" }]);
    expect((await admin.get(`/api/users?teamId=${team.id}`)).json().users).toHaveLength(2);

    expect((await admin.delete(`/api/teams/${team.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/teams/${team.id}`)).json().error.code).toBe("team_not_found");
    const actions = (await admin.get(`/api/audit?targetId=${team.id}`)).json().events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(["team.deleted", "team.updated", "team.created"]);
    const change = (await admin.get(`/api/audit?action=team.updated`)).json().events[0].changes;
    expect(change.name).toEqual(["Customer care", "Social care"]);
  });
});
