import { z } from "zod";
import { Id } from "../identity/schema.js";

const Title = z.string().trim().min(1, "must not be empty").max(200);
const Markdown = z.string().max(100_000).describe("Markdown, rendered to sanitised HTML like the knowledge base");

export const CourseBody = z.strictObject({
  title: Title,
  slug: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and hyphens")
    .optional()
    .describe("Made from the title when left out"),
  summary: z.string().trim().max(500).default(""),
  published: z.boolean().default(false).describe("Unpublished courses are seen by training managers only"),
  passMark: z.number().int().min(1).max(100).default(80).describe("Percent of questions right to pass"),
  questionsPerAttempt: z.number().int().min(1).max(100).default(5).describe("How many questions an attempt draws from the bank"),
  maxAttempts: z.number().int().min(1).max(100).nullable().default(null).describe("Attempts allowed since the last pass; null: no limit"),
  retryDelayMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30)
    .default(10)
    .describe("Wait after a failed attempt"),
  validityDays: z.number().int().min(1).max(3650).nullable().default(365).describe("How long a certification lasts; null: for ever"),
  recertWindowDays: z
    .number()
    .int()
    .min(0)
    .max(365)
    .default(30)
    .describe("Days before expiry when recertification opens and reminders start"),
});
export type CourseInput = z.output<typeof CourseBody>;

export const LessonBody = z.strictObject({
  title: Title,
  body: Markdown,
  position: z.number().int().min(0).max(10_000).optional().describe("Order in the course; appended when left out"),
});
export type LessonInput = z.output<typeof LessonBody>;

export const QuestionBody = z.strictObject({
  prompt: z.string().trim().min(1).max(1000),
  explanation: z.string().trim().max(1000).default(""),
  options: z
    .array(z.strictObject({ text: z.string().trim().min(1).max(500), correct: z.boolean() }))
    .min(2)
    .max(8)
    .refine((o) => o.some((x) => x.correct), "mark at least one option as correct"),
});
export type QuestionInput = z.output<typeof QuestionBody>;

export const SubmitBody = z.strictObject({
  answers: z
    .array(z.strictObject({ questionId: z.string().max(100), optionIds: z.array(z.string().max(100)).max(8) }))
    .max(100)
    .describe("One entry per question answered; questions left out count as wrong"),
});

export const CourseIdParams = z.strictObject({ courseId: Id });
export const UserCourseParams = z.strictObject({ courseId: Id, userId: Id });

const CertificationView = z.object({
  grantedAt: z.string(),
  expiresAt: z.string().nullable(),
  score: z.number(),
  status: z.enum(["valid", "renew", "expired"]),
});

export const CourseSummaryView = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    published: z.boolean(),
    passMark: z.number(),
    questionsPerAttempt: z.number(),
    maxAttempts: z.number().nullable(),
    retryDelayMinutes: z.number(),
    validityDays: z.number().nullable(),
    recertWindowDays: z.number(),
    lessonCount: z.number(),
    lessonsRead: z.number(),
    questionCount: z.number(),
    certification: CertificationView.nullable(),
    attempts: z.object({
      used: z.number().describe("Since the last pass (or a manager's reset)"),
      left: z.number().nullable(),
      nextAttemptAt: z.string().nullable().describe("When the delay after a failed attempt ends"),
      openAttemptId: z.string().nullable(),
      canStart: z.boolean(),
      blockedBy: z.enum(["attempt_limit_reached", "attempt_too_soon", "already_certified", "course_has_no_questions"]).nullable(),
    }),
  })
  .meta({ id: "TrainingCourseSummary" });

export const LessonView = z.object({
  id: z.string(),
  position: z.number(),
  title: z.string(),
  html: z.string(),
  body: z.string().nullable().describe("The Markdown, for training managers only"),
  read: z.boolean(),
});

export const CourseView = CourseSummaryView.extend({ lessons: z.array(LessonView) }).meta({ id: "TrainingCourse" });

export const QuestionView = z
  .object({
    id: z.string(),
    prompt: z.string(),
    explanation: z.string(),
    options: z.array(z.object({ id: z.string(), text: z.string(), correct: z.boolean() })),
    position: z.number(),
  })
  .meta({ id: "TrainingQuestion" });

export const AttemptView = z
  .object({
    id: z.string(),
    courseId: z.string(),
    startedAt: z.string(),
    submittedAt: z.string().nullable(),
    questions: z.array(
      z.object({
        id: z.string(),
        prompt: z.string(),
        multiple: z.boolean().describe("More than one option is right: choose all that apply"),
        options: z.array(z.object({ id: z.string(), text: z.string() })),
      }),
    ),
    result: z
      .object({
        score: z.number(),
        passed: z.boolean(),
        passMark: z.number(),
        correct: z.number(),
        total: z.number(),
        questions: z.array(z.object({ id: z.string(), correct: z.boolean() })),
        certification: CertificationView.nullable(),
        nextAttemptAt: z.string().nullable(),
        attemptsLeft: z.number().nullable(),
      })
      .nullable(),
  })
  .meta({ id: "TrainingAttempt" });

export const LearnerView = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  lessonsRead: z.number(),
  attempts: z.number(),
  bestScore: z.number().nullable(),
  certification: CertificationView.nullable(),
});
