import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";

describe.each(DIALECTS)("account inventory on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let grace: { id: string };
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
    grace = (
      await admin.post("/api/users", {
        email: "grace@example.com",
        name: "Grace",
        roles: ["employee"],
        password: "compilers are the future",
      })
    ).json();
  });
  afterEach(async () => {
    await t.dispose();
  });

  const asGrace = async () => {
    const c = t.client();
    await c.login("grace@example.com", "compilers are the future");
    return c;
  };

  it("lists every network with how its accounts are connected, as the connectors declare it", async () => {
    const networks: { id: string; status: string; connect: unknown }[] = (await admin.get("/api/networks")).json().networks;
    const connectOf = (id: string) => networks.find((n) => n.id === id)?.connect;
    expect(connectOf("x")).toEqual({ kind: "oauth2", selfHosted: false, appRegistration: "operator" });
    expect(connectOf("mastodon")).toEqual({ kind: "oauth2", selfHosted: true, appRegistration: "per-instance" });
    expect(connectOf("bluesky")).toEqual({ kind: "app_password", selfHosted: true, appRegistration: null });
    expect(connectOf("wordpress")).toEqual({ kind: "app_password", selfHosted: true, appRegistration: null });
    expect(connectOf("rss")).toEqual({ kind: "none", selfHosted: false, appRegistration: null });
    expect(connectOf("myspace")).toBeNull();
    // A network marked as having a connector has one.
    for (const n of networks.filter((n) => n.status === "connector")) expect(n.connect, n.id).not.toBeNull();
  });
  it("records accounts on any network, defunct ones included, and shows their health", async () => {
    const me = (await admin.get("/api/me")).json().user;
    const fb = await admin.post("/api/accounts", {
      network: "facebook",
      handle: "@AcmeAir",
      url: "https://www.facebook.com/AcmeAir",
      displayName: "Acme Air",
      ownerId: me.id,
      purpose: "Customer care and news",
      twoFactor: "enabled",
      recoveryContact: "it-social@acme.example",
    });
    expect(fb.statusCode).toBe(201);
    expect(fb.json()).toMatchObject({
      network: "facebook",
      networkName: "Facebook Page",
      handle: "@AcmeAir",
      health: { level: "ok" },
      yourPermissions: ["view", "draft", "publish", "reply", "manage"],
    });
    const old = await admin.post("/api/accounts", { network: "MySpace", handle: "acme", status: "retired" });
    expect(old.json().network).toBe("myspace");
    const orphan = await admin.post("/api/accounts", { network: "x", handle: "acme", twoFactor: "disabled" });
    expect(orphan.json().health).toEqual({ level: "problem", reasons: ["Nobody owns this account", "Two-factor authentication is off"] });

    const dup = await admin.post("/api/accounts", { network: "facebook", handle: "acmeair" });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe("account_exists");
    expect((await admin.post("/api/accounts", { network: "orkut", handle: "acme" })).json().error.code).toBe("unknown_network");
    expect((await admin.post("/api/accounts", { network: "x", handle: "z", url: "javascript:alert(1)" })).statusCode).toBe(400);

    const problems = await admin.get("/api/accounts?health=problem");
    expect(problems.json().accounts.map((a: { handle: string }) => a.handle)).toEqual(["acme"]);
    expect((await admin.get("/api/accounts?status=retired")).json().accounts).toHaveLength(1);
    expect((await admin.get("/api/accounts?q=care")).json().accounts).toHaveLength(1);
    expect((await admin.get(`/api/accounts?ownerId=${me.id}`)).json().accounts).toHaveLength(1);

    const edited = await admin.patch(`/api/accounts/${fb.json().id}`, { status: "dormant", notes: "Paused during the merger" });
    expect(edited.json()).toMatchObject({ status: "dormant", notes: "Paused during the merger" });
    const events = (await admin.get(`/api/audit?targetId=${fb.json().id}`)).json().events;
    expect(events.map((e: { action: string }) => e.action)).toEqual(["account.updated", "account.created"]);
    expect(events[0].changes.status).toEqual(["active", "dormant"]);
  });

  it("everyone sees who owns an account; details and changes need access granted to them or their team", async () => {
    const account = (
      await admin.post("/api/accounts", {
        network: "linkedin",
        handle: "acme-air",
        recoveryContact: "+44 20 0000 0000",
        notes: "Agency has admin",
      })
    ).json();
    const g = await asGrace();
    const seen = (await g.get(`/api/accounts/${account.id}`)).json();
    expect(seen).toMatchObject({ handle: "acme-air", recoveryContact: "", notes: "", grants: [], yourPermissions: [] });
    expect((await g.patch(`/api/accounts/${account.id}`, { notes: "mine now" })).statusCode).toBe(403);
    expect((await g.post("/api/accounts", { network: "x", handle: "rogue" })).statusCode).toBe(403);

    const team = (await admin.post("/api/teams", { name: "Social", members: [{ userId: grace.id }] })).json();
    const granted = await admin.put(`/api/accounts/${account.id}/grants`, {
      grants: [
        { subjectType: "team", subjectId: team.id, permissions: ["draft"] },
        { subjectType: "user", subjectId: grace.id, permissions: ["reply"] },
      ],
    });
    expect(granted.json().grants).toEqual([
      { subjectType: "user", subjectId: grace.id, subjectName: "Grace", permissions: ["reply"] },
      { subjectType: "team", subjectId: team.id, subjectName: "Social", permissions: ["draft"] },
    ]);
    const now = (await g.get(`/api/accounts/${account.id}`)).json();
    expect(now.yourPermissions).toEqual(["view", "draft", "reply"]);
    expect(now.recoveryContact).toBe("+44 20 0000 0000");
    expect((await g.patch(`/api/accounts/${account.id}`, { notes: "x" })).statusCode).toBe(403);

    await admin.put(`/api/accounts/${account.id}/grants`, {
      grants: [{ subjectType: "user", subjectId: grace.id, permissions: ["manage"] }],
    });
    expect((await g.patch(`/api/accounts/${account.id}`, { notes: "Grace manages it" })).statusCode).toBe(200);
    const bad = await admin.put(`/api/accounts/${account.id}/grants`, {
      grants: [{ subjectType: "user", subjectId: "ghost", permissions: ["view"] }],
    });
    expect(bad.json().error.code).toBe("unknown_user");
    const change = (await admin.get("/api/audit?action=account.grants_changed")).json().events[0];
    expect(change.changes).toMatchObject({ added: [`user:${grace.id}:manage`] });
  });

  it("imports CSV row by row, reporting bad rows while good rows import, and exports it back", async () => {
    await admin.post("/api/teams", { name: "Social" });
    const csv = [
      "Network,Handle,URL,Display Name,Owner Email,Team,Status,Two Factor,Favourite colour",
      "x,acmeair,https://x.com/acmeair,Acme Air,grace@example.com,Social,active,enabled,blue",
      "orkut,acme,,,,,,,",
      "bluesky,acme.bsky.social,not a url,,nobody@example.com,,,,",
      "facebook,,,,,,,,",
      'mastodon,@acme@mastodon.social,,"=HYPERLINK(""http://evil"")",,,dormant,,',
      "stumbleupon,acme,,,,,reported-rogue,,",
    ].join("\n");
    const res = await admin.post("/api/accounts/import", { csv });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ created: 3, updated: 0, failed: 3, ignoredColumns: ["Favourite colour"] });
    const failed = body.rows.filter((r: { status: string }) => r.status === "failed");
    expect(failed.map((r: { line: number }) => r.line)).toEqual([3, 4, 5]);
    expect(failed[0].errors).toEqual([{ field: "network", message: 'unknown network "orkut"' }]);
    expect(failed[1].errors.map((e: { field: string }) => e.field).sort()).toEqual(["owner_email", "url"]);

    const again = await admin.post("/api/accounts/import", { csv: "network,handle,status\nX,ACMEAIR,dormant" });
    expect(again.json()).toMatchObject({ created: 0, updated: 1, failed: 0 });
    const rogue = (await admin.get("/api/accounts?status=reported_rogue")).json().accounts;
    expect(rogue[0]).toMatchObject({ network: "stumbleupon", health: { level: "problem" } });

    const exported = await admin.get("/api/accounts/export");
    expect(exported.headers["content-type"]).toContain("text/csv");
    const lines = exported.body.trim().split("\n");
    expect(lines[0]).toBe(
      "network,handle,url,display_name,owner_email,team,purpose,audience,status,two_factor,recovery_contact,notes,last_activity_at",
    );
    expect(lines).toHaveLength(4);
    expect(exported.body).toContain("x,ACMEAIR,https://x.com/acmeair,Acme Air,grace@example.com,Social,,,dormant,enabled");
    expect(exported.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    // The export imports back as it was: nothing changes.
    const roundTrip = await admin.post("/api/accounts/import", { csv: exported.body });
    expect(roundTrip.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3, failed: 0 });
    expect((await admin.get("/api/accounts?network=mastodon")).json().accounts[0].displayName).toBe('=HYPERLINK("http://evil")');

    expect((await admin.post("/api/accounts/import", { csv: "name,url\nfoo,bar" })).json().error.code).toBe("csv_missing_columns");
    expect((await admin.post("/api/accounts/import", { csv: 'network,handle\n"x,unterminated' })).json().error.code).toBe("csv_unreadable");
    const g = await asGrace();
    expect((await g.get("/api/accounts/export")).statusCode).toBe(403);
  });
});
