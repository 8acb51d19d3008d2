import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type ApprovalStep, decide, fetchReview, reviewKey } from "../../../api/approvals.js";
import { auditKey } from "../../../api/audit.js";
import { type Post, postsKey } from "../../../api/posts.js";
import { useCan } from "../../../auth/currentUser.js";
import { ErrorMessage } from "../../../components/ErrorMessage.js";
import { TextAreaField } from "../../../components/TextAreaField.js";
import { Time } from "../../../components/Time.js";
import { useToast } from "../../../components/Toasts.js";
import { CommentsThread } from "./CommentsThread.js";
import "./approvals.css";

const STEP_LABELS: Record<string, string> = {
  waiting: "Waiting",
  approved: "Approved",
  rejected: "Changes requested",
  expired: "Expired",
  superseded: "Withdrawn",
};

const STATE_TEXT = {
  none: "",
  pending: "Waiting for approval",
  approved: "Approved",
  rejected: "Changes were requested: edit the post and schedule it again to resubmit it.",
  expired: "The approval was not given in time: choose a new time and schedule it again.",
  withdrawn: "Taken back to draft before it was approved.",
};

function Step({ step, inTurn }: { step: ApprovalStep; inTurn: boolean }) {
  const who = step.approvers.map((a) => (a.type === "team" ? `${a.name} (team)` : a.name)).join(", ");
  return (
    <li className={`approval-step approval-step-${step.status}${inTurn ? " approval-step-current" : ""}`}>
      <div className="approval-step-head">
        <strong>{step.name}</strong>
        <span className={step.status === "approved" ? "badge badge-ok" : step.status === "waiting" ? "badge" : "badge badge-danger"}>
          {inTurn ? "In turn" : (STEP_LABELS[step.status] ?? step.status)}
        </span>
      </div>
      <p className="approval-step-meta">
        {step.mode === "all" ? "All of" : "Any of"}: {who}. {step.reason}.
        {step.status === "waiting" && (
          <>
            {" "}
            Expires <Time iso={step.expiresAt} />.
          </>
        )}
      </p>
      {step.decisions.length > 0 && (
        <ul className="approval-decisions">
          {step.decisions.map((d) => (
            <li key={d.user.id}>
              {d.decision === "approved" ? "✓ Approved" : "✗ Changes requested"} by {d.user.name}, <Time iso={d.at} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** A post's approval: its steps in order, the decision form for whoever is in turn, and the comments. */
export function ApprovalPanel({ post }: { post: Post }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const canReview = useCan("posts.review");
  const review = useQuery({ queryKey: reviewKey(post.id), queryFn: () => fetchReview(post.id) });
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string>();
  const decision = useMutation({
    mutationFn: (kind: "approve" | "reject") => decide(post.id, kind, { version: post.version, ...(comment.trim() ? { comment } : {}) }),
    onSuccess: (saved, kind) => {
      queryClient.setQueryData(reviewKey(post.id), saved);
      void queryClient.invalidateQueries({ queryKey: postsKey });
      void queryClient.invalidateQueries({ queryKey: auditKey });
      setComment("");
      toast(
        kind === "approve"
          ? saved.approval.state === "approved"
            ? "Approved: the post is scheduled"
            : "Approved"
          : "Sent back to the author",
      );
    },
  });
  const act = (kind: "approve" | "reject") => (event?: FormEvent) => {
    event?.preventDefault();
    if (kind === "reject" && !comment.trim()) {
      setCommentError("Say what needs to change, so the author can fix it.");
      return;
    }
    setCommentError(undefined);
    decision.mutate(kind);
  };

  const data = review.data;
  if (!data || data.approval.round === 0) return <ErrorMessage error={review.error} title="The approval could not be loaded" />;
  const { approval } = data;
  const current = approval.steps.find((s) => s.status === "waiting");
  return (
    <section className="card detail-section approval-panel" aria-labelledby="approval-heading">
      <div className="section-header">
        <h2 id="approval-heading">Approval</h2>
        {approval.round > 1 && <span className="field-hint">Submission {approval.round}</span>}
      </div>
      {STATE_TEXT[approval.state] && <p className="section-intro">{STATE_TEXT[approval.state]}</p>}
      <ol className="approval-steps">
        {approval.steps.map((step) => (
          <Step key={step.id} step={step} inTurn={step.id === current?.id && post.status === "pending_approval"} />
        ))}
      </ol>
      {approval.canDecide && canReview && (
        <form className="approval-decide" onSubmit={act("approve")}>
          <TextAreaField
            label="Comment"
            hint="Optional when you approve; required when you request changes."
            value={comment}
            error={commentError}
            onChange={(e) => {
              setComment(e.target.value);
              setCommentError(undefined);
            }}
          />
          <ErrorMessage error={decision.error} title="Your decision was not saved" />
          <div className="form-actions">
            <button type="button" className="button" disabled={decision.isPending} onClick={() => act("reject")()}>
              Request changes
            </button>
            <button type="submit" className="button button-primary" disabled={decision.isPending}>
              Approve
            </button>
          </div>
        </form>
      )}
      <CommentsThread postId={post.id} comments={data.comments} />
    </section>
  );
}
