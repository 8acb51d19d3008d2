import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli } from "../../test/helpers/cliRunner.js";
import { DIALECTS } from "../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";

describe.each(DIALECTS)("offboarding on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
  });
  afterEach(async () => {
    await t.dispose();
  });

  const person = async (email: string, name: string) =>
    (await admin.post("/api/users", { email, name, roles: ["contributor"], password: "a long enough password" })).json() as { id: string };

  it("revokes everything in one action, hands over owned accounts and lists what to remove on each network", async () => {
    const bob = await person("bob@example.com", "Bob");
    const carol = await person("carol@example.com", "Carol");
    const team = (await admin.post("/api/teams", { name: "Social", members: [{ userId: bob.id }, { userId: carol.id }] })).json();
    const owned = (await admin.post("/api/accounts", { network: "facebook", handle: "acme", ownerId: bob.id })).json();
    const granted = (await admin.post("/api/accounts", { network: "x", handle: "acmeair" })).json();
    const viaTeam = (await admin.post("/api/accounts", { network: "linkedin", handle: "acme-air" })).json();
    await admin.post("/api/accounts", { network: "mastodon", handle: "untouched" });
    await admin.put(`/api/accounts/${granted.id}/grants`, {
      grants: [{ subjectType: "user", subjectId: bob.id, permissions: ["publish"] }],
    });
    await admin.put(`/api/accounts/${viaTeam.id}/grants`, {
      grants: [{ subjectType: "team", subjectId: team.id, permissions: ["reply"] }],
    });

    const bobSession = t.client();
    await bobSession.login("bob@example.com", "a long enough password");
    const token = (await bobSession.post("/api/tokens", { name: "script", scopes: ["users.read"] })).json().token;

    const missing = await admin.post(`/api/users/${bob.id}/offboard`, { reassignToId: null });
    expect(missing.json().error.code).toBe("reassign_required");
    expect((await bobSession.get("/api/me")).statusCode).toBe(200);

    const res = await admin.post(`/api/users/${bob.id}/offboard`, { reassignToId: carol.id });
    expect(res.statusCode).toBe(201);
    const result = res.json();
    expect(result.summary).toEqual([
      "1 account(s) now owned by carol@example.com",
      "Revoked 1 direct account grant(s)",
      "Disabled bob@example.com: ended 1 session(s), revoked 1 API token(s)",
      "Removed from team(s): Social",
    ]);
    expect(result.checklist.map((i: { title: string }) => i.title)).toEqual([
      "Remove bob@example.com from Facebook Page acme",
      "Remove bob@example.com from LinkedIn acme-air",
      "Remove bob@example.com from X (Twitter) acmeair",
    ]);

    expect((await bobSession.get("/api/me")).statusCode).toBe(401);
    const script = t.client();
    script.bearer = token;
    expect((await script.get("/api/me")).statusCode).toBe(401);
    expect((await admin.get(`/api/accounts/${owned.id}`)).json().owner.email).toBe("carol@example.com");
    expect((await admin.get(`/api/accounts/${granted.id}`)).json().grants).toEqual([]);
    expect((await admin.get(`/api/teams/${team.id}`)).json().members.map((m: { email: string }) => m.email)).toEqual(["carol@example.com"]);

    const ticked = await admin.patch(`/api/offboardings/${result.id}/checklist/1`, { done: true });
    expect(ticked.json().checklist[1]).toMatchObject({ done: true, doneBy: "ada@example.com" });
    expect((await admin.patch(`/api/offboardings/${result.id}/checklist/9`, { done: true })).json().error.code).toBe(
      "checklist_item_not_found",
    );
    expect((await admin.get(`/api/offboardings?userId=${bob.id}`)).json().offboardings).toHaveLength(1);

    const actions = (await admin.get("/api/audit?limit=20")).json().events.map((e: { action: string }) => e.action);
    for (const a of [
      "user.offboarded",
      "user.disabled",
      "account.owner_changed",
      "account.grants_revoked",
      "team.member_removed",
      "offboarding.item_done",
    ]) {
      expect(actions).toContain(a);
    }
  });

  it("refuses a disabled or identical successor, and the last admin", async () => {
    const bob = await person("bob@example.com", "Bob");
    const dan = await person("dan@example.com", "Dan");
    await admin.patch(`/api/users/${dan.id}`, { disabled: true });
    expect((await admin.post(`/api/users/${bob.id}/offboard`, { reassignToId: bob.id })).json().error.code).toBe("reassign_to_self");
    expect((await admin.post(`/api/users/${bob.id}/offboard`, { reassignToId: dan.id })).json().error.code).toBe("invalid_successor");
    const me = (await admin.get("/api/me")).json().user;
    expect((await admin.post(`/api/users/${me.id}/offboard`, { reassignToId: bob.id })).json().error.code).toBe("last_admin");
  });

  it("works from the command line", async () => {
    const bob = await person("bob@example.com", "Bob");
    await person("carol@example.com", "Carol");
    await admin.post("/api/accounts", { network: "bluesky", handle: "acme.bsky.social", ownerId: bob.id });
    const out = await cli(t.database, ["users", "offboard", "bob@example.com", "--reassign-to", "carol@example.com"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("Offboarded bob@example.com.");
    expect(out.stdout).toContain("[ ] Remove bob@example.com from Bluesky acme.bsky.social");
  });
});
