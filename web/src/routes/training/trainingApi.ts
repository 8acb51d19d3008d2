import { api } from "../../api/client.js";

/** Training's shapes as the API sends them (server/training/schema.ts). */
export interface Certification {
  grantedAt: string;
  expiresAt: string | null;
  score: number;
  status: "valid" | "renew" | "expired";
}

export type AttemptBlock = "attempt_limit_reached" | "attempt_too_soon" | "already_certified" | "course_has_no_questions";

export interface CourseSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  published: boolean;
  passMark: number;
  questionsPerAttempt: number;
  maxAttempts: number | null;
  retryDelayMinutes: number;
  validityDays: number | null;
  recertWindowDays: number;
  lessonCount: number;
  lessonsRead: number;
  questionCount: number;
  certification: Certification | null;
  attempts: {
    used: number;
    left: number | null;
    nextAttemptAt: string | null;
    openAttemptId: string | null;
    canStart: boolean;
    blockedBy: AttemptBlock | null;
  };
}

export interface Lesson {
  id: string;
  position: number;
  title: string;
  /** Sanitised on the server. */
  html: string;
  body: string | null;
  read: boolean;
}

export interface Course extends CourseSummary {
  lessons: Lesson[];
}

export interface Attempt {
  id: string;
  courseId: string;
  startedAt: string;
  submittedAt: string | null;
  questions: { id: string; prompt: string; multiple: boolean; options: { id: string; text: string }[] }[];
  result: {
    score: number;
    passed: boolean;
    passMark: number;
    correct: number;
    total: number;
    questions: { id: string; correct: boolean }[];
    certification: Certification | null;
    nextAttemptAt: string | null;
    attemptsLeft: number | null;
  } | null;
}

export interface Question {
  id: string;
  prompt: string;
  explanation: string;
  options: { id: string; text: string; correct: boolean }[];
  position: number;
}

export interface CourseSettings {
  title: string;
  slug?: string;
  summary: string;
  published: boolean;
  passMark: number;
  questionsPerAttempt: number;
  maxAttempts: number | null;
  retryDelayMinutes: number;
  validityDays: number | null;
  recertWindowDays: number;
}

export interface Requirement {
  subject: string;
  courses: { id: string; title: string }[];
  policy: boolean;
}

export interface Requirements {
  requirements: Requirement[];
  starter: { subject: string; courseSlugs: string[]; applied: boolean };
}

export interface Learner {
  userId: string;
  name: string;
  email: string;
  lessonsRead: number;
  attempts: number;
  bestScore: number | null;
  certification: Certification | null;
}

export const trainingKeys = {
  courses: ["training", "courses"] as const,
  course: (id: string) => ["training", "course", id] as const,
  questions: (id: string) => ["training", "questions", id] as const,
  learners: (id: string) => ["training", "learners", id] as const,
  requirements: ["training", "requirements"] as const,
  mine: ["training", "requirements", "mine"] as const,
};

export const fetchCourses = () => api<{ courses: CourseSummary[] }>("GET", "/api/training/courses").then((r) => r.courses);
export const fetchCourse = (id: string) => api<Course>("GET", `/api/training/courses/${id}`);
export const markRead = (lessonId: string) => api<void>("POST", `/api/training/lessons/${lessonId}/read`);
export const startAttempt = (courseId: string) => api<Attempt>("POST", `/api/training/courses/${courseId}/attempts`);
export const submitAttempt = (attemptId: string, answers: { questionId: string; optionIds: string[] }[]) =>
  api<Attempt>("POST", `/api/training/attempts/${attemptId}/submit`, { body: { answers } });
export const fetchWithheld = () =>
  api<{ withheld: { permission: string; courses: { id: string; title: string }[]; policy: boolean }[] }>(
    "GET",
    "/api/training/requirements/mine",
  ).then((r) => r.withheld);

export const createCourse = (body: CourseSettings) => api<Course>("POST", "/api/training/courses", { body });
export const updateCourse = (id: string, body: CourseSettings) => api<Course>("PUT", `/api/training/courses/${id}`, { body });
export const deleteCourse = (id: string) => api<void>("DELETE", `/api/training/courses/${id}`);
export const addLesson = (courseId: string, body: { title: string; body: string }) =>
  api<Course>("POST", `/api/training/courses/${courseId}/lessons`, { body });
export const saveLesson = (id: string, body: { title: string; body: string }) =>
  api<Course>("PUT", `/api/training/lessons/${id}`, { body });
export const deleteLesson = (id: string) => api<void>("DELETE", `/api/training/lessons/${id}`);
export const fetchQuestions = (courseId: string) =>
  api<{ questions: Question[] }>("GET", `/api/training/courses/${courseId}/questions`).then((r) => r.questions);
export type QuestionInput = { prompt: string; explanation: string; options: { text: string; correct: boolean }[] };
export const addQuestion = (courseId: string, body: QuestionInput) =>
  api<{ id: string }>("POST", `/api/training/courses/${courseId}/questions`, { body });
export const saveQuestion = (id: string, body: QuestionInput) => api<void>("PUT", `/api/training/questions/${id}`, { body });
export const deleteQuestion = (id: string) => api<void>("DELETE", `/api/training/questions/${id}`);
export const fetchLearners = (courseId: string) =>
  api<{ learners: Learner[] }>("GET", `/api/training/courses/${courseId}/learners`).then((r) => r.learners);
export const resetLearner = (courseId: string, userId: string) =>
  api<void>("POST", `/api/training/courses/${courseId}/learners/${userId}/reset`);

export const fetchRequirements = () => api<Requirements>("GET", "/api/training/requirements");
export const saveRequirements = (requirements: { subject: string; courseIds: string[]; policy: boolean }[]) =>
  api<Requirements>("PUT", "/api/training/requirements", { body: { requirements } });
export const applyStarter = () => api<Requirements>("POST", "/api/training/requirements/starter");
