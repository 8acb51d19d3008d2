import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { meKey } from "../../api/auth.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { SelectField } from "../../components/SelectField.js";
import { PERMISSION_LABELS } from "./parts.js";
import { applyStarter, fetchCourses, fetchRequirements, type Requirement, saveRequirements, trainingKeys } from "./trainingApi.js";
import "./training.css";

const SUBJECTS = [
  "permission:posts.write",
  "permission:posts.review",
  "permission:inbox.work",
  "permission:accounts.manage",
  "role:contributor",
  "role:approver",
  "role:agent",
  "role:lead",
];

const describe = (subject: string) => {
  const [kind, name = ""] = subject.split(":");
  return kind === "role" ? `The ${name} role` : `${name} (${PERMISSION_LABELS[name] ?? "permission"})`;
};

const toInput = (list: Requirement[]) => list.map((r) => ({ subject: r.subject, courseIds: r.courses.map((c) => c.id), policy: r.policy }));

/** /training/requirements: which permissions or roles need a certificate or the policy accepted (admins). */
export function RequirementsPage() {
  const client = useQueryClient();
  const requirements = useQuery({ queryKey: trainingKeys.requirements, queryFn: fetchRequirements });
  const courses = useQuery({ queryKey: trainingKeys.courses, queryFn: fetchCourses });
  const [subject, setSubject] = useState(SUBJECTS[0] ?? "");
  const [courseIds, setCourseIds] = useState<string[]>([]);
  const [policy, setPolicy] = useState(false);
  const done = () => {
    void client.invalidateQueries({ queryKey: trainingKeys.requirements });
    void client.invalidateQueries({ queryKey: trainingKeys.mine });
    void client.invalidateQueries({ queryKey: meKey });
  };
  const starter = useMutation({ mutationFn: applyStarter, onSuccess: done });
  const save = useMutation({ mutationFn: saveRequirements, onSuccess: done });
  if (requirements.isPending) return <Loading label="Loading requirements" />;
  if (requirements.isError) return <ErrorMessage error={requirements.error} />;
  const list = requirements.data.requirements;
  return (
    <>
      <p>
        <Link className="back-link" to="/training">
          ← My training
        </Link>
      </p>
      <PageHeader
        title="Training requirements"
        description="Tie what people may do to what they have learned. A permission whose certificate expires stops at that moment, and the lapse is audited."
      />
      {!requirements.data.starter.applied && (
        <div className="card training-stack">
          <h2>Recommended</h2>
          <p>Publishing (compose, schedule and publish posts) requires “Netiquette basics” and “Brand voice”.</p>
          {starter.error && <ErrorMessage error={starter.error} />}
          <button type="button" className="button button-primary" onClick={() => starter.mutate()} disabled={starter.isPending}>
            Require the starter courses for publishing
          </button>
        </div>
      )}
      <section className="card training-stack" aria-labelledby="current-title">
        <h2 id="current-title">In force</h2>
        {list.length === 0 ? (
          <p className="muted">Nothing is required: every role has all its permissions.</p>
        ) : (
          <ul className="builder-list">
            {list.map((r) => (
              <li key={r.subject} className="builder-item">
                <strong>{describe(r.subject)}</strong> needs{" "}
                {[...r.courses.map((c) => `“${c.title}”`), ...(r.policy ? ["the current social media policy acknowledged"] : [])].join(
                  " and ",
                )}{" "}
                <button
                  type="button"
                  className="button button-small button-danger-quiet"
                  onClick={() => save.mutate(toInput(list.filter((x) => x.subject !== r.subject)))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <form
        className="card form training-stack"
        aria-labelledby="add-title"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate([...toInput(list.filter((x) => x.subject !== subject)), { subject, courseIds, policy }], {
            onSuccess: () => {
              setCourseIds([]);
              setPolicy(false);
            },
          });
        }}
      >
        <h2 id="add-title">Add or replace a requirement</h2>
        <SelectField label="Who" value={subject} onChange={(e) => setSubject(e.target.value)}>
          {SUBJECTS.map((s) => (
            <option key={s} value={s}>
              {describe(s)}
            </option>
          ))}
        </SelectField>
        <fieldset className="fieldset">
          <legend>Needs</legend>
          {(courses.data ?? []).map((c) => (
            <label key={c.id} className="checkbox-inline">
              <input
                type="checkbox"
                checked={courseIds.includes(c.id)}
                onChange={(e) => setCourseIds((ids) => (e.target.checked ? [...ids, c.id] : ids.filter((x) => x !== c.id)))}
              />{" "}
              {c.title}
            </label>
          ))}
          <label className="checkbox-inline">
            <input type="checkbox" checked={policy} onChange={(e) => setPolicy(e.target.checked)} /> The current social media policy
            acknowledged
          </label>
        </fieldset>
        {save.error && <ErrorMessage error={save.error} title="Not saved" />}
        <div className="form-actions form-actions-start">
          <button type="submit" className="button button-primary" disabled={save.isPending || (courseIds.length === 0 && !policy)}>
            Save requirement
          </button>
        </div>
      </form>
    </>
  );
}
