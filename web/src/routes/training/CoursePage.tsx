import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { meKey } from "../../api/auth.js";
import { ApiError } from "../../api/client.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { Time } from "../../components/Time.js";
import { useMutateOnce } from "../../lib/useMutateOnce.js";
import { ArticleHtml } from "../kb/ArticleHtml.js";
import { CertificateBadge, Progress } from "./parts.js";
import { type Attempt, type Course, fetchCourse, markRead, startAttempt, submitAttempt, trainingKeys } from "./trainingApi.js";
import "./training.css";
import "../kb/kb.css";

const BLOCKED: Record<string, string> = {
  attempt_limit_reached: "You have used all your attempts. Ask a training manager to let you try again.",
  already_certified: "You are certified. You can retake the quiz when recertification opens before it expires.",
  course_has_no_questions: "This course has no quiz yet.",
};

function Quiz({ attempt, onDone }: { attempt: Attempt; onDone: (a: Attempt) => void }) {
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const submit = useMutation({
    mutationFn: () =>
      submitAttempt(
        attempt.id,
        attempt.questions.map((q) => ({ questionId: q.id, optionIds: chosen[q.id] ?? [] })),
      ),
    onSuccess: onDone,
  });
  const submitOnce = useMutateOnce(submit);
  const unanswered = attempt.questions.filter((q) => (chosen[q.id] ?? []).length === 0).length;
  const toggle = (questionId: string, optionId: string, multiple: boolean) =>
    setChosen((c) => {
      const now = c[questionId] ?? [];
      if (!multiple) return { ...c, [questionId]: [optionId] };
      return { ...c, [questionId]: now.includes(optionId) ? now.filter((x) => x !== optionId) : [...now, optionId] };
    });
  return (
    <form
      className="quiz"
      aria-label="Quiz"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        submitOnce();
      }}
    >
      {attempt.questions.map((q, i) => (
        <fieldset key={q.id} className="quiz-question">
          <legend>
            {i + 1}. {q.prompt}
            {q.multiple && <span className="muted"> (choose all that apply)</span>}
          </legend>
          {q.options.map((o) => (
            <label key={o.id} className="quiz-option">
              <input
                type={q.multiple ? "checkbox" : "radio"}
                name={q.id}
                checked={(chosen[q.id] ?? []).includes(o.id)}
                onChange={() => toggle(q.id, o.id, q.multiple)}
              />
              <span>{o.text}</span>
            </label>
          ))}
        </fieldset>
      ))}
      {submit.error && <ErrorMessage error={submit.error} title="Your answers were not sent" />}
      <div className="form-actions form-actions-start">
        <button type="submit" className="button button-primary" disabled={submit.isPending}>
          {submit.isPending ? "Sending…" : "Submit answers"}
        </button>
        {unanswered > 0 && <span className="muted">{unanswered} unanswered (counted as wrong)</span>}
      </div>
    </form>
  );
}

function Result({ attempt }: { attempt: Attempt }) {
  const r = attempt.result;
  if (!r) return null;
  return (
    <div className={r.passed ? "alert alert-ok" : "alert alert-warning"} role="status">
      <p className="alert-title">
        {r.passed ? "You passed" : "Not this time"}: {r.correct} of {r.total} right ({r.score}%, pass mark {r.passMark}%).
      </p>
      {r.passed ? (
        <p>
          Your certificate is valid
          {r.certification?.expiresAt ? (
            <>
              {" "}
              until <Time iso={r.certification.expiresAt} date />
            </>
          ) : null}
          .
        </p>
      ) : (
        <p>
          Read the lessons again.{" "}
          {r.nextAttemptAt ? (
            <>
              You can try again from <Time iso={r.nextAttemptAt} />.
            </>
          ) : (
            "You can try again now."
          )}
          {r.attemptsLeft !== null && <> Attempts left: {r.attemptsLeft}.</>}
        </p>
      )}
    </div>
  );
}

