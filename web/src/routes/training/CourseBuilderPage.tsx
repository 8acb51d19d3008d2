import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { TextAreaField } from "../../components/TextAreaField.js";
import { TextField } from "../../components/TextField.js";
import { useToast } from "../../components/Toasts.js";
import { CertificateBadge } from "./parts.js";
import {
  addLesson,
  addQuestion,
  type Course,
  type CourseSettings,
  createCourse,
  deleteCourse,
  deleteLesson,
  deleteQuestion,
  fetchCourse,
  fetchLearners,
  fetchQuestions,
  type Lesson,
  type Question,
  type QuestionInput,
  resetLearner,
  saveLesson,
  saveQuestion,
  trainingKeys,
  updateCourse,
} from "./trainingApi.js";
import "./training.css";

const DEFAULTS: CourseSettings = {
  title: "",
  summary: "",
  published: false,
  passMark: 80,
  questionsPerAttempt: 5,
  maxAttempts: 5,
  retryDelayMinutes: 10,
  validityDays: 365,
  recertWindowDays: 30,
};

const settingsOf = (c: Course): CourseSettings => ({
  title: c.title,
  slug: c.slug,
  summary: c.summary,
  published: c.published,
  passMark: c.passMark,
  questionsPerAttempt: c.questionsPerAttempt,
  maxAttempts: c.maxAttempts,
  retryDelayMinutes: c.retryDelayMinutes,
  validityDays: c.validityDays,
  recertWindowDays: c.recertWindowDays,
});

const num = (v: string) => (v.trim() === "" ? null : Number(v));

function SettingsForm({ initial, onSaved }: { initial: CourseSettings; onSaved: (c: Course) => void }) {
  const [s, setS] = useState(initial);
  const { courseId } = useParams();
  const persist = useMutation({
    mutationFn: () => (courseId && courseId !== "new" ? updateCourse(courseId, s) : createCourse(s)),
    onSuccess: onSaved,
  });
  const set = <K extends keyof CourseSettings>(k: K, v: CourseSettings[K]) => setS((x) => ({ ...x, [k]: v }));
  return (
    <form
      className="card form training-stack"
      aria-labelledby="settings-title"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        persist.mutate();
      }}
    >
      <h2 id="settings-title">Course</h2>
      <TextField label="Title" value={s.title} required onChange={(e) => set("title", e.target.value)} />
      <TextAreaField label="Summary" value={s.summary} rows={2} onChange={(e) => set("summary", e.target.value)} />
      <div className="form-grid">
        <TextField
          label="Pass mark (%)"
          type="number"
          min={1}
          max={100}
          value={s.passMark}
          onChange={(e) => set("passMark", Number(e.target.value))}
        />
        <TextField
          label="Questions per attempt"
          type="number"
          min={1}
          max={100}
          value={s.questionsPerAttempt}
          onChange={(e) => set("questionsPerAttempt", Number(e.target.value))}
        />
        <TextField
          label="Attempts allowed"
          hint="Empty: no limit"
          type="number"
          min={1}
          value={s.maxAttempts ?? ""}
          onChange={(e) => set("maxAttempts", num(e.target.value))}
        />
        <TextField
          label="Wait after a failed attempt (minutes)"
          type="number"
          min={0}
          value={s.retryDelayMinutes}
          onChange={(e) => set("retryDelayMinutes", Number(e.target.value))}
        />
        <TextField
          label="Certificate valid for (days)"
          hint="Empty: never expires"
          type="number"
          min={1}
          value={s.validityDays ?? ""}
          onChange={(e) => set("validityDays", num(e.target.value))}
        />
        <TextField
          label="Recertification opens (days before expiry)"
          type="number"
          min={0}
          value={s.recertWindowDays}
          onChange={(e) => set("recertWindowDays", Number(e.target.value))}
        />
      </div>
      <label className="checkbox-inline">
        <input type="checkbox" checked={s.published} onChange={(e) => set("published", e.target.checked)} /> Published (everyone can take
        it)
      </label>
      {persist.error && <ErrorMessage error={persist.error} title="Not saved" />}
      <div className="form-actions form-actions-start">
        <button type="submit" className="button button-primary" disabled={persist.isPending}>
          Save course
        </button>
      </div>
    </form>
  );
}

