import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { addComment, type Review, reviewKey } from "../../../api/approvals.js";
import { useCan } from "../../../auth/currentUser.js";
import { ErrorMessage } from "../../../components/ErrorMessage.js";
import { TextAreaField } from "../../../components/TextAreaField.js";
import { Time } from "../../../components/Time.js";
import { useMutateOnce } from "../../../lib/useMutateOnce.js";

/** The conversation about a post between its author and its approvers. */
export function CommentsThread({ postId, comments }: { postId: string; comments: Review["comments"] }) {
  const queryClient = useQueryClient();
  const canComment = useCan("posts.review");
  const [body, setBody] = useState("");
  const add = useMutation({
    mutationFn: () => addComment(postId, body),
    onSuccess: () => {
      setBody("");
      void queryClient.invalidateQueries({ queryKey: reviewKey(postId) });
    },
  });
  const addOnce = useMutateOnce(add);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (body.trim()) addOnce();
  };
  return (
    <div className="comments">
      <h3>Comments</h3>
      {comments.length === 0 ? (
        <p className="field-hint">No comments yet.</p>
      ) : (
        <ul className="comment-list">
          {comments.map((c) => (
            <li key={c.id} className="comment">
              <p className="comment-meta">
                <strong>{c.author.name}</strong> · <Time iso={c.createdAt} />
              </p>
              <p className="comment-body">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      {canComment && (
        <form onSubmit={submit} className="comment-form">
          <TextAreaField label="Add a comment" rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
          <ErrorMessage error={add.error} title="The comment was not saved" />
          <div className="form-actions">
            <button type="submit" className="button" disabled={add.isPending || !body.trim()}>
              Comment
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