function QuizPanel({ course }: { course: Course }) {
  const client = useQueryClient();
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [finished, setFinished] = useState<Attempt | null>(null);
  const start = useMutation({
    mutationFn: () => startAttempt(course.id),
    onSuccess: (a) => {
      setFinished(null);
      setAttempt(a);
    },
  });
  const done = (a: Attempt) => {
    setAttempt(null);
    setFinished(a);
    void client.invalidateQueries({ queryKey: trainingKeys.course(course.id) });
    void client.invalidateQueries({ queryKey: trainingKeys.courses });
    void client.invalidateQueries({ queryKey: trainingKeys.mine });
    // A pass may unlock permissions.
    void client.invalidateQueries({ queryKey: meKey });
  };
  const { attempts } = course;
  const blocked = attempts.openAttemptId ? null : attempts.blockedBy;
  const tooSoon = start.error instanceof ApiError && start.error.code === "attempt_too_soon";
  return (
    <section className="section card" aria-labelledby="quiz-title">
      <h2 id="quiz-title">Quiz</h2>
      <p className="muted">
        {course.questionsPerAttempt} questions drawn from a bank of {course.questionCount}; pass mark {course.passMark}%.
        {course.maxAttempts !== null && (
          <>
            {" "}
            {attempts.left} of {course.maxAttempts} attempts left.
          </>
        )}
        {course.retryDelayMinutes > 0 && <> After a failed attempt, wait {course.retryDelayMinutes} minutes.</>}
      </p>
      {finished && <Result attempt={finished} />}
      {attempt ? (
        <Quiz attempt={attempt} onDone={done} />
      ) : finished && !finished.result?.passed && blocked === "attempt_too_soon" ? null : blocked === "attempt_too_soon" &&
        attempts.nextAttemptAt ? (
        <p className="notice">
          Review the lessons first: you can try again from <Time iso={attempts.nextAttemptAt} />.
        </p>
      ) : blocked ? (
        <p className="notice">{BLOCKED[blocked]}</p>
      ) : (
        <button type="button" className="button button-primary" onClick={() => start.mutate()} disabled={start.isPending}>
          {attempts.openAttemptId ? "Resume the quiz" : course.certification ? "Retake the quiz" : "Take the quiz"}
        </button>
      )}
      {start.error && !tooSoon && <ErrorMessage error={start.error} title="The quiz could not start" />}
    </section>
  );
}

/** /training/courses/:courseId: the lessons, then the quiz. */
export function CoursePage() {
  const { courseId = "" } = useParams();
  const client = useQueryClient();
  const course = useQuery({ queryKey: trainingKeys.course(courseId), queryFn: () => fetchCourse(courseId) });
  const read = useMutation({
    mutationFn: markRead,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: trainingKeys.course(courseId) });
      void client.invalidateQueries({ queryKey: trainingKeys.courses });
    },
  });
  if (course.isPending) return <Loading label="Loading the course" />;
  if (course.isError) return <ErrorMessage error={course.error} />;
  const c = course.data;
  return (
    <>
      <p>
        <Link className="back-link" to="/training">
          ← My training
        </Link>
      </p>
      <PageHeader title={c.title} description={c.summary} actions={<CertificateBadge certification={c.certification} />} />
      <Progress done={c.lessonsRead} total={c.lessonCount} label="Lessons read" />
      {c.lessons.map((lesson, i) => (
        <section key={lesson.id} className="card training-lesson" aria-labelledby={`lesson-${lesson.id}`}>
          <h2 id={`lesson-${lesson.id}`}>
            {i + 1}. {lesson.title}
          </h2>
          <ArticleHtml html={lesson.html} />
          <div className="training-lesson-read">
            {lesson.read ? (
              <span className="badge badge-ok">Read</span>
            ) : (
              <button type="button" className="button button-small" onClick={() => read.mutate(lesson.id)} disabled={read.isPending}>
                Mark as read
              </button>
            )}
          </div>
        </section>
      ))}
      <QuizPanel course={c} />
    </>
  );
}
