import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "react-router";
import { inboxKey } from "../../api/inbox.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useToast } from "../../components/Toasts.js";
import { useNow } from "../../lib/useNow.js";
import { approveHeldReply, fetchHeldReplies, type HeldReply, heldRepliesKey, returnHeldReply } from "./queueApi.js";
import { RelativeTime } from "./RelativeTime.js";
import "./inbox.css";

/** The inbox header's link to the approvals, with how many wait. */
export function ApprovalsLink() {
  const held = useQuery({ queryKey: heldRepliesKey, queryFn: fetchHeldReplies, refetchInterval: 60_000 });
  const count = held.data?.length ?? 0;
  return (
    <Link className={count > 0 ? "button button-small button-primary" : "button button-small"} to="/inbox/approvals">
      Approvals{count > 0 ? ` (${count})` : ""}
    </Link>
  );
}

function HeldItem({ held, now }: { held: HeldReply; now: number }) {
  const id = useId();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const [returning, setReturning] = useState(false);
  const done = async (message: string) => {
    toast(message);
    await queryClient.invalidateQueries({ queryKey: inboxKey });
  };
  const approve = useMutation({ mutationFn: () => approveHeldReply(held.id), onSuccess: () => done("Approved: the reply was sent") });
  const sendBack = useMutation({
    mutationFn: () => returnHeldReply(held.id, comment.trim()),
    onSuccess: () => done("Sent back to its author"),
  });
  return (
    <li className="card inbox-approval" aria-labelledby={`${id}-subject`}>
      <p className="muted">
        <strong>{held.author?.name ?? "Someone"}</strong> wrote, <RelativeTime iso={held.createdAt} now={now} />, on{" "}
        <Link id={`${id}-subject`} to={`/inbox?conversation=${held.conversation.id}`}>
          “{held.conversation.subject}”
        </Link>
      </p>
      <blockquote className="inbox-approval-text">{held.text}</blockquote>
      {held.findings.length > 0 && (
        <ul className="inbox-approval-findings" aria-label="What the policy noted">
          {held.findings.map((f) => (
            <li key={`${f.source}:${f.ruleId}`}>
              <span
                className={f.level === "error" ? "badge badge-danger" : f.level === "warning" ? "badge badge-warn" : "badge badge-quiet"}
              >
                {f.level}
              </span>{" "}
              {f.reason}
            </li>
          ))}
        </ul>
      )}
      {returning ? (
        <form
          className="inbox-approval-return"
          onSubmit={(e) => {
            e.preventDefault();
            if (comment.trim()) sendBack.mutate();
          }}
        >
          <label htmlFor={`${id}-comment`}>Comment for {held.author?.name ?? "the author"}</label>
          <textarea
            id={`${id}-comment`}
            className="input"
            rows={2}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <div className="inbox-note-actions">
            <button type="submit" className="button button-small button-primary" disabled={!comment.trim() || sendBack.isPending}>
              Send back
            </button>
            <button type="button" className="button button-small" onClick={() => setReturning(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="inbox-note-actions">
          <button
            type="button"
            className="button button-small button-primary"
            disabled={approve.isPending}
            onClick={() => approve.mutate()}
          >
            {approve.isPending ? "Sending…" : "Approve and send"}
          </button>
          <button type="button" className="button button-small" onClick={() => setReturning(true)}>
            Send back with a comment
          </button>
        </div>
      )}
      <ErrorMessage error={approve.error ?? sendBack.error} title="That did not work" />
    </li>
  );
}

/** /inbox/approvals: replies held for approval, oldest first, for leads to approve or send back. */
export function ApprovalsPage() {
  const now = useNow(30_000);
  const held = useQuery({ queryKey: heldRepliesKey, queryFn: fetchHeldReplies, refetchInterval: 30_000 });
  return (
    <>
      <PageHeader
        title="Replies waiting for approval"
        description="Replies by people whose answers need a lead's approval. Approving sends the reply through its channel; sending it back tells its author why."
        actions={
          <Link className="button" to="/inbox">
            Back to the inbox
          </Link>
        }
      />
      {held.isPending && <Loading label="Loading the replies…" />}
      <ErrorMessage error={held.error} title="The replies could not be loaded" />
      {held.data && held.data.length === 0 && <EmptyState title="No reply is waiting for approval." />}
      {held.data && held.data.length > 0 && (
        <ol className="inbox-approvals">
          {held.data.map((h) => (
            <HeldItem key={h.id} held={h} now={now} />
          ))}
        </ol>
      )}
    </>
  );
}
