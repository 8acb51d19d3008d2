import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../http/auth.js";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import { IdParams } from "../identity/schema.js";
import type { Services } from "../services.js";
import { parseOptions } from "./model.js";
import { applyStarterRequirement, listRequirements, STARTER_REQUIREMENT, saveRequirements } from "./requirements.js";
import { resetAttempts } from "./resetAttempts.js";
import { createCourse, deleteCourse, updateCourse } from "./saveCourse.js";
import { createLesson, deleteLesson, updateLesson } from "./saveLesson.js";
import { createQuestion, deleteQuestion, updateQuestion } from "./saveQuestion.js";
import { CourseBody, CourseIdParams, CourseView, LearnerView, LessonBody, QuestionBody, QuestionView, UserCourseParams } from "./schema.js";
import { certificationOf, findCourse, presentCourse } from "./store.js";

const tags = ["training"];

const Requirement = z.object({
  subject: z.string().describe("permission:<permission> or role:<role>"),
  courses: z.array(z.object({ id: z.string(), title: z.string() })),
  policy: z.boolean().describe("The current social media policy must be acknowledged"),
});
const RequirementsBody = z.strictObject({
  requirements: z
    .array(
      z.strictObject({ subject: z.string().max(100), courseIds: z.array(z.string().max(100)).max(50), policy: z.boolean().default(false) }),
    )
    .max(100),
});

