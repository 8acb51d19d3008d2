import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../http/auth.js";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import { IdParams } from "../identity/schema.js";
import type { Services } from "../services.js";
import { manageRoutes } from "./manageRoutes.js";
import { presentAttempt } from "./presentAttempt.js";
import { markLessonRead } from "./saveLesson.js";
import { AttemptView, CourseIdParams, CourseSummaryView, CourseView, SubmitBody } from "./schema.js";
import { startAttempt } from "./startAttempt.js";
import { installStarterCourses } from "./starter.js";
import { findCourse, listCourses, presentCourse, presentCourseSummary } from "./store.js";
import { submitAttempt } from "./submitAttempt.js";

const tags = ["training"];

/** My training: courses, lessons, quiz attempts graded on the server, certifications. Every signed-in person. */
export async function trainingRoutes(base: FastifyInstance, services: Services) {
  await installStarterCourses(services.db);
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, capabilities } = services;

  app.get(
    "/api/training/courses",
    {
      config: { auth: "user" },
      schema: {
        tags,
        summary: "Courses (published ones; training managers see all) with your progress, attempts and certification",
        response: { 200: z.object({ courses: z.array(CourseSummaryView) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await listCourses(db, actor);
      return { courses: await Promise.all(rows.map((c) => presentCourseSummary(db, c, actor.user.id))) };
    },
  );

  app.get(
    "/api/training/courses/:courseId",
    {
      config: { auth: "user" },
      schema: {
        tags,
        summary: "One course with its lessons (sanitised HTML)",
        params: CourseIdParams,
        response: { 200: CourseView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentCourse(db, await findCourse(db, actor, request.params.courseId), actor);
    },
  );

  app.post(
    "/api/training/lessons/:id/read",
    {
      config: { auth: "user" },
      schema: { tags, summary: "Mark a lesson read (for progress)", params: IdParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await markLessonRead(db, auditOf(request), request.params.id, actor.user.id, async (courseId) => {
        await findCourse(db, actor, courseId);
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/training/courses/:courseId/attempts",
    {
      config: { auth: "user" },
      schema: {
        tags,
        summary: "Start the quiz (or resume the open attempt): questions drawn from the bank, shuffled, without answers",
        params: CourseIdParams,
        response: { 201: AttemptView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const course = await findCourse(db, actor, request.params.courseId);
      const id = await startAttempt(db, capabilities, auditOf(request), course, actor.user.id);
      return reply.code(201).send(await presentAttempt(db, id, actor.user.id));
    },
  );

  app.get(
    "/api/training/attempts/:id",
    {
      config: { auth: "user" },
      schema: {
        tags,
        summary: "One of your attempts; with its result once submitted",
        params: IdParams,
        response: { 200: AttemptView, ...errorResponses },
      },
    },
    async (request) => presentAttempt(db, request.params.id, actorOf(request).user.id),
  );

  app.post(
    "/api/training/attempts/:id/submit",
    {
      config: { auth: "user" },
      schema: {
        tags,
        summary: "Submit your answers once; graded on the server. Passing grants the certification",
        params: IdParams,
        body: SubmitBody,
        response: { 200: AttemptView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await submitAttempt(db, auditOf(request), request.params.id, actor.user.id, request.body.answers);
      return presentAttempt(db, request.params.id, actor.user.id);
    },
  );

  await manageRoutes(app, services);
}
