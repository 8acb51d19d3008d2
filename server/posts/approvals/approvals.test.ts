import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { startSmtpServer } from "../../../test/helpers/smtpServer.js";
import { createTestApp, type TestApp, type TestClient } from "../../../test/helpers/testApp.js";
import { expireApprovals } from "./expire.js";

const PEOPLE = {
  carla: { email: "carla@example.com", name: "Carla", roles: ["contributor"], password: "a contributor who drafts" },
  lena: { email: "lena@example.com", name: "Lena Legal", roles: ["approver"], password: "legal reads every word" },
  pia: { email: "pia@example.com", name: "Pia PR", roles: ["approver"], password: "press relations first" },
  paul: { email: "paul@example.com", name: "Paul PR", roles: ["approver"], password: "press relations second" },
};
type Person = keyof typeof PEOPLE;
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

describe.each(DIALECTS)("approvals on %s", (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let admin: TestClient;
  const as = {} as Record<Person, TestClient>;
  const ids = {} as Record<Person, string>;
  let x: { id: string };
  let bluesky: { id: string };
  let prTeam: { id: string };

  beforeEach(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp(dialect, { SMTP_URL: smtp.url, SMTP_FROM: "Switchboard <switchboard@acme.test>" });
    admin = await t.setupAdmin();
    for (const [key, person] of Object.entries(PEOPLE) as [Person, (typeof PEOPLE)[Person]][]) {
      ids[key] = (await admin.post("/api/users", person)).json().id;
      as[key] = t.client();
      await as[key].csrf();
      expect((await as[key].login(person.email, person.password)).statusCode).toBe(200);
    }
    prTeam = (await admin.post("/api/teams", { name: "PR", members: [{ userId: ids.pia }, { userId: ids.paul }] })).json();
    x = (await admin.post("/api/accounts", { network: "x", handle: "acme" })).json();
    bluesky = (await admin.post("/api/accounts", { network: "bluesky", handle: "acme.bsky.social" })).json();
    // Carla may draft for X but not publish there; she may publish to Bluesky.
    await admin.put(`/api/accounts/${x.id}/grants`, { grants: [{ subjectType: "user", subjectId: ids.carla, permissions: ["draft"] }] });
    await admin.put(`/api/accounts/${bluesky.id}/grants`, {
      grants: [{ subjectType: "user", subjectId: ids.carla, permissions: ["draft", "publish"] }],
    });
  });
  afterEach(async () => {
    await t.dispose();
    await smtp.close();
  });

  const compose = async (accountId: string, scheduledAt: string | null = inMinutes(180), text = "Our spring release is out") => {
    const res = await as.carla.post("/api/posts", { text, timeZone: "Europe/Berlin", scheduledAt, variants: [{ accountId }] });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; status: string; version: number };
  };
  const review = async (who: TestClient, postId: string) => (await who.get(`/api/posts/${postId}/review`)).json();
  const status = async (postId: string) => (await admin.get(`/api/posts/${postId}`)).json().status;
  const notificationsOf = async (who: TestClient) =>
    (await who.get("/api/notifications")).json().notifications.map((n: { title: string }) => n.title) as string[];

  const setWorkflow = async (body: Record<string, unknown>) => {
    const res = await admin.put("/api/approval-workflows", body);
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it("sends a contributor's post for a channel she may only draft for to someone who may publish there, never to herself", async () => {
    const post = await compose(x.id);
    expect(post.status).toBe("pending_approval");
    const pending = await review(as.carla, post.id);
    expect(pending.approval).toMatchObject({
      round: 1,
      state: "pending",
      canDecide: false,
      steps: [{ name: "Sign-off for acme on x", mode: "any", status: "waiting" }],
    });
    const self = await as.carla.post(`/api/posts/${post.id}/approve`, { version: post.version });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe("self_approval");
    const stranger = await as.lena.post(`/api/posts/${post.id}/approve`, { version: post.version });
    expect(stranger.json().error.code).toBe("not_an_approver");

    expect(await notificationsOf(admin)).toContain("Approval needed: Sign-off for acme on x");
    expect((await admin.get("/api/approvals/mine")).json().posts.map((p: { id: string }) => p.id)).toEqual([post.id]);
    expect((await review(admin, post.id)).approval.canDecide).toBe(true);
    const approved = await admin.post(`/api/posts/${post.id}/approve`, { version: post.version, comment: "Good to go" });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      approval: { state: "approved", canDecide: false, steps: [{ status: "approved", decisions: [{ decision: "approved" }] }] },
      comments: [{ author: { name: "Ada Admin" }, body: "Good to go" }],
    });
    expect(await status(post.id)).toBe("scheduled");
    expect(await notificationsOf(as.carla)).toContain("Your post was approved");
    const events = (await admin.get(`/api/audit?targetId=${post.id}`)).json().events.map((e: { action: string }) => e.action);
    expect(events.sort()).toEqual(["post.approved", "post.submitted"]);

    // A channel she may publish to needs nobody.
    expect((await compose(bluesky.id)).status).toBe("scheduled");
  });

  it("runs a channel's workflow step by step: any of Legal, then all of PR; notifies each step in turn, by app and by email", async () => {
    const workflow = await setWorkflow({
      name: "Corporate X",
      scopeType: "account",
      scopeId: x.id,
      expireMinutesBefore: 30,
      steps: [
        { name: "Legal", mode: "any", approvers: [{ type: "user", id: ids.lena }] },
        { name: "PR", mode: "all", approvers: [{ type: "team", id: prTeam.id }] },
      ],
    });
    expect(workflow.steps).toHaveLength(2);
    const post = await compose(x.id);
    expect((await review(as.carla, post.id)).approval.steps.map((s: { name: string }) => s.name)).toEqual(["Legal", "PR"]);
    // Steps go in order: PR cannot approve before Legal.
    expect((await as.pia.post(`/api/posts/${post.id}/approve`, { version: 1 })).json().error.code).toBe("not_an_approver");
    expect(await notificationsOf(as.pia)).toEqual([]);
    expect((await as.lena.post(`/api/posts/${post.id}/approve`, { version: 1 })).statusCode).toBe(200);
    expect(await notificationsOf(as.pia)).toEqual(["Approval needed: PR"]);
    expect((await as.pia.post(`/api/posts/${post.id}/approve`, { version: 1 })).statusCode).toBe(200);
    expect((await as.pia.post(`/api/posts/${post.id}/approve`, { version: 1 })).json().error.code).toBe("already_decided");
    expect(await status(post.id)).toBe("pending_approval"); // all of PR: Paul too
    expect((await as.paul.post(`/api/posts/${post.id}/approve`, { version: 1 })).statusCode).toBe(200);
    expect(await status(post.id)).toBe("scheduled");

    await t.services.jobs.drain();
    const toPia = smtp.received.find((m) => m.to.includes(PEOPLE.pia.email));
    expect(toPia?.from).toBe("switchboard@acme.test");
    expect(toPia?.raw).toContain("Subject: Approval needed: PR");
    expect(toPia?.raw).toContain(`/publishing/${post.id}`);
    expect(smtp.received.some((m) => m.to.includes(PEOPLE.carla.email) && m.raw.includes("Your post was approved"))).toBe(true);
  });

  it("sends an approved post back for approval when it is edited, and a rejected one back to its author as a draft", async () => {
    await setWorkflow({
      name: "Legal review",
      scopeType: "account",
      scopeId: bluesky.id,
      steps: [{ name: "Legal", mode: "any", approvers: [{ type: "user", id: ids.lena }] }],
    });
    const post = await compose(bluesky.id);
    await as.lena.post(`/api/posts/${post.id}/approve`, { version: 1 });
    expect(await status(post.id)).toBe("scheduled");

    const edited = await as.carla.patch(`/api/posts/${post.id}`, { version: 1, text: "Our spring release is out, now 50% off" });
    expect(edited.json()).toMatchObject({ status: "pending_approval", version: 2 });
    const again = await review(as.lena, post.id);
    expect(again.approval).toMatchObject({ round: 2, state: "pending", canDecide: true, steps: [{ status: "waiting", decisions: [] }] });
    // An approver who read version 1 cannot approve version 2 by mistake.
    expect((await as.lena.post(`/api/posts/${post.id}/approve`, { version: 1 })).json().error.code).toBe("edit_conflict");

    expect((await as.lena.post(`/api/posts/${post.id}/reject`, { version: 2 })).json().error.code).toBe("comment_required");
    const rejected = await as.lena.post(`/api/posts/${post.id}/reject`, { version: 2, comment: "No discounts without operations." });
    expect(rejected.json()).toMatchObject({ approval: { state: "rejected" }, comments: [{ body: "No discounts without operations." }] });
    expect(await status(post.id)).toBe("draft");
    expect(await notificationsOf(as.carla)).toContain("Changes requested by Lena Legal");

    // She answers in the thread, fixes it and submits again.
    const comment = await as.carla.post(`/api/posts/${post.id}/comments`, { body: "Dropped the discount." });
    expect(comment.statusCode).toBe(201);
    expect(await notificationsOf(as.lena)).toContain("Carla commented on a post");
    const fixed = await as.carla.patch(`/api/posts/${post.id}`, {
      version: 2,
      text: "Our spring release is out",
      scheduledAt: inMinutes(120),
    });
    expect(fixed.json().status).toBe("pending_approval");
    expect((await review(as.carla, post.id)).approval.round).toBe(3);
    const actions = (await admin.get(`/api/audit?targetId=${post.id}`)).json().events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["post.approved", "post.rejected", "post.commented"]));
  });

  it("expires an approval not given in time and refuses a schedule that leaves no time to approve", async () => {
    await setWorkflow({
      name: "Corporate X",
      scopeType: "account",
      scopeId: x.id,
      expireMinutesBefore: 60,
      steps: [{ name: "Legal", mode: "any", approvers: [{ type: "user", id: ids.lena }] }],
    });
    const tooSoon = await as.carla.post("/api/posts", {
      text: "Now",
      timeZone: "UTC",
      scheduledAt: inMinutes(30),
      variants: [{ accountId: x.id }],
    });
    expect(tooSoon.statusCode).toBe(400);
    expect(tooSoon.json().error).toMatchObject({ code: "approval_window_closed", details: { step: "Legal", expireMinutesBefore: 60 } });

    const post = await compose(x.id, inMinutes(90));
    expect(await expireApprovals(t.services.db, new Date())).toBe(0);
    expect(await expireApprovals(t.services.db, new Date(Date.now() + 31 * 60_000))).toBe(1);
    expect(await status(post.id)).toBe("draft");
    expect((await review(as.carla, post.id)).approval.state).toBe("expired");
    expect((await as.lena.post(`/api/posts/${post.id}/approve`, { version: 1 })).json().error.code).toBe("not_pending_approval");
    expect(await notificationsOf(as.carla)).toContain("Approval expired");
    const actions = (await admin.get(`/api/audit?targetId=${post.id}`)).json().events.map((e: { action: string }) => e.action);
    expect(actions).toContain("post.approval_expired");
  });

  it("lets the policy hook add approvers from what a post says, and campaign workflows apply to their posts", async () => {
    t.services.approvalHooks.push((post) =>
      /\$\d|\d+% off/.test(post.text)
        ? [
            {
              name: "Operations: price claim",
              mode: "any",
              approvers: [{ type: "team", id: prTeam.id }],
              reason: "Mentions a price",
              expireMinutesBefore: 0,
            },
          ]
        : [],
    );
    const plain = await compose(bluesky.id);
    expect(plain.status).toBe("scheduled");
    const priced = await compose(bluesky.id, inMinutes(180), "Now 20% off!");
    expect(priced.status).toBe("pending_approval");
    expect((await review(as.pia, priced.id)).approval.steps).toMatchObject([
      { name: "Operations: price claim", reason: "Mentions a price" },
    ]);

    const campaign = (await admin.post("/api/campaigns", { name: "Spring launch" })).json();
    await setWorkflow({
      name: "Spring launch sign-off",
      scopeType: "campaign",
      scopeId: campaign.id,
      expireMinutesBefore: 0,
      steps: [{ name: "Campaign owner", mode: "any", approvers: [{ type: "user", id: ids.lena }] }],
    });
    const inCampaign = await as.carla.post("/api/posts", {
      text: "Spring!",
      timeZone: "UTC",
      campaignId: campaign.id,
      scheduledAt: inMinutes(60),
      variants: [{ accountId: bluesky.id }],
    });
    expect(inCampaign.json().status).toBe("pending_approval");
  });

  it("completes an all-of step when its approvers decide at the same moment", async () => {
    await setWorkflow({
      name: "PR",
      scopeType: "account",
      scopeId: bluesky.id,
      steps: [{ name: "PR", mode: "all", approvers: [{ type: "team", id: prTeam.id }] }],
    });
    const post = await compose(bluesky.id);
    const answers = await Promise.all([as.pia, as.paul].map((who) => who.post(`/api/posts/${post.id}/approve`, { version: 1 })));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    expect(await status(post.id)).toBe("scheduled");
  });

  it("rejects bad workflows and bad decisions with clear errors", async () => {
    const bad = async (body: Record<string, unknown>) => (await admin.put("/api/approval-workflows", body)).json().error;
    const step = { name: "Legal", mode: "any", approvers: [{ type: "user", id: ids.lena }] };
    expect(await bad({ name: "W", scopeType: "account", scopeId: "nope", steps: [step] })).toMatchObject({ code: "account_not_found" });
    expect(await bad({ name: "W", scopeType: "account", scopeId: x.id, steps: [] })).toMatchObject({ code: "validation_failed" });
    expect(
      await bad({ name: "W", scopeType: "account", scopeId: x.id, steps: [{ ...step, approvers: [{ type: "team", id: "gone" }] }] }),
    ).toMatchObject({ code: "approver_not_found", details: { missing: [{ type: "team", id: "gone" }] } });
    expect(
      (await as.carla.put("/api/approval-workflows", { name: "W", scopeType: "account", scopeId: x.id, steps: [step] })).statusCode,
    ).toBe(403);
    // A workflow only Carla could approve leaves nobody to approve her post.
    await setWorkflow({
      name: "W",
      scopeType: "account",
      scopeId: bluesky.id,
      steps: [{ ...step, approvers: [{ type: "user", id: ids.carla }] }],
    });
    const nobody = await as.carla.post("/api/posts", {
      text: "Hi",
      timeZone: "UTC",
      scheduledAt: inMinutes(120),
      variants: [{ accountId: bluesky.id }],
    });
    expect(nobody.statusCode).toBe(409);
    expect(nobody.json().error.code).toBe("no_eligible_approver");
    expect((await as.lena.post("/api/posts/missing/approve", { version: 1 })).statusCode).toBe(404);
    // Viewers read posts but neither decide nor comment.
    const viewer = { email: "vera@example.com", name: "Vera Viewer", roles: ["viewer"], password: "dashboards all day long" };
    await admin.post("/api/users", viewer);
    const vera = t.client();
    await vera.csrf();
    await vera.login(viewer.email, viewer.password);
    const pending = await compose(x.id);
    expect((await vera.get(`/api/posts/${pending.id}/review`)).statusCode).toBe(200);
    expect((await vera.post(`/api/posts/${pending.id}/approve`, { version: 1 })).statusCode).toBe(403);
    expect((await vera.post(`/api/posts/${pending.id}/comments`, { body: "Looks fine" })).statusCode).toBe(403);
    expect((await as.lena.post(`/api/posts/${(await compose(x.id, null)).id}/approve`, { version: 1 })).json().error.code).toBe(
      "not_pending_approval",
    );
  });
});
