import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { signInAs } from "../../test/helpers/publishingApp.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";
import { recordLapses, remindRecertifications } from "./certificationWatch.js";

const LEAD = { email: "lena@example.com", name: "Lena Lead", roles: ["lead"], password: "a lead who builds courses" };
const CORA = { email: "cora@example.com", name: "Cora Contributor", roles: ["contributor"], password: "a contributor who posts" };
const EVE = { email: "eve@example.com", name: "Eve Employee", roles: ["employee"], password: "an employee who learns" };

interface Course {
  id: string;
  slug: string;
  title: string;
  questionCount: number;
  lessons: { id: string; html: string }[];
  certification: { status: string; expiresAt: string | null } | null;
  attempts: { used: number; left: number | null; nextAttemptAt: string | null; blockedBy: string | null };
}
interface Attempt {
  id: string;
  questions: { id: string; prompt: string; multiple: boolean; options: { id: string; text: string }[] }[];
  result: { score: number; passed: boolean; correct: number; total: number; nextAttemptAt: string | null } | null;
}
type Key = Map<string, string[]>;

describe.each(DIALECTS)("training on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let lead: TestClient;
  let cora: TestClient;
  let coraId: string;
  let eve: TestClient;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
    lead = (await signInAs(t, admin, LEAD)).client;
    const signed = await signInAs(t, admin, CORA);
    cora = signed.client;
    coraId = signed.id;
    eve = (await signInAs(t, admin, EVE)).client;
  });
  afterEach(async () => {
    await t.dispose();
  });

  const courses = async (who: TestClient) => (await who.get("/api/training/courses")).json().courses as Course[];
  const course = async (who: TestClient, slug: string) => {
    const found = (await courses(who)).find((c) => c.slug === slug);
    if (!found) throw new Error(`no course ${slug}`);
    return (await who.get(`/api/training/courses/${found.id}`)).json() as Course;
  };
  /** The answer key, as only a training manager may read it. */
  const keyOf = async (courseId: string): Promise<Key> => {
    const res = await lead.get(`/api/training/courses/${courseId}/questions`);
    expect(res.statusCode, res.body).toBe(200);
    const questions = res.json().questions as { id: string; options: { id: string; correct: boolean }[] }[];
    return new Map(questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]));
  };
  const start = async (who: TestClient, courseId: string) => who.post(`/api/training/courses/${courseId}/attempts`);
  const rightAnswers = (attempt: Attempt, key: Key) => attempt.questions.map((q) => ({ questionId: q.id, optionIds: key.get(q.id) ?? [] }));
  const wrongAnswers = (attempt: Attempt, key: Key) =>
    attempt.questions.map((q) => ({
      questionId: q.id,
      optionIds: [q.options.find((o) => !(key.get(q.id) ?? []).includes(o.id))?.id ?? ""],
    }));
  const submit = (who: TestClient, attemptId: string, answers: { questionId: string; optionIds: string[] }[]) =>
    who.post(`/api/training/attempts/${attemptId}/submit`, { answers });
  const pass = async (who: TestClient, slug: string) => {
    const c = await course(who, slug);
    const key = await keyOf(c.id);
    const started = await start(who, c.id);
    expect(started.statusCode, started.body).toBe(201);
    const attempt = started.json() as Attempt;
    const res = await submit(who, attempt.id, rightAnswers(attempt, key));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().result.passed).toBe(true);
  };
  const auditActions = async () => ((await admin.get("/api/audit?limit=500")).json().events as { action: string }[]).map((e) => e.action);
  const permissionsOf = async (who: TestClient) => (await who.get("/api/me")).json().permissions as string[];

  it("ships the two starter courses with lessons that link to the netiquette guide and banks of ten questions", async () => {
    const list = await courses(eve);
    expect(list.map((c) => c.title).sort()).toEqual(["Brand voice", "Netiquette basics"]);
    for (const c of list) expect(c.questionCount).toBe(10);
    const netiquette = await course(eve, "netiquette-basics");
    expect(netiquette.lessons.length).toBeGreaterThanOrEqual(3);
    expect(netiquette.lessons.map((l) => l.html).join("")).toContain('href="/kb/netiquette#answering-complaints"');
    expect(netiquette.certification).toBeNull();
  });

  it("sends questions without answers, grades on the server, delays a retry after a failure and certifies a pass", async () => {
    const c = await course(eve, "netiquette-basics");
    const key = await keyOf(c.id);
    const started = await start(eve, c.id);
    expect(started.statusCode, started.body).toBe(201);
    const attempt = started.json() as Attempt;
    expect(attempt.questions).toHaveLength(5);
    expect(started.body).not.toMatch(/"correct"/);
    expect(new Set(attempt.questions.map((q) => q.id)).size).toBe(5);
    for (const q of attempt.questions) expect(key.has(q.id)).toBe(true);
    // Starting again resumes the open attempt instead of drawing new questions.
    expect((await start(eve, c.id)).json().id).toBe(attempt.id);

    const failed = await submit(eve, attempt.id, wrongAnswers(attempt, key));
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json().result).toMatchObject({ passed: false, score: 0, correct: 0, total: 5 });
    expect(failed.json().result.nextAttemptAt).not.toBeNull();
    // Replaying the submission, even with the right answers now, grants nothing.
    const replay = await submit(eve, attempt.id, rightAnswers(attempt, key));
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error.code).toBe("attempt_already_submitted");

    const tooSoon = await start(eve, c.id);
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.json().error.code).toBe("attempt_too_soon");
    expect(tooSoon.json().error.details.nextAttemptAt).toBe(failed.json().result.nextAttemptAt);
    expect((await course(eve, "netiquette-basics")).attempts).toMatchObject({ used: 1, left: 4, blockedBy: "attempt_too_soon" });

    // Time passes: the failed attempt is older than the delay.
    await t.services.db
      .updateTable("training_attempts")
      .set({ submitted_at: new Date(Date.now() - 3_600_000).toISOString() })
      .where("id", "=", attempt.id)
      .execute();
    const second = (await start(eve, c.id)).json() as Attempt;
    expect(second.id).not.toBe(attempt.id);
    const passed = await submit(eve, second.id, rightAnswers(second, key));
    expect(passed.json().result).toMatchObject({ passed: true, score: 100 });
    const after = await course(eve, "netiquette-basics");
    expect(after.certification?.status).toBe("valid");
    expect(Date.parse(after.certification?.expiresAt ?? "")).toBeGreaterThan(Date.now() + 364 * 86_400_000);
    expect((await start(eve, c.id)).json().error.code).toBe("already_certified");
    expect(await auditActions()).toEqual(
      expect.arrayContaining(["training.attempt_started", "training.attempt_submitted", "training.certified"]),
    );
  });

  it("refuses tampered answers: questions not drawn, options not shown, someone else's attempt", async () => {
    const c = await course(eve, "brand-voice");
    const key = await keyOf(c.id);
    const attempt = (await start(eve, c.id)).json() as Attempt;
    const drawn = new Set(attempt.questions.map((q) => q.id));
    const notDrawn = [...key.keys()].find((id) => !drawn.has(id)) as string;
    const extra = await submit(eve, attempt.id, [
      ...rightAnswers(attempt, key),
      { questionId: notDrawn, optionIds: key.get(notDrawn) ?? [] },
    ]);
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.code).toBe("answer_not_in_attempt");
    const [first, second] = attempt.questions;
    if (!first || !second) throw new Error("too few questions");
    const swapped = await submit(eve, attempt.id, [{ questionId: first.id, optionIds: [second.options[0]?.id ?? ""] }]);
    expect(swapped.statusCode).toBe(400);
    // Another person cannot submit (or see) this attempt.
    const stolen = await submit(cora, attempt.id, rightAnswers(attempt, key));
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().error.code).toBe("attempt_not_found");
    expect((await cora.get(`/api/training/attempts/${attempt.id}`)).statusCode).toBe(404);
    // An answer with every option ticked is not right.
    const all = await submit(
      eve,
      attempt.id,
      attempt.questions.map((q) => ({ questionId: q.id, optionIds: q.options.map((o) => o.id) })),
    );
    expect(all.json().result.passed).toBe(false);
    expect(await t.services.db.selectFrom("training_certifications").selectAll().execute()).toHaveLength(0);
  });

  it("limits attempts, and a training manager can let someone try again", async () => {
    const created = await lead.post("/api/training/courses", {
      title: "Crisis basics",
      published: true,
      questionsPerAttempt: 1,
      maxAttempts: 1,
      retryDelayMinutes: 0,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(
      (await lead.post(`/api/training/courses/${id}/questions`, { prompt: "Pause?", options: [{ text: "Yes", correct: false }] }))
        .statusCode,
    ).toBe(400);
    const q = await lead.post(`/api/training/courses/${id}/questions`, {
      prompt: "Who may pause scheduled posts in a crisis?",
      options: [
        { text: "Anyone", correct: true },
        { text: "Only the CEO", correct: false },
      ],
    });
    expect(q.statusCode, q.body).toBe(201);
    expect((await eve.post("/api/training/courses", { title: "Mine" })).statusCode).toBe(403);
    const key = await keyOf(id);
    const attempt = (await start(eve, id)).json() as Attempt;
    await submit(eve, attempt.id, wrongAnswers(attempt, key));
    const limited = await start(eve, id);
    expect(limited.statusCode).toBe(409);
    expect(limited.json().error.code).toBe("attempt_limit_reached");
    const eveId = (await eve.get("/api/me")).json().user.id;
    expect((await lead.post(`/api/training/courses/${id}/learners/${eveId}/reset`)).statusCode).toBe(204);
    expect((await start(eve, id)).statusCode).toBe(201);
    expect(await auditActions()).toEqual(
      expect.arrayContaining(["training.course_created", "training.question_created", "training.attempts_reset"]),
    );
  });

  it("sanitises lesson text: a stored script never reaches a reader", async () => {
    const c = await course(lead, "brand-voice");
    const res = await lead.post(`/api/training/courses/${c.id}/lessons`, {
      title: "Sneaky",
      body: 'Hi <script>window.pwned = 1</script><img src="x.png" onerror="window.pwned = 2"> [x](javascript:alert(1))',
    });
    expect(res.statusCode, res.body).toBe(201);
    const html = (res.json() as Course).lessons.map((l) => l.html).join("");
    expect(html).toContain("Hi");
    expect(html).not.toMatch(/<script|onerror|href="javascript:/i);
  });

  it("changes nothing until an admin requires courses; then publishing needs them, at once, and a lapse takes it away with audit events", async () => {
    // Default: nothing required.
    expect(await permissionsOf(cora)).toContain("posts.write");
    expect((await cora.post("/api/posts", {})).statusCode).toBe(400);

    expect((await lead.post("/api/training/requirements/starter")).statusCode).toBe(403);
    const applied = await admin.post("/api/training/requirements/starter");
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().starter.applied).toBe(true);

    const refused = await cora.post("/api/posts", {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("certification_required");
    expect(
      refused
        .json()
        .error.details.courses.map((c: { title: string }) => c.title)
        .sort(),
    ).toEqual(["Brand voice", "Netiquette basics"]);
    expect(refused.json().error.message).toContain("Netiquette basics");
    expect(await permissionsOf(cora)).not.toContain("posts.write");
    expect((await cora.get("/api/training/requirements/mine")).json().withheld[0].permission).toBe("posts.write");
    // Reading is not gated.
    expect((await cora.get("/api/posts")).statusCode).toBe(200);
    // Someone without posts.write is unaffected (still a plain 403 forbidden for writing).
    expect((await eve.post("/api/posts", {})).json().error.code).toBe("forbidden");

    await pass(cora, "netiquette-basics");
    const oneMissing = await cora.post("/api/posts", {});
    expect(oneMissing.json().error.details.courses.map((c: { title: string }) => c.title)).toEqual(["Brand voice"]);
    await pass(cora, "brand-voice");
    expect((await cora.post("/api/posts", {})).statusCode).toBe(400);
    expect(await permissionsOf(cora)).toContain("posts.write");

    // The certification expires: the check refuses at once, before the lapse job has run.
    const netiquette = await course(cora, "netiquette-basics");
    await t.services.db
      .updateTable("training_certifications")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("user_id", "=", coraId)
      .where("course_id", "=", netiquette.id)
      .execute();
    const lapsed = await cora.post("/api/posts", {});
    expect(lapsed.statusCode).toBe(403);
    expect(lapsed.json().error.details.courses.map((c: { title: string }) => c.title)).toEqual(["Netiquette basics"]);
    expect((await course(cora, "netiquette-basics")).certification?.status).toBe("expired");

    expect(await recordLapses(t.services.db)).toBe(1);
    expect(await recordLapses(t.services.db)).toBe(0);
    const events = (await admin.get("/api/audit?limit=500")).json().events as { action: string; targetId: string; changes: unknown }[];
    const lapseEvents = events.filter((e) => e.action === "training.certification_lapsed" || e.action === "identity.permission_lapsed");
    expect(lapseEvents.map((e) => e.action).sort()).toEqual(["identity.permission_lapsed", "training.certification_lapsed"]);
    expect(lapseEvents.every((e) => e.targetId === coraId)).toBe(true);
    expect(JSON.stringify(lapseEvents)).toContain("posts.write");
    const notes = (await cora.get("/api/notifications")).json().notifications as { kind: string }[];
    expect(notes.map((n) => n.kind)).toContain("training.lapsed");

    // Recertifying restores it.
    await pass(cora, "netiquette-basics");
    expect((await cora.post("/api/posts", {})).statusCode).toBe(400);

    // Back to nothing required.
    expect((await admin.put("/api/training/requirements", { requirements: [] })).statusCode).toBe(200);
    expect(await auditActions()).toContain("identity.permission_requirements_changed");
  });

  it("can require a course for a whole role, and refuses unknown subjects", async () => {
    const c = await course(admin, "brand-voice");
    const bad = await admin.put("/api/training/requirements", { requirements: [{ subject: "role:wizard", courseIds: [c.id] }] });
    expect(bad.json().error.code).toBe("unknown_requirement_subject");
    const saved = await admin.put("/api/training/requirements", { requirements: [{ subject: "role:contributor", courseIds: [c.id] }] });
    expect(saved.statusCode, saved.body).toBe(200);
    const perms = await permissionsOf(cora);
    expect(perms).not.toContain("posts.write");
    expect(perms).toContain("accounts.read"); // also granted by everyone's baseline
    expect((await cora.post("/api/posts", {})).json().error.code).toBe("certification_required");
    await pass(cora, "brand-voice");
    expect(await permissionsOf(cora)).toContain("posts.write");
  });

  it("reminds people inside the recertification window once per round", async () => {
    await pass(eve, "brand-voice");
    expect(await remindRecertifications(t.services.db)).toBe(0);
    await t.services.db
      .updateTable("training_certifications")
      .set({ expires_at: new Date(Date.now() + 10 * 86_400_000).toISOString() })
      .execute();
    expect((await course(eve, "brand-voice")).certification?.status).toBe("renew");
    expect(await remindRecertifications(t.services.db)).toBe(1);
    expect(await remindRecertifications(t.services.db)).toBe(0);
    const notes = (await eve.get("/api/notifications")).json().notifications as { kind: string; title: string }[];
    expect(notes.find((n) => n.kind === "training.recertify")?.title).toContain("Brand voice");
    // Inside the window a new attempt is allowed.
    expect((await start(eve, (await course(eve, "brand-voice")).id)).statusCode).toBe(201);
  });
});