/** The course and quiz builder (training.manage) and which permissions need what (users.manage). */
export async function manageRoutes(app: FastifyInstance, services: Services) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const manage = { permission: "training.manage" as const };
  const courseView = async (request: Parameters<typeof actorOf>[0], id: string) => {
    const actor = actorOf(request);
    return presentCourse(db, await findCourse(db, actor, id), actor);
  };

  typed.post(
    "/api/training/courses",
    { config: manage, schema: { tags, summary: "Create a course", body: CourseBody, response: { 201: CourseView, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await courseView(request, await createCourse(db, auditOf(request), request.body))),
  );
  typed.put(
    "/api/training/courses/:courseId",
    {
      config: manage,
      schema: {
        tags,
        summary: "Change a course's settings",
        params: CourseIdParams,
        body: CourseBody,
        response: { 200: CourseView, ...errorResponses },
      },
    },
    async (request) => {
      await updateCourse(db, auditOf(request), request.params.courseId, request.body);
      return courseView(request, request.params.courseId);
    },
  );
  typed.delete(
    "/api/training/courses/:courseId",
    {
      config: manage,
      schema: {
        tags,
        summary: "Delete a course, its attempts and certifications, and requirements naming it",
        params: CourseIdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteCourse(db, auditOf(request), request.params.courseId);
      return reply.code(204).send(null);
    },
  );

  typed.post(
    "/api/training/courses/:courseId/lessons",
    {
      config: manage,
      schema: {
        tags,
        summary: "Add a lesson (Markdown)",
        params: CourseIdParams,
        body: LessonBody,
        response: { 201: CourseView, ...errorResponses },
      },
    },
    async (request, reply) => {
      await createLesson(db, auditOf(request), request.params.courseId, request.body);
      return reply.code(201).send(await courseView(request, request.params.courseId));
    },
  );
  typed.put(
    "/api/training/lessons/:id",
    {
      config: manage,
      schema: { tags, summary: "Edit a lesson", params: IdParams, body: LessonBody, response: { 200: CourseView, ...errorResponses } },
    },
    async (request) => courseView(request, await updateLesson(db, auditOf(request), request.params.id, request.body)),
  );
  typed.delete(
    "/api/training/lessons/:id",
    { config: manage, schema: { tags, summary: "Delete a lesson", params: IdParams, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await deleteLesson(db, auditOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  typed.get(
    "/api/training/courses/:courseId/questions",
    {
      config: manage,
      schema: {
        tags,
        summary: "The question bank, with the answers",
        params: CourseIdParams,
        response: { 200: z.object({ questions: z.array(QuestionView) }), ...errorResponses },
      },
    },
    async (request) => {
      await findCourse(db, actorOf(request), request.params.courseId);
      const rows = await db
        .selectFrom("training_questions")
        .selectAll()
        .where("course_id", "=", request.params.courseId)
        .orderBy("position")
        .orderBy("created_at")
        .execute();
      return {
        questions: rows.map((q) => ({
          id: q.id,
          prompt: q.prompt,
          explanation: q.explanation,
          options: parseOptions(q.options),
          position: q.position,
        })),
      };
    },
  );
  typed.post(
    "/api/training/courses/:courseId/questions",
    {
      config: manage,
      schema: {
        tags,
        summary: "Add a question to the bank",
        params: CourseIdParams,
        body: QuestionBody,
        response: { 201: z.object({ id: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send({ id: await createQuestion(db, auditOf(request), request.params.courseId, request.body) }),
  );
  typed.put(
    "/api/training/questions/:id",
    {
      config: manage,
      schema: { tags, summary: "Edit a question", params: IdParams, body: QuestionBody, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await updateQuestion(db, auditOf(request), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );
  typed.delete(
    "/api/training/questions/:id",
    { config: manage, schema: { tags, summary: "Delete a question", params: IdParams, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await deleteQuestion(db, auditOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  typed.get(
    "/api/training/courses/:courseId/learners",
    {
      config: manage,
      schema: {
        tags,
        summary: "Everyone's progress in a course",
        params: CourseIdParams,
        response: { 200: z.object({ learners: z.array(LearnerView) }), ...errorResponses },
      },
    },
    async (request) => {
      const course = await findCourse(db, actorOf(request), request.params.courseId);
      const users = await db.selectFrom("users").select(["id", "name", "email"]).where("disabled_at", "is", null).orderBy("name").execute();
      const now = Date.now();
      const learners = await Promise.all(
        users.map(async (u) => {
          const attempts = await db
            .selectFrom("training_attempts")
            .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("score").as("best")])
            .where("course_id", "=", course.id)
            .where("user_id", "=", u.id)
            .where("submitted_at", "is not", null)
            .executeTakeFirst();
          const read = await db
            .selectFrom("training_lesson_reads")
            .innerJoin("training_lessons", "training_lessons.id", "training_lesson_reads.lesson_id")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("training_lessons.course_id", "=", course.id)
            .where("training_lesson_reads.user_id", "=", u.id)
            .executeTakeFirst();
          return {
            userId: u.id,
            name: u.name,
            email: u.email,
            lessonsRead: Number(read?.n ?? 0),
            attempts: Number(attempts?.n ?? 0),
            bestScore: attempts?.best === null || attempts?.best === undefined ? null : Number(attempts.best),
            certification: await certificationOf(db, course, u.id, now),
          };
        }),
      );
      return { learners };
    },
  );
  typed.post(
    "/api/training/courses/:courseId/learners/:userId/reset",
    {
      config: manage,
      schema: {
        tags,
        summary: "Let someone try the quiz again now (clears their used attempts and the delay)",
        params: UserCourseParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const course = await findCourse(db, actorOf(request), request.params.courseId);
      await resetAttempts(db, auditOf(request), course, request.params.userId);
      return reply.code(204).send(null);
    },
  );

  const RequirementsView = z.object({
    requirements: z.array(Requirement),
    starter: z.object({ subject: z.string(), courseSlugs: z.array(z.string()), applied: z.boolean() }),
  });
  const requirementsView = async () => {
    const requirements = await listRequirements(db);
    const starterIds = await db
      .selectFrom("training_courses")
      .select("id")
      .where("slug", "in", [...STARTER_REQUIREMENT.courseSlugs])
      .execute();
    const current = requirements.find((r) => r.subject === STARTER_REQUIREMENT.subject);
    const applied = starterIds.length > 0 && starterIds.every((s) => current?.courses.some((c) => c.id === s.id));
    return { requirements, starter: { subject: STARTER_REQUIREMENT.subject, courseSlugs: [...STARTER_REQUIREMENT.courseSlugs], applied } };
  };
  typed.get(
    "/api/training/requirements",
    {
      config: { permission: "users.manage" },
      schema: {
        tags,
        summary: "Which permissions and roles need a certification or the policy acknowledged",
        response: { 200: RequirementsView, ...errorResponses },
      },
    },
    requirementsView,
  );
  typed.put(
    "/api/training/requirements",
    {
      config: { permission: "users.manage" },
      schema: {
        tags,
        summary: "Replace the requirements (an empty list: nothing is required)",
        body: RequirementsBody,
        response: { 200: RequirementsView, ...errorResponses },
      },
    },
    async (request) => {
      await saveRequirements(db, auditOf(request), request.body.requirements);
      return requirementsView();
    },
  );
  typed.post(
    "/api/training/requirements/starter",
    {
      config: { permission: "users.manage" },
      schema: {
        tags,
        summary: "One click: posts.write (compose and publish) needs Netiquette basics and Brand voice",
        response: { 200: RequirementsView, ...errorResponses },
      },
    },
    async (request) => {
      await applyStarterRequirement(db, auditOf(request));
      return requirementsView();
    },
  );
  typed.get(
    "/api/training/requirements/mine",
    {
      config: { auth: "user" },
      schema: {
        tags,
        summary: "What your roles would allow but an unmet requirement holds back, and what would restore it",
        response: {
          200: z.object({ withheld: z.array(Requirement.omit({ subject: true }).extend({ permission: z.string() })) }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({
      withheld: [...(actorOf(request).withheld ?? [])].map(([permission, missing]) => ({
        permission,
        courses: missing.courses,
        policy: missing.policy,
      })),
    }),
  );
}