function LessonEditor({ courseId, lesson, onDone }: { courseId: string; lesson?: Lesson; onDone: () => void }) {
  const [title, setTitle] = useState(lesson?.title ?? "");
  const [body, setBody] = useState(lesson?.body ?? "");
  const save = useMutation({
    mutationFn: () => (lesson ? saveLesson(lesson.id, { title, body }) : addLesson(courseId, { title, body })),
    onSuccess: () => {
      if (!lesson) {
        setTitle("");
        setBody("");
      }
      onDone();
    },
  });
  return (
    <form
      className="form"
      aria-label={lesson ? `Edit ${lesson.title}` : "New lesson"}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <TextField label="Lesson title" value={title} required onChange={(e) => setTitle(e.target.value)} />
      <TextAreaField
        label="Text"
        hint="Markdown. Link to the knowledge base like [Sales pitch](/kb/netiquette#sales-pitch). HTML is sanitised."
        rows={8}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      {save.error && <ErrorMessage error={save.error} title="Not saved" />}
      <div className="form-actions form-actions-start">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {lesson ? "Save lesson" : "Add lesson"}
        </button>
      </div>
    </form>
  );
}

function QuestionEditor({ courseId, question, onDone }: { courseId: string; question?: Question; onDone: () => void }) {
  const blank = {
    prompt: "",
    explanation: "",
    options: [
      { text: "", correct: true },
      { text: "", correct: false },
    ],
  };
  const [q, setQ] = useState<QuestionInput>(
    question
      ? {
          prompt: question.prompt,
          explanation: question.explanation,
          options: question.options.map(({ text, correct }) => ({ text, correct })),
        }
      : blank,
  );
  const save = useMutation({
    mutationFn: () => {
      const body = { ...q, options: q.options.filter((o) => o.text.trim() !== "") };
      return question ? saveQuestion(question.id, body) : addQuestion(courseId, body).then(() => undefined);
    },
    onSuccess: () => {
      if (!question) setQ(blank);
      onDone();
    },
  });
  const setOption = (i: number, patch: Partial<{ text: string; correct: boolean }>) =>
    setQ((x) => ({ ...x, options: x.options.map((o, j) => (j === i ? { ...o, ...patch } : o)) }));
  return (
    <form
      className="form"
      aria-label={question ? "Edit question" : "New question"}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <TextField label="Question" value={q.prompt} required onChange={(e) => setQ({ ...q, prompt: e.target.value })} />
      <fieldset className="fieldset">
        <legend>Answers (tick the right ones)</legend>
        {q.options.map((o, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: options are edited in place by position
          <div key={i} className="builder-option-row">
            <input
              type="checkbox"
              aria-label={`Answer ${i + 1} is right`}
              checked={o.correct}
              onChange={(e) => setOption(i, { correct: e.target.checked })}
            />
            <input
              className="input"
              aria-label={`Answer ${i + 1}`}
              value={o.text}
              onChange={(e) => setOption(i, { text: e.target.value })}
            />
          </div>
        ))}
        {q.options.length < 8 && (
          <button
            type="button"
            className="button button-small"
            onClick={() => setQ({ ...q, options: [...q.options, { text: "", correct: false }] })}
          >
            Add an answer
          </button>
        )}
      </fieldset>
      <TextField label="Explanation (for reviewers)" value={q.explanation} onChange={(e) => setQ({ ...q, explanation: e.target.value })} />
      {save.error && <ErrorMessage error={save.error} title="Not saved" />}
      <div className="form-actions form-actions-start">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {question ? "Save question" : "Add question"}
        </button>
      </div>
    </form>
  );
}

