import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { CertificateBadge } from "../training/parts.js";
import { type CourseSummary, fetchCourses, fetchWithheld, trainingKeys } from "../training/trainingApi.js";

type Reason = "required" | "renew" | "expired" | "started";

const REASON_ORDER: Record<Reason, number> = { expired: 0, required: 1, renew: 2, started: 3 };

/** Why a course is on the person's list now, if it is: needed for their role, expiring, lapsed or half done. */
function reasonFor(course: CourseSummary, required: Set<string>): Reason | null {
  const status = course.certification?.status;
  if (status === "expired") return "expired";
  if (status === "renew") return "renew";
  if (status === "valid") return null;
  if (required.has(course.id)) return "required";
  if (course.lessonsRead > 0 || course.attempts.used > 0) return "started";
  return null;
}

/** Courses due (required by the person's role and not passed), expiring or expired, and ones started. */
export function MyTraining() {
  const courses = useQuery({ queryKey: trainingKeys.courses, queryFn: fetchCourses });
  const withheld = useQuery({ queryKey: trainingKeys.mine, queryFn: fetchWithheld });
  const required = new Set((withheld.data ?? []).flatMap((w) => w.courses.map((c) => c.id)));
  const due = (courses.data ?? [])
    .map((course) => ({ course, reason: reasonFor(course, required) }))
    .filter((d): d is { course: CourseSummary; reason: Reason } => d.reason !== null)
    .sort((a, b) => REASON_ORDER[a.reason] - REASON_ORDER[b.reason]);
  const certified = (courses.data ?? []).filter((c) => c.certification?.status === "valid").length;

  return (
    <section className="card home-card" aria-labelledby="home-training">
      <div className="home-card-head">
        <h2 id="home-training">My training</h2>
        <Link to="/training">All courses</Link>
      </div>
      {courses.isPending && <Loading label="Loading your training…" />}
      <ErrorMessage error={courses.error} title="Your training could not be loaded" />
      {courses.data && due.length === 0 && (
        <p className="muted home-empty">
          {certified > 0
            ? `You are up to date: ${certified} certificate${certified === 1 ? "" : "s"} valid.`
            : "Nothing due. Courses are on the training page when you want them."}
        </p>
      )}
      {due.length > 0 && (
        <ul className="home-list">
          {due.map(({ course, reason }) => (
            <li key={course.id}>
              <Link to={`/training/courses/${course.id}`} className="home-item-title">
                {course.title}
              </Link>
              <span className="home-item-meta">
                {reason === "required" && <span className="badge badge-warn">Required for your role</span>}
                {reason === "started" && (
                  <span className="badge badge-accent">
                    In progress: {course.lessonsRead} of {course.lessonCount} lessons
                  </span>
                )}
                {(reason === "renew" || reason === "expired") && <CertificateBadge certification={course.certification} />}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
