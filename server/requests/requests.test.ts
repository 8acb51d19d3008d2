import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { signInAs } from "../../test/helpers/publishingApp.js";
import { startSmtpServer } from "../../test/helpers/smtpServer.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";
import { watchSlas } from "./slaWatch.js";

const PEOPLE = {
  vera: { email: "vera@example.com", name: "Vera Viewer", roles: ["viewer"], password: "a viewer who needs help" },
  evan: { email: "evan@example.com", name: "Evan Employee", roles: ["employee"], password: "another employee here" },
  ian: { email: "ian@example.com", name: "Ian Agent", roles: ["agent"], password: "an agent in the it team" },
  lena: { email: "lena@example.com", name: "Lena Lead", roles: ["lead"], password: "the social media lead" },
};
const H = 3_600_000;
const T0 = Date.parse("2026-06-15T09:00:00.000Z"); // a Monday

type Clock = { metric: string; cycle: number; status: string; elapsedMinutes: number; dueAt: string | null; stoppedAt: string | null };

describe.each(DIALECTS)("help desk requests on %s", (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let admin: TestClient;
  let vera: TestClient;
  let evan: TestClient;
  let ian: TestClient;
  let lena: TestClient;
  const ids: Record<string, string> = {};

  beforeEach(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp(dialect, { SMTP_URL: smtp.url, SESSION_IDLE_HOURS: "720" });
    admin = await t.setupAdmin();
    for (const [key, person] of Object.entries(PEOPLE)) {
      const { client, id } = await signInAs(t, admin, person);
      ids[key] = id;
      if (key === "vera") vera = client;
      if (key === "evan") evan = client;
      if (key === "ian") ian = client;
      if (key === "lena") lena = client;
    }
    // The IT queue is worked by the IT team.
    const team = await admin.post("/api/teams", { name: "IT", members: [{ userId: ids.ian }] });
    expect(team.statusCode, team.body).toBe(201);
    const queue = await admin.put("/api/requests/settings/queues/it", { name: "IT", teamId: team.json().id });
    expect(queue.statusCode, queue.body).toBe(200);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await t.dispose();
    await smtp.close();
  });

  const file = async (who: TestClient, body: Record<string, unknown>) => {
    const res = await who.post("/api/requests", { type: "policy_question", subject: "Can I post this?", ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as {
      number: number;
      status: string;
      queue: { id: string };
      clocks: Clock[];
      sla: Clock | null;
      messages: { text: string; visibility: string }[];
      account: unknown;
      checklist: { id: string; label: string; done: boolean }[] | null;
      approval: string | null;
      outcome: Record<string, string> | null;
    };
  };
  const clock = (r: { clocks: Clock[] }, metric: string, cycle = 1) =>
    r.clocks.find((c) => c.metric === metric && c.cycle === cycle) as Clock;
  const auditActions = async () => ((await admin.get("/api/audit?limit=500")).json().events as { action: string }[]).map((e) => e.action);

  it("lets any employee file a request that reaches its queue with an SLA, numbered, and tells requester and queue by email", async () => {
    const types = (await vera.get("/api/requests/types")).json().types as { key: string; queueId: string }[];
    expect(types.map((x) => x.key)).toEqual([
      "access",
      "new_account",
      "account_owner",
      "rogue_account",
      "policy_question",
      "content_help",
      "incident",
    ]);
    const first = await file(vera, { type: "access", subject: "Lost my 2FA device", description: "New phone." });
    expect(first).toMatchObject({ number: 1, status: "new", queue: { id: "it" } });
    expect(first.sla).toMatchObject({ metric: "first_response", status: "running" });
    expect(first.sla?.dueAt).toBeTruthy();
    expect((await file(evan, {})).number).toBe(2);

    // The agent's queue view lists it with its SLA; viewers and employees have no queue view.
    const queue = await ian.get("/api/requests?queueId=it");
    expect(queue.statusCode).toBe(200);
    expect(queue.json().requests.map((r: { number: number }) => r.number)).toEqual([1]);
    expect((await vera.get("/api/requests")).statusCode).toBe(403);
    expect((await vera.get("/api/requests/mine")).json().requests).toHaveLength(1);

    await t.services.jobs.drain();
    expect(smtp.received.some((m) => m.to.includes(PEOPLE.vera.email) && m.raw.includes("We got your request #1"))).toBe(true);
    expect(smtp.received.some((m) => m.to.includes(PEOPLE.ian.email) && m.raw.includes("New request #1"))).toBe(true);
    expect(await auditActions()).toContain("request.filed");
  });

  it("keeps requests, notes and accounts from people who may not see them", async () => {
    const mine = await file(vera, { type: "access", subject: "Lost access" });
    // Someone else's request is not found, exactly like one that does not exist.
    const other = await evan.get(`/api/requests/${mine.number}`);
    const missing = await evan.get("/api/requests/999");
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe("request_not_found");
    expect(missing.json().error).toEqual(other.json().error);
    expect((await evan.post(`/api/requests/${mine.number}/messages`, { text: "hi" })).statusCode).toBe(404);

    // Internal notes: agents only, never shown to the requester.
    expect((await vera.post(`/api/requests/${mine.number}/messages`, { text: "note", internal: true })).statusCode).toBe(403);
    await ian.post(`/api/requests/${mine.number}/messages`, { text: "Checked her phone number in the vault.", internal: true });
    const asRequester = (await vera.get(`/api/requests/${mine.number}`)).json();
    expect(JSON.stringify(asRequester)).not.toContain("vault");
    expect((await ian.get(`/api/requests/${mine.number}`)).json().messages[0].visibility).toBe("internal");
    // A requester cannot change status; only the requester rates.
    expect((await vera.patch(`/api/requests/${mine.number}`, { status: "resolved" })).statusCode).toBe(403);

    // An account one may not see is the same "unknown" as one that does not exist.
    const account = await admin.post("/api/accounts", { network: "bluesky", handle: "acme.bsky.social" });
    expect(account.statusCode, account.body).toBe(201);
    const token = (await vera.post("/api/tokens", { name: "script", scopes: ["policy.check"] })).json().token as string;
    const script = t.client();
    script.bearer = token;
    const hidden = await script.post("/api/requests", { type: "content_help", subject: "Help", accountId: account.json().id });
    const unknown = await script.post("/api/requests", { type: "content_help", subject: "Help", accountId: "no-such-account" });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().error).toEqual(unknown.json().error);
    expect(hidden.json().error.code).toBe("unknown_account");
    const seen = await file(vera, { type: "content_help", subject: "Help", accountId: account.json().id });
    expect(seen.account).toMatchObject({ handle: "acme.bsky.social" });

    expect((await vera.post("/api/requests", { type: "nope", subject: "x" })).json().error.code).toBe("unknown_request_type");
    const missingField = await vera.post("/api/requests", { type: "rogue_account", subject: "Fake us", fields: { network: "bluesky" } });
    expect(missingField.statusCode).toBe(400);
    expect(missingField.json().error.details.issues[0].path).toBe("body/fields/handle");
  });

  it("pauses SLA clocks while pending or on hold, and keeps each cycle's history across resolve and reopen", async () => {
    // Around the clock, so hours are plain hours.
    await admin.put("/api/requests/settings/policies/standard", {
      name: "Standard",
      calendarId: "always",
      firstResponseMinutes: 240,
      nextResponseMinutes: 120,
      resolutionMinutes: 480,
      warnBeforeMinutes: 60,
    });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const r = await file(vera, { subject: "Is this claim allowed?" });
    expect(clock(r, "resolution").dueAt).toBe("2026-06-15T17:00:00.000Z");

    vi.setSystemTime(T0 + 1 * H);
    await ian.post(`/api/requests/${r.number}/messages`, { text: "Which claim exactly?" });
    await ian.patch(`/api/requests/${r.number}`, { status: "pending" });
    vi.setSystemTime(T0 + 3 * H);
    let now = (await ian.get(`/api/requests/${r.number}`)).json();
    expect(now.status).toBe("pending");
    expect(clock(now, "first_response")).toMatchObject({ status: "met", elapsedMinutes: 60 });
    expect(clock(now, "resolution")).toMatchObject({ status: "paused", elapsedMinutes: 60, dueAt: null });

    // The requester answers: the request opens, the resolution clock runs again, a next-response clock starts.
    await vera.post(`/api/requests/${r.number}/messages`, { text: "The “greenest bank” one." });
    now = (await ian.get(`/api/requests/${r.number}`)).json();
    expect(now.status).toBe("open");
    expect(clock(now, "resolution")).toMatchObject({ status: "running", dueAt: "2026-06-15T19:00:00.000Z" }); // two hours later than filed
    expect(clock(now, "next_response")).toMatchObject({ status: "running", dueAt: "2026-06-15T14:00:00.000Z" });

    vi.setSystemTime(T0 + 4 * H);
    await ian.patch(`/api/requests/${r.number}`, { status: "on_hold" });
    vi.setSystemTime(T0 + 10 * H); // on hold for 6 hours: nothing breaches
    expect(await watchSlas(t.services.db)).toEqual({ warned: 0, breached: 0 });
    await ian.patch(`/api/requests/${r.number}`, { status: "open" });
    vi.setSystemTime(T0 + 11 * H);
    await ian.post(`/api/requests/${r.number}/messages`, { text: "Legal says no: it needs evidence." });
    await ian.patch(`/api/requests/${r.number}`, { status: "resolved" });
    now = (await vera.get(`/api/requests/${r.number}`)).json();
    // Ran 09–10, 12–13 and 19–20: three hours of eight.
    expect(clock(now, "resolution")).toMatchObject({ status: "met", elapsedMinutes: 180 });
    // Ran 12–13 and 19–20 (paused on hold), answered at 20:00: 120 minutes, not over.
    expect(clock(now, "next_response")).toMatchObject({ status: "met", elapsedMinutes: 120 });

    // Reopened: a second resolution cycle; the first keeps its result.
    vi.setSystemTime(T0 + 12 * H);
    const reopened = await vera.post(`/api/requests/${r.number}/reopen`);
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().reopenCount).toBe(1);
    expect(clock(reopened.json(), "resolution", 2)).toMatchObject({ status: "running", dueAt: "2026-06-16T05:00:00.000Z" });
    expect(clock(reopened.json(), "resolution", 1)).toMatchObject({ status: "met" });
    expect((await vera.put(`/api/requests/${r.number}/rating`, { score: 5 })).json().error.code).toBe("request_not_resolved");

    await ian.patch(`/api/requests/${r.number}`, { status: "closed" });
    const rated = await vera.put(`/api/requests/${r.number}/rating`, { score: 4, comment: "Quick and clear" });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().rating).toMatchObject({ score: 4, comment: "Quick and clear" });
    expect((await ian.put(`/api/requests/${r.number}/rating`, { score: 1 })).statusCode).toBe(403);
    expect((await vera.post(`/api/requests/${r.number}/reopen`)).json().error.code).toBe("request_closed");
    expect((await vera.post(`/api/requests/${r.number}/messages`, { text: "again" })).json().error.code).toBe("request_closed");
    expect(await auditActions()).toEqual(
      expect.arrayContaining(["request.updated", "request.replied", "request.reopened", "request.rated"]),
    );
  });

  it("warns the queue before a breach and marks the breach once", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse("2026-06-15T06:00:00.000Z"));
    const r = await file(vera, { type: "incident", subject: "Our X account posts spam" });
    expect(r.sla).toMatchObject({ metric: "first_response", dueAt: "2026-06-15T06:30:00.000Z" }); // urgent: 30 min around the clock
    await ian.patch(`/api/requests/${r.number}`, { queueId: "it" });

    vi.setSystemTime(Date.parse("2026-06-15T06:10:00.000Z"));
    expect(await watchSlas(t.services.db)).toEqual({ warned: 0, breached: 0 });
    vi.setSystemTime(Date.parse("2026-06-15T06:21:00.000Z"));
    expect(await watchSlas(t.services.db)).toEqual({ warned: 1, breached: 0 });
    expect(await watchSlas(t.services.db)).toEqual({ warned: 0, breached: 0 });
    vi.setSystemTime(Date.parse("2026-06-15T06:31:00.000Z"));
    expect(await watchSlas(t.services.db)).toEqual({ warned: 0, breached: 1 });
    expect(await watchSlas(t.services.db)).toEqual({ warned: 0, breached: 0 });

    const notes = (await ian.get("/api/notifications")).json().notifications as { title: string }[];
    expect(notes.map((n) => n.title)).toEqual(
      expect.arrayContaining([expect.stringContaining("SLA due soon"), expect.stringContaining("SLA breached")]),
    );
    const view = (await ian.get(`/api/requests/${r.number}`)).json();
    expect(view.sla).toMatchObject({ status: "breached", breachedAt: "2026-06-15T06:30:00.000Z" });
    expect(await auditActions()).toEqual(expect.arrayContaining(["request.sla_warning", "request.sla_breached"]));
  });

  it("records that a request was filed after suggestions, and after “this solved it”", async () => {
    const solved = (await vera.post("/api/kb/suggestion-sessions", { query: "lost 2fa", shown: [], requestType: "access" })).json();
    await vera.post(`/api/kb/suggestion-sessions/${solved.id}/solved`, {});
    const session = (await vera.post("/api/kb/suggestion-sessions", { query: "lost 2fa again", shown: [], requestType: "access" })).json();
    const r = await file(vera, { type: "access", subject: "Still locked out", suggestionSessionId: session.id });
    const after = (await vera.get(`/api/kb/suggestion-sessions/${session.id}`)).json();
    expect(after).toMatchObject({ requestType: "access" });
    expect(after.requestId).toBeTruthy();
    // The earlier "this solved it" did not deflect: it now names the request filed within the week.
    const earlier = (await vera.get(`/api/kb/suggestion-sessions/${solved.id}`)).json();
    expect(earlier.requestId).toBe(after.requestId);
    // Someone else's session is refused like an unknown one.
    const evans = await evan.post("/api/requests", { type: "access", subject: "x", suggestionSessionId: session.id });
    expect(evans.json().error.code).toBe("kb_session_not_found");
    expect(r.number).toBe(1);
  });

  it("files a request from an article's “not helpful”, linking the article", async () => {
    const article = (await vera.get("/api/kb/articles/netiquette")).json();
    const r = (
      await vera.post("/api/requests", { type: "policy_question", subject: "The guide did not answer me", articleId: article.id })
    ).json();
    expect(r.article).toMatchObject({ slug: "netiquette" });
    const draft = (await lena.get("/api/kb/articles/social-media-policy")).json();
    expect((await vera.post("/api/requests", { type: "policy_question", subject: "x", articleId: draft.id })).json().error.code).toBe(
      "unknown_article",
    );
  });

  describe("workflows", () => {
    it("a new-account request goes to the social lead and, approved, adds the account to the inventory", async () => {
      const team = (await admin.post("/api/teams", { name: "Careers" })).json();
      const r = await file(vera, {
        type: "new_account",
        subject: "A careers account on Bluesky",
        fields: {
          network: "bluesky",
          handle: "careers.acme.test",
          purpose: "Hiring news",
          audience: "Candidates",
          owner: ids.vera,
          team: team.id,
        },
      });
      expect(r.approval).toBe("pending");
      expect((await ian.post(`/api/requests/${r.number}/decision`, { approve: true })).statusCode).toBe(403);
      expect((await lena.get("/api/notifications")).json().notifications[0].title).toContain("needs your approval");
      const decided = await lena.post(`/api/requests/${r.number}/decision`, { approve: true, note: "Welcome aboard." });
      expect(decided.statusCode, decided.body).toBe(200);
      expect(decided.json()).toMatchObject({ approval: "approved", status: "resolved" });
      const account = (await admin.get(`/api/accounts/${decided.json().outcome.accountId}`)).json();
      expect(account).toMatchObject({
        handle: "careers.acme.test",
        status: "active",
        connectionStatus: "not_connected",
        purpose: "Hiring news",
      });
      expect(account.owner.id).toBe(ids.vera);
      expect(account.team.id).toBe(team.id);
      expect((await lena.post(`/api/requests/${r.number}/decision`, { approve: true })).json().error.code).toBe("request_not_pending");
      expect(await auditActions()).toEqual(expect.arrayContaining(["request.approved", "account.created"]));
    });

    it("a rogue-account report adds a reported-rogue entry and a takedown checklist", async () => {
      const r = await file(evan, {
        type: "rogue_account",
        subject: "Fake Acme support account",
        fields: {
          network: "bluesky",
          handle: "@acme-support-help.bsky.social",
          url: "https://bsky.app/profile/acme-support-help.bsky.social",
        },
      });
      expect(r.account).toMatchObject({ status: "reported_rogue", handle: "@acme-support-help.bsky.social" });
      expect(r.checklist).toHaveLength(5);
      const item = r.checklist?.[0]?.id as string;
      expect((await evan.put(`/api/requests/${r.number}/checklist/${item}`, { done: true })).statusCode).toBe(403);
      const ticked = await ian.put(`/api/requests/${r.number}/checklist/${item}`, { done: true });
      expect(ticked.json().checklist[0]).toMatchObject({ done: true, doneBy: PEOPLE.ian.name });
      expect((await ian.put(`/api/requests/${r.number}/checklist/nope`, { done: true })).statusCode).toBe(404);
      // Reported twice: the same inventory entry.
      const again = await file(vera, {
        type: "rogue_account",
        subject: "Fake",
        fields: { network: "bluesky", handle: "acme-support-help.bsky.social" },
      });
      expect(again.outcome).toMatchObject({ accountId: r.outcome?.accountId, accountCreated: "false" });
    });

    it("an access request, once approved, grants the access", async () => {
      const account = (await admin.post("/api/accounts", { network: "bluesky", handle: "acme.bsky.social" })).json();
      const r = await file(vera, { type: "access", subject: "I need to reply", accountId: account.id, fields: { permission: "reply" } });
      expect(r.approval).toBe("pending");
      await lena.post(`/api/requests/${r.number}/decision`, { approve: true });
      const grants = (await admin.get(`/api/accounts/${account.id}`)).json().grants as {
        subjectId: string;
        permissions?: string[];
        permission?: string;
      }[];
      expect(JSON.stringify(grants)).toContain(ids.vera as string);
      expect(JSON.stringify(grants)).toContain("reply");
      const rejected = await file(vera, {
        type: "access",
        subject: "And publish",
        accountId: account.id,
        fields: { permission: "publish" },
      });
      const no = await lena.post(`/api/requests/${rejected.number}/decision`, { approve: false, note: "Take the course first." });
      expect(no.json()).toMatchObject({ approval: "rejected", status: "resolved" });
      expect(JSON.stringify((await admin.get(`/api/accounts/${account.id}`)).json().grants)).not.toContain("publish");
    });
  });
});
