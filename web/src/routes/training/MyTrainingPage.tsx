import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { useCan } from "../../auth/currentUser.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { CertificateBadge, PERMISSION_LABELS, Progress } from "./parts.js";
import { fetchCourses, fetchWithheld, trainingKeys } from "./trainingApi.js";
import "./training.css";

/** What the person's roles would allow once they complete some training or accept the policy. */
function Withheld() {
  const withheld = useQuery({ queryKey: trainingKeys.mine, queryFn: fetchWithheld });
  if (!withheld.data || withheld.data.length === 0) return null;
  return (
    <div className="alert alert-warning training-stack" role="status">
      <p className="alert-title">Complete these to unlock what your role allows</p>
      <ul>
        {withheld.data.map((w) => (
          <li key={w.permission}>
            To {PERMISSION_LABELS[w.permission] ?? <code>{w.permission}</code>}:{" "}
            {w.courses.map((c, i) => (
              <span key={c.id}>
                {i > 0 && ", "}
                <Link to={`/training/courses/${c.id}`}>{c.title}</Link>
              </span>
            ))}
            {w.policy && (
              <>
                {w.courses.length > 0 && ", "}
                <Link to="/attestation">acknowledge the social media policy</Link>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** /training: My training: courses with progress, attempts and certificates with their expiry. */
export function MyTrainingPage() {
  const courses = useQuery({ queryKey: trainingKeys.courses, queryFn: fetchCourses });
  const canManage = useCan("training.manage");
  const canRequire = useCan("users.manage");
  return (
    <>
      <PageHeader
        title="My training"
        description="Short courses on how we speak for the company. Passing a quiz earns a certificate; some work needs one."
        actions={
          <>
            {canRequire && (
              <Link className="button" to="/training/requirements">
                Requirements
              </Link>
            )}
            {canManage && (
              <Link className="button button-primary" to="/training/manage/new">
                New course
              </Link>
            )}
          </>
        }
      />
      <Withheld />
      {courses.isPending ? (
        <Loading label="Loading courses" />
      ) : courses.isError ? (
        <ErrorMessage error={courses.error} />
      ) : courses.data.length === 0 ? (
        <EmptyState title="No courses yet">When a course is published, it appears here.</EmptyState>
      ) : (
        <ul className="training-courses">
          {courses.data.map((c) => (
            <li key={c.id} className="card training-course">
              <h2>
                <Link to={`/training/courses/${c.id}`}>{c.title}</Link>
              </h2>
              <p className="muted">{c.summary}</p>
              <Progress done={c.lessonsRead} total={c.lessonCount} label={`${c.title}: lessons read`} />
              <p className="badge-list">
                <CertificateBadge certification={c.certification} />
                {!c.published && <span className="badge badge-quiet">Unpublished</span>}
              </p>
              <p className="muted training-rules">
                {c.questionsPerAttempt} questions, pass mark {c.passMark}%
                {c.maxAttempts !== null && (
                  <>
                    , {c.attempts.left} of {c.maxAttempts} attempts left
                  </>
                )}
                {c.validityDays !== null && <>, valid {c.validityDays} days</>}
              </p>
              {canManage && (
                <Link className="button button-small" to={`/training/manage/${c.id}`}>
                  Edit course
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