function Lessons({ course, refresh }: { course: Course; refresh: () => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  const remove = useMutation({ mutationFn: deleteLesson, onSuccess: refresh });
  return (
    <section className="card section" aria-labelledby="lessons-title">
      <h2 id="lessons-title">Lessons</h2>
      <ol className="builder-list">
        {course.lessons.map((l) => (
          <li key={l.id} className="builder-item">
            {editing === l.id ? (
              <LessonEditor
                courseId={course.id}
                lesson={l}
                onDone={() => {
                  setEditing(null);
                  refresh();
                }}
              />
            ) : (
              <>
                <strong>{l.title}</strong>{" "}
                <button type="button" className="button button-small" onClick={() => setEditing(l.id)}>
                  Edit
                </button>{" "}
                <button type="button" className="button button-small button-danger-quiet" onClick={() => remove.mutate(l.id)}>
                  Delete
                </button>
              </>
            )}
          </li>
        ))}
      </ol>
      <h3>Add a lesson</h3>
      <LessonEditor courseId={course.id} onDone={refresh} />
    </section>
  );
}

function QuestionBank({ courseId }: { courseId: string }) {
  const client = useQueryClient();
  const questions = useQuery({ queryKey: trainingKeys.questions(courseId), queryFn: () => fetchQuestions(courseId) });
  const [editing, setEditing] = useState<string | null>(null);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: trainingKeys.questions(courseId) });
    void client.invalidateQueries({ queryKey: trainingKeys.course(courseId) });
  };
  const remove = useMutation({ mutationFn: deleteQuestion, onSuccess: refresh });
  return (
    <section className="card section" aria-labelledby="bank-title">
      <h2 id="bank-title">Question bank {questions.data && <span className="muted">({questions.data.length})</span>}</h2>
      {questions.isPending ? (
        <Loading label="Loading questions" />
      ) : questions.isError ? (
        <ErrorMessage error={questions.error} />
      ) : (
        <ol className="builder-list">
          {questions.data.map((q) => (
            <li key={q.id} className="builder-item">
              {editing === q.id ? (
                <QuestionEditor
                  courseId={courseId}
                  question={q}
                  onDone={() => {
                    setEditing(null);
                    refresh();
                  }}
                />
              ) : (
                <>
                  <strong>{q.prompt}</strong>
                  <ul className="builder-options">
                    {q.options.map((o) => (
                      <li key={o.id}>
                        {o.correct ? "✓ " : ""}
                        {o.text}
                      </li>
                    ))}
                  </ul>
                  <button type="button" className="button button-small" onClick={() => setEditing(q.id)}>
                    Edit
                  </button>{" "}
                  <button type="button" className="button button-small button-danger-quiet" onClick={() => remove.mutate(q.id)}>
                    Delete
                  </button>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      <h3>Add a question</h3>
      <QuestionEditor courseId={courseId} onDone={refresh} />
    </section>
  );
}

function Learners({ courseId }: { courseId: string }) {
  const client = useQueryClient();
  const toast = useToast();
  const learners = useQuery({ queryKey: trainingKeys.learners(courseId), queryFn: () => fetchLearners(courseId) });
  const reset = useMutation({
    mutationFn: (userId: string) => resetLearner(courseId, userId),
    onSuccess: () => {
      toast("They can take the quiz again now.");
      void client.invalidateQueries({ queryKey: trainingKeys.learners(courseId) });
    },
  });
  if (learners.isPending) return <Loading label="Loading learners" />;
  if (learners.isError) return <ErrorMessage error={learners.error} />;
  return (
    <section className="card section" aria-labelledby="learners-title">
      <h2 id="learners-title">Learners</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Lessons read</th>
              <th scope="col">Attempts</th>
              <th scope="col">Best score</th>
              <th scope="col">Certificate</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {learners.data.map((l) => (
              <tr key={l.userId}>
                <td>
                  {l.name} <span className="muted">{l.email}</span>
                </td>
                <td>{l.lessonsRead}</td>
                <td>{l.attempts}</td>
                <td>{l.bestScore === null ? "—" : `${l.bestScore}%`}</td>
                <td>
                  <CertificateBadge certification={l.certification} />
                </td>
                <td>
                  {l.attempts > 0 && l.certification?.status !== "valid" && (
                    <button type="button" className="button button-small" onClick={() => reset.mutate(l.userId)}>
                      Allow a new try
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** /training/manage/:courseId (or new): the course and quiz builder for training managers. */
export function CourseBuilderPage() {
  const { courseId = "new" } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const isNew = courseId === "new";
  const course = useQuery({ queryKey: trainingKeys.course(courseId), queryFn: () => fetchCourse(courseId), enabled: !isNew });
  const remove = useMutation({
    mutationFn: () => deleteCourse(courseId),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: trainingKeys.courses });
      navigate("/training");
    },
  });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: trainingKeys.course(courseId) });
    void client.invalidateQueries({ queryKey: trainingKeys.courses });
  };
  if (!isNew && course.isPending) return <Loading label="Loading the course" />;
  if (!isNew && course.isError) return <ErrorMessage error={course.error} />;
  const c = course.data;
  return (
    <>
      <p>
        <Link className="back-link" to="/training">
          ← My training
        </Link>
      </p>
      <PageHeader
        title={isNew ? "New course" : `Edit “${c?.title}”`}
        actions={
          c && (
            <>
              <Link className="button" to={`/training/courses/${c.id}`}>
                View as a learner
              </Link>
              <button
                type="button"
                className="button button-danger-quiet"
                onClick={() => window.confirm(`Delete “${c.title}” with its certificates?`) && remove.mutate()}
              >
                Delete course
              </button>
            </>
          )
        }
      />
      <SettingsForm
        key={c?.id ?? "new"}
        initial={c ? settingsOf(c) : DEFAULTS}
        onSaved={(saved) => {
          refresh();
          if (isNew) navigate(`/training/manage/${saved.id}`);
        }}
      />
      {c && (
        <>
          <Lessons course={c} refresh={refresh} />
          <QuestionBank courseId={c.id} />
          <Learners courseId={c.id} />
        </>
      )}
    </>
  );
}
