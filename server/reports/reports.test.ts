import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { signInAs } from "../../test/helpers/publishingApp.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";
import { advocacyDb } from "../advocacy/tables.js";
import { defuse, reportCsv } from "./csv.js";

const PEOPLE = {
  lena: { email: "lena@example.com", name: "Lena Lead", roles: ["lead"], password: "the social media lead" },
  evan: { email: "evan@example.com", name: "Evan Employee", roles: ["employee"], password: "another employee here" },
  vera: { email: "vera@example.com", name: "Vera Viewer", roles: ["viewer"], password: "a viewer who needs help" },
  ian: { email: "ian@example.com", name: "Ian Agent", roles: ["agent"], password: "an agent in the it team" },
};
const DAY = 86_400_000;
const RANGE = "from=2026-03-01&to=2026-03-31";

type Table = { columns: { key: string; label: string }[]; rows: Record<string, string | number | null>[] };

/**
 * Every figure below is counted by hand from the fixtures each block inserts (straight into the
 * real database, with the timestamps a report has to sort by); the comments say who is counted where.
 */
describe.each(DIALECTS)("reports on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let lena: TestClient;
  let evan: TestClient;
  let ian: TestClient;
  const ids: Record<string, string> = {};

  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
    for (const [key, person] of Object.entries(PEOPLE)) {
      const { client, id } = await signInAs(t, admin, person);
      ids[key] = id;
      if (key === "lena") lena = client;
      if (key === "evan") evan = client;
      if (key === "ian") ian = client;
    }
    ids.admin = (await t.services.db.selectFrom("users").select("id").where("email", "=", "ada@example.com").executeTakeFirstOrThrow()).id;
    // Dora left: disabled people count in no report's population.
    ids.dora = randomUUID();
    await t.services.db
      .insertInto("users")
      .values({
        id: ids.dora,
        email: "dora@example.com",
        name: "Dora Departed",
        password_hash: null,
        disabled_at: "2026-01-01T00:00:00.000Z",
        created_at: "2025-01-01T00:00:00.000Z",
        updated_at: "2026-01-01T00:00:00.000Z",
      })
      .execute();
  });
  afterEach(async () => {
    await t.dispose();
  });

  const report = async (who: TestClient, name: string, query = RANGE) => {
    const res = await who.get(`/api/reports/${name}?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Table & { range: { from: string; to: string } | null };
  };
  const row = (table: Table, match: Record<string, string>) =>
    table.rows.find((r) => Object.entries(match).every(([k, v]) => r[k] === v)) as Record<string, unknown>;

  let counter = 0;
  const insertRequest = async (type: string, queue: string, status: string, createdAt: string, requester = ids.evan as string) => {
    counter += 1;
    const id = randomUUID();
    await t.services.db
      .insertInto("requests")
      .values({
        id,
        number: 1000 + counter,
        type,
        queue_id: queue,
        policy_id: type === "incident" ? "urgent" : "standard",
        subject: `Fixture ${counter}`,
        description: "",
        fields: "{}",
        status,
        priority: "normal",
        requester_id: requester,
        assignee_id: null,
        account_id: null,
        article_id: null,
        suggestion_session_id: null,
        approval: null,
        decided_by: null,
        decided_at: null,
        outcome: null,
        checklist: null,
        rating: null,
        rating_comment: null,
        rated_at: null,
        first_responded_at: null,
        resolved_at: null,
        closed_at: null,
        reopen_count: 0,
        created_at: createdAt,
        updated_at: createdAt,
      })
      .execute();
    return id;
  };

  /** r1–r6 in March; r7 the day before, r8 the day after. */
  const insertRequests = async () => {
    const r = {
      r1: await insertRequest("access", "it", "new", "2026-03-02T10:00:00.000Z", ids.vera),
      r2: await insertRequest("access", "it", "resolved", "2026-03-05T10:00:00.000Z"),
      r3: await insertRequest("access", "it", "open", "2026-03-31T23:59:00.000Z"),
      r4: await insertRequest("policy_question", "legal", "pending", "2026-03-10T10:00:00.000Z"),
      // Moved from Legal to IT: counted in the queue it is in now.
      r5: await insertRequest("policy_question", "it", "closed", "2026-03-11T09:00:00.000Z"),
      r6: await insertRequest("incident", "pr", "on_hold", "2026-03-15T10:00:00.000Z", ids.vera),
      r7: await insertRequest("access", "it", "new", "2026-02-28T23:59:00.000Z"),
      r8: await insertRequest("access", "it", "new", "2026-04-01T00:00:00.000Z"),
    };
    return r;
  };

  it("counts requests filed in the range by type, queue and status, and only leads and admins see it", async () => {
    await insertRequests();
    const table = await report(lena, "requests");
    expect(table.range).toEqual({ from: "2026-03-01", to: "2026-03-31" });
    const zero = { new: 0, open: 0, pending: 0, on_hold: 0, resolved: 0, closed: 0 };
    expect(table.rows).toEqual([
      { type: "Lost access or 2FA", queue: "IT", ...zero, new: 1, open: 1, resolved: 1, total: 3 },
      { type: "Policy question", queue: "IT", ...zero, closed: 1, total: 1 },
      { type: "Policy question", queue: "Legal", ...zero, pending: 1, total: 1 },
      { type: "Incident (urgent)", queue: "PR", ...zero, on_hold: 1, total: 1 },
      { type: "Total", queue: "", new: 1, open: 1, pending: 1, on_hold: 1, resolved: 1, closed: 1, total: 6 },
    ]);
    // One day wider on each side takes in r7 and r8.
    const wider = await report(lena, "requests", "from=2026-02-28&to=2026-04-01");
    expect(row(wider, { type: "Total" }).total).toBe(8);
    const empty = await report(lena, "requests", "from=2025-01-01&to=2025-01-31");
    expect(empty.rows).toEqual([]);

    // Agents work the queues but do not get the reports; employees neither.
    expect((await ian.get(`/api/reports/requests?${RANGE}`)).statusCode).toBe(403);
    expect((await evan.get(`/api/reports/requests.csv?${RANGE}`)).statusCode).toBe(403);
    expect((await evan.get("/api/reports")).json().reports).toEqual([]);
    expect((await lena.get("/api/reports")).json().reports.map((r: { name: string }) => r.name)).toEqual([
      "requests",
      "sla",
      "deflection",
      "training",
      "attestation",
      "advocacy",
    ]);
    // A bad range is a 400 with a code, never a 5xx.
    for (const [query, code] of [
      ["from=2026-03-31&to=2026-03-01", "invalid_range"],
      ["from=2026-02-30&to=2026-03-01", "invalid_range"],
      ["from=yesterday", "validation_failed"],
      ["from=2000-01-01&to=2026-01-01", "invalid_range"],
    ]) {
      const res = await lena.get(`/api/reports/requests?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code, query).toBe(code);
    }
  });

  it("counts SLA cycles met and missed per queue and clock, with reopens and pauses counted per cycle", async () => {
    const r = await insertRequests();
    const cycle = async (
      requestId: string,
      metric: string,
      n: number,
      startedAt: string,
      segments: [string, string | null][],
      outcome: "met" | "missed" | null,
    ) =>
      t.services.db
        .insertInto("request_sla_cycles")
        .values({
          id: randomUUID(),
          request_id: requestId,
          metric,
          cycle: n,
          calendar_id: "business-hours",
          target_minutes: metric === "resolution" ? 2400 : 240,
          warn_before_minutes: 60,
          segments: JSON.stringify(segments),
          started_at: startedAt,
          due_at: null,
          warn_at: null,
          warned_at: null,
          breached_at: null,
          stopped_at: outcome ? (segments.at(-1)?.[1] ?? startedAt) : null,
          outcome,
        })
        .execute();
    const at = (day: string, time = "10:00") => `2026-03-${day}T${time}:00.000Z`;
    await cycle(r.r1, "first_response", 1, at("02"), [[at("02"), at("02", "11:00")]], "met");
    await cycle(r.r2, "first_response", 1, at("05"), [[at("05"), at("05", "10:30")]], "met");
    await cycle(r.r2, "next_response", 1, at("05", "11:00"), [[at("05", "11:00"), at("06", "17:00")]], "missed");
    // Resolved late, reopened, then resolved in time: cycle 1 keeps "missed", cycle 2 is "met".
    await cycle(r.r2, "resolution", 1, at("05"), [[at("05"), at("20")]], "missed");
    await cycle(r.r2, "resolution", 2, at("23"), [[at("23"), at("23", "12:00")]], "met");
    // Still running since March: long past its 4 business hours, so missed (breached, still open).
    await cycle(r.r3, "first_response", 1, at("31", "23:59"), [[at("31", "23:59"), null]], null);
    // Paused (pending) after 10 minutes of a 4-hour target: open and on time, however long ago.
    await cycle(r.r4, "first_response", 1, at("10"), [[at("10"), at("10", "10:10")]], null);
    // Started before the range: not counted.
    await cycle(r.r7, "first_response", 1, "2026-02-28T23:59:00.000Z", [["2026-02-28T23:59:00.000Z", at("02")]], "met");

    const table = await report(lena, "sla");
    expect(table.rows).toEqual([
      { queue: "IT", metric: "First response", cycles: 3, met: 2, missed: 1, breachedOpen: 1, open: 0, attainment: 66.7 },
      { queue: "IT", metric: "Next response", cycles: 1, met: 0, missed: 1, breachedOpen: 0, open: 0, attainment: 0 },
      { queue: "IT", metric: "Resolution", cycles: 2, met: 1, missed: 1, breachedOpen: 0, open: 0, attainment: 50 },
      { queue: "Legal", metric: "First response", cycles: 1, met: 0, missed: 0, breachedOpen: 0, open: 1, attainment: null },
    ]);
  });

  it("counts deflection from suggestion sessions, not deflected when the same type is filed within 7 days", async () => {
    const r = await insertRequests();
    const session = async (
      userId: string,
      type: string | null,
      createdAt: string,
      s: { shown?: string[]; clicked?: string[]; solvedAt?: string; requestId?: string },
    ) =>
      t.services.db
        .insertInto("kb_suggestion_sessions")
        .values({
          id: randomUUID(),
          user_id: userId,
          request_type: type,
          query: "my problem",
          shown: JSON.stringify(s.shown ?? []),
          clicked: JSON.stringify(s.clicked ?? []),
          solved_article_id: null,
          solved_at: s.solvedAt ?? null,
          request_id: s.requestId ?? null,
          request_filed_at: s.requestId ? createdAt : null,
          created_at: createdAt,
          updated_at: createdAt,
        })
        .execute();
    const evanId = ids.evan as string;
    const veraId = ids.vera as string;
    // s1: solved; Vera's access request r1 came the day before, not after: deflected.
    await session(veraId, "access", "2026-03-03T09:00:00.000Z", { shown: ["a"], clicked: ["a"], solvedAt: "2026-03-03T09:05:00.000Z" });
    // s2: solved on the 4th, then r5 (same type, same person) on the 11th, within 7 days: not deflected.
    await session(evanId, "policy_question", "2026-03-04T10:00:00.000Z", { shown: ["a", "b"], solvedAt: "2026-03-04T10:00:00.000Z" });
    // s3: filed anyway (r1).
    await session(veraId, "access", "2026-03-02T09:55:00.000Z", { shown: ["a"], requestId: r.r1 });
    // s4: nothing shown, nothing done.
    await session(veraId, "access", "2026-03-06T09:00:00.000Z", {});
    // s5: solved, then the form linked the refiled incident (r6) to it: not deflected.
    await session(veraId, "incident", "2026-03-14T10:00:00.000Z", {
      shown: ["b"],
      clicked: ["b"],
      solvedAt: "2026-03-14T10:05:00.000Z",
      requestId: r.r6,
    });
    // s6: solved on the 24th; evan's next access request (r8, 1 April) is after the 7 days: deflected.
    await session(evanId, "access", "2026-03-24T12:00:00.000Z", { shown: ["a"], solvedAt: "2026-03-24T12:00:00.000Z" });
    // s7: before the range.
    await session(evanId, "access", "2026-02-27T12:00:00.000Z", { shown: ["a"], solvedAt: "2026-02-27T12:00:00.000Z" });
    // s8: no type chosen, left.
    await session(veraId, null, "2026-03-20T12:00:00.000Z", { shown: ["a"] });

    const table = await report(lena, "deflection");
    const counts = (
      sessions: number,
      shown: number,
      clicked: number,
      solved: number,
      deflected: number,
      notDeflected: number,
      filedAnyway: number,
      noOutcome: number,
      rate: number | null,
    ) => ({ sessions, shown, clicked, solved, deflected, notDeflected, filedAnyway, noOutcome, rate });
    expect(table.rows).toEqual([
      { type: "Lost access or 2FA", ...counts(4, 3, 1, 2, 2, 0, 1, 1, 66.7) },
      { type: "Policy question", ...counts(1, 1, 0, 1, 0, 1, 0, 0, 0) },
      { type: "Incident (urgent)", ...counts(1, 1, 1, 1, 0, 1, 0, 0, 0) },
      { type: "No type chosen", ...counts(1, 1, 0, 0, 0, 0, 0, 1, 0) },
      { type: "Total", ...counts(7, 6, 2, 4, 2, 2, 1, 2, 33.3) },
    ]);
  });

  it("reports training completion per course over everyone who can sign in", async () => {
    const db = t.services.db;
    const course = await db.selectFrom("training_courses").selectAll().where("slug", "=", "netiquette-basics").executeTakeFirstOrThrow();
    const now = Date.now();
    const cert = (userId: string, expiresAt: number | null) =>
      db
        .insertInto("training_certifications")
        .values({
          id: randomUUID(),
          course_id: course.id,
          user_id: userId,
          attempt_id: randomUUID(),
          score: 90,
          granted_at: new Date(now - 30 * DAY).toISOString(),
          expires_at: expiresAt === null ? null : new Date(expiresAt).toISOString(),
          reminded_at: null,
          lapsed_at: null,
        })
        .execute();
    await cert(ids.evan as string, now + (course.recert_window_days + 30) * DAY); // certified
    await cert(ids.vera as string, now + DAY); // certified, inside the renewal window
    await cert(ids.ian as string, now - DAY); // expired
    await cert(ids.dora as string, null); // disabled: not counted
    // Lena started a quiz, Ada read a lesson: in progress.
    await db
      .insertInto("training_attempts")
      .values({
        id: randomUUID(),
        course_id: course.id,
        user_id: ids.lena as string,
        questions: "[]",
        pass_mark: 80,
        started_at: new Date(now - DAY).toISOString(),
        submitted_at: null,
        answers: null,
        score: null,
        passed: null,
      })
      .execute();
    const lesson = await db.selectFrom("training_lessons").select("id").where("course_id", "=", course.id).executeTakeFirstOrThrow();
    await db
      .insertInto("training_lesson_reads")
      .values({ lesson_id: lesson.id, user_id: ids.admin as string, read_at: new Date(now).toISOString() })
      .execute();

    const table = await report(lena, "training", "");
    expect(table.range).toBeNull();
    expect(row(table, { course: "Netiquette basics" })).toEqual({
      course: "Netiquette basics",
      published: "yes",
      people: 5,
      certified: 2,
      renewSoon: 1,
      expired: 1,
      inProgress: 2,
      notStarted: 0,
      completion: 40,
    });
    expect(row(table, { course: "Brand voice" })).toMatchObject({ people: 5, certified: 0, inProgress: 0, notStarted: 5, completion: 0 });
    expect((await ian.get("/api/reports/training")).statusCode).toBe(403);
  });

  it("reports acknowledgment coverage per campaign: on time, late, pending and overdue", async () => {
    const db = t.services.db;
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const v1 = await db.selectFrom("policy_versions").select("version").where("version", "=", 1).executeTakeFirst();
    for (const version of v1 ? [2] : [1, 2]) {
      await db
        .insertInto("policy_versions")
        .values({
          version,
          title: `Social media policy v${version}`,
          body: "Be kind.",
          html: "<p>Be kind.</p>",
          substantive: 1,
          note: "",
          published_by: null,
          published_by_label: "Ada Admin",
          published_at: iso(now - (3 - version) * 30 * DAY),
        })
        .execute();
    }
    const campaign = async (version: number, audience: unknown, dueAt: number, createdAt: number) => {
      const id = randomUUID();
      await db
        .insertInto("policy_campaigns")
        .values({
          id,
          version,
          audience: JSON.stringify(audience),
          due_at: iso(dueAt),
          allow_late: 1,
          remind_every_days: 7,
          last_reminded_at: null,
          closed_at: null,
          created_by: null,
          created_at: iso(createdAt),
        })
        .execute();
      return id;
    };
    const c1 = await campaign(1, { kind: "everyone" }, now - 10 * DAY, now - 40 * DAY);
    const c2 = await campaign(2, { kind: "roles", roles: ["employee", "viewer"] }, now + 10 * DAY, now - DAY);
    const ack = (userId: string, version: number, campaignId: string, late: boolean) =>
      db
        .insertInto("policy_acknowledgments")
        .values({
          id: randomUUID(),
          user_id: userId,
          version,
          campaign_id: campaignId,
          view_id: randomUUID(),
          acknowledged_at: iso(now - DAY),
          open_ms: 60_000,
          late: late ? 1 : 0,
        })
        .execute();
    await ack(ids.evan as string, 2, c2, false); // v2 on time, which also covers v1
    await ack(ids.vera as string, 1, c1, true); // v1 late
    await ack(ids.ian as string, 1, c1, false); // v1 on time
    await ack(ids.dora as string, 1, c1, false); // disabled: outside every audience

    const table = await report(lena, "attestation", "");
    const v1Title = (await db.selectFrom("policy_versions").select("title").where("version", "=", 1).executeTakeFirstOrThrow()).title;
    expect(table.rows).toEqual([
      // Employees and viewers: Evan acknowledged, Vera has not accepted v2 yet (not due).
      {
        version: 2,
        title: "Social media policy v2",
        dueAt: iso(now + 10 * DAY).slice(0, 10),
        state: "open",
        audience: 2,
        onTime: 1,
        late: 0,
        pending: 1,
        overdue: 0,
        coverage: 50,
      },
      // Everyone (5 active): Evan (via v2) and Ian on time, Vera late; Ada and Lena pending past the due date.
      {
        version: 1,
        title: v1Title,
        dueAt: iso(now - 10 * DAY).slice(0, 10),
        state: "open",
        audience: 5,
        onTime: 2,
        late: 1,
        pending: 2,
        overdue: 2,
        coverage: 60,
      },
    ]);
  });

  it("counts advocacy shares confirmed and their clicks in the range, per item; only leads and admins see it", async () => {
    const db = advocacyDb(t.services.db);
    const at = "2026-02-01T00:00:00.000Z";
    const item = (id: string, title: string) =>
      db
        .insertInto("advocacy_items")
        .values({
          id,
          title,
          suggested_text: "Look #AcmeEmployee",
          url: null,
          topics: "[]",
          networks: '["x","linkedin"]',
          disclosure: "#AcmeEmployee",
          expires_at: null,
          created_by: ids.lena as string,
          created_at: at,
          updated_at: at,
        })
        .execute();
    await item("i1", "Spring timetable");
    await item("i2", "New lounge");
    await item("i3", "Never shared");
    let n = 0;
    const share = async (itemId: string, userId: string, network: string, status: string, sharedAt: string | null, clicks: string[]) => {
      n += 1;
      const linkId = `l${n}`;
      await db
        .insertInto("links")
        .values({
          id: linkId,
          code: `code${n}`,
          destination: "https://acme.example/",
          campaign_id: null,
          post_id: null,
          account_id: null,
          utm_source: null,
          utm_medium: null,
          utm_campaign: null,
          utm_term: null,
          utm_content: null,
          expires_at: null,
          archived_at: null,
          created_by: userId,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await db
        .insertInto("advocacy_shares")
        .values({
          id: `s${n}`,
          item_id: itemId,
          user_id: userId,
          network,
          instance: null,
          text: "Look #AcmeEmployee",
          link_id: linkId,
          status: status as "shared",
          created_at: at,
          updated_at: at,
          shared_at: sharedAt,
        })
        .execute();
      for (const [k, clickedAt] of clicks.entries())
        await db
          .insertInto("link_clicks")
          .values({
            id: `c${n}-${k}`,
            link_id: linkId,
            visitor_hash: `v${k}`,
            clicked_at: clickedAt,
            hour: `${clickedAt.slice(0, 13)}:00:00.000Z`,
            recorded_at: clickedAt,
            post_id: null,
            campaign_id: null,
            account_id: null,
            utm_source: null,
            utm_medium: null,
            utm_campaign: null,
            utm_term: null,
            utm_content: null,
          })
          .execute();
    };
    // Spring timetable: Evan on X (2 clicks in March, 1 in April), Vera on LinkedIn (1 click), Evan again on LinkedIn (0).
    await share("i1", ids.evan as string, "x", "shared", "2026-03-03T10:00:00.000Z", [
      "2026-03-03T11:00:00.000Z",
      "2026-03-04T09:00:00.000Z",
      "2026-04-02T09:00:00.000Z",
    ]);
    await share("i1", ids.vera as string, "linkedin", "shared", "2026-03-20T10:00:00.000Z", ["2026-03-21T10:00:00.000Z"]);
    await share("i1", ids.evan as string, "linkedin", "shared", "2026-03-22T10:00:00.000Z", []);
    // New lounge: shared in February (outside), and opened but never confirmed in March with a click (counted as a click).
    await share("i2", ids.evan as string, "x", "shared", "2026-02-27T10:00:00.000Z", ["2026-02-27T11:00:00.000Z"]);
    await share("i2", ids.vera as string, "x", "prepared", null, ["2026-03-05T10:00:00.000Z"]);
    expect((await evan.get(`/api/reports/advocacy?${RANGE}`)).statusCode).toBe(403);
    const table = await report(lena, "advocacy");
    expect(table.rows).toEqual([
      { item: "New lounge", shares: 0, people: 0, networks: "", clicks: 1, clicksPerShare: null },
      { item: "Spring timetable", shares: 3, people: 2, networks: "linkedin, x", clicks: 3, clicksPerShare: 1 },
    ]);
  });

  it("exports every report as CSV with formulas defused", async () => {
    await insertRequests();
    // A request type whose name a spreadsheet would run as a formula.
    await t.services.db.updateTable("request_types").set({ name: '=HYPERLINK("http://evil")' }).where("key", "=", "incident").execute();
    const res = await lena.get(`/api/reports/requests.csv?${RANGE}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="requests-2026-03-01-to-2026-03-31.csv"');
    const lines = res.body.trim().split("\n");
    expect(lines[0]).toBe("Type,Queue,New,Open,Pending,On hold,Resolved,Closed,Total");
    expect(lines[1]).toBe("Lost access or 2FA,IT,1,1,0,0,1,0,3");
    expect(lines).toContain(`"'=HYPERLINK(""http://evil"")",PR,0,0,0,1,0,0,1`);
    expect(lines.at(-1)).toBe("Total,,1,1,1,1,1,1,6");
    for (const name of ["sla", "deflection", "training", "attestation", "advocacy"]) {
      const csv = await lena.get(`/api/reports/${name}.csv?${RANGE}`);
      expect(csv.statusCode, name).toBe(200);
      expect(csv.body.split("\n")[0], name).not.toBe("");
    }
  });
});

describe("report CSV cells", () => {
  it("prefixes text a spreadsheet would run, and leaves numbers alone", () => {
    expect(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "plain", ""].map(defuse)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      "plain",
      "",
    ]);
    expect(defuse(-3)).toBe("-3");
    expect(defuse(null)).toBe("");
    expect(reportCsv({ columns: [{ key: "a", label: "A" }], rows: [{ a: "-x" }, { a: 2 }] })).toBe("A\n'-x\n2\n");
  });
});
