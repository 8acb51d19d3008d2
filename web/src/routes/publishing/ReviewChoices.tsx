import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { auditKey } from "../../api/audit.js";
import { ApiError } from "../../api/client.js";
import { type ReviewDecision, reviewVariant } from "../../api/postReview.js";
import { type Post, type PostVariant, postKey, postsKey } from "../../api/posts.js";
import { useCan, useCurrentUser } from "../../auth/currentUser.js";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Modal } from "../../components/Modal.js";
import { TextField } from "../../components/TextField.js";
import { useToast } from "../../components/Toasts.js";
import { networkName, usePublishableChannels } from "./channels.js";
import "./pause.css";

type Asking = { variant: PostVariant; choice: ReviewDecision["choice"] };

/**
 * A post the engine could not settle (it cannot tell whether a channel's post went out): why, and the
 * person's two choices per channel, each confirmed in words that say what it does.
 */
export function ReviewChoices({ post }: { post: Post }) {
  const me = useCurrentUser();
  const isLead = useCan("accounts.manage");
  const canDecide = useCan("posts.write") && (post.author.id === me.user.id || isLead);
  const { networks } = usePublishableChannels();
  const [asking, setAsking] = useState<Asking>();
  const queryClient = useQueryClient();
  const toast = useToast();
  const decide = useMutation({
    mutationFn: ({ variant, decision }: { variant: PostVariant; decision: ReviewDecision }) => reviewVariant(post.id, variant.id, decision),
    onSuccess: (saved, { decision }) => {
      queryClient.setQueryData(postKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: postsKey });
      void queryClient.invalidateQueries({ queryKey: auditKey });
      toast(decision.choice === "went_out" ? "Marked as published" : "Publishing again");
    },
  });
  const inReview = post.variants.filter((v) => v.status === "needs_review");
  if (inReview.length === 0) return null;
  const channelOf = (v: PostVariant) => `${networkName(networks, v.network)} ${v.handle ?? "(account deleted)"}`;
  const open = (variant: PostVariant, choice: Asking["choice"]) => {
    decide.reset();
    setAsking({ variant, choice });
  };

  return (
    <section className="review-choices alert alert-warning" aria-labelledby="review-title">
      <h2 id="review-title" className="alert-title">
        Did this post go out?
      </h2>
      <p>Switchboard could not confirm it. Check the channel, then say what happened: nothing more is sent until you do.</p>
      <ul className="review-list">
        {inReview.map((v) => (
          <li key={v.id} className="review-item">
            <p className="review-channel">{channelOf(v)}</p>
            {v.lastError && <p className="review-reason">Why: {v.lastError}</p>}
            {canDecide ? (
              <div className="review-actions">
                <button type="button" className="button button-small" onClick={() => open(v, "went_out")}>
                  It went out<span className="sr-only"> on {channelOf(v)}</span>
                </button>
                <button type="button" className="button button-small" onClick={() => open(v, "publish_again")}>
                  Publish again<span className="sr-only"> on {channelOf(v)}</span>
                </button>
              </div>
            ) : (
              <p className="field-hint">The author or a social lead decides.</p>
            )}
          </li>
        ))}
      </ul>
      {asking?.choice === "publish_again" && (
        <ConfirmDialog
          title={`Publish again on ${channelOf(asking.variant)}?`}
          confirmLabel="Publish again"
          pending={decide.isPending}
          error={decide.error}
          onConfirm={() => decide.mutateAsync({ variant: asking.variant, decision: { choice: "publish_again" } })}
          onClose={() => setAsking(undefined)}
        >
          <p>Switchboard sends this post to {channelOf(asking.variant)} again within a few seconds, as a new attempt.</p>
          <p>
            <strong>If the first attempt did go out, followers will see it twice.</strong> Check the channel first.
          </p>
        </ConfirmDialog>
      )}
      {asking?.choice === "went_out" && (
        <WentOutDialog
          channel={channelOf(asking.variant)}
          pending={decide.isPending}
          error={decide.error}
          onConfirm={(url) => decide.mutateAsync({ variant: asking.variant, decision: { choice: "went_out", ...(url ? { url } : {}) } })}
          onClose={() => setAsking(undefined)}
        />
      )}
    </section>
  );
}

function WentOutDialog(props: {
  channel: string;
  pending: boolean;
  error: unknown;
  onConfirm: (url: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const [url, setUrl] = useState("");
  const urlError =
    props.error instanceof ApiError && props.error.code === "validation_failed"
      ? "Paste the post's full address, starting with https://"
      : undefined;
  return (
    <Modal title={`Mark as published on ${props.channel}?`} size="small" onClose={props.onClose}>
      {(close) => {
        const submit = (event: FormEvent) => {
          event.preventDefault();
          props.onConfirm(url.trim()).then(close, () => undefined);
        };
        return (
          <form className="form" onSubmit={submit}>
            <p className="confirm-text">Switchboard records that this post went out on {props.channel} and does not send it again.</p>
            <TextField
              label="Address of the post (optional)"
              type="url"
              inputMode="url"
              placeholder="https://"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              error={urlError}
              hint="If you found it on the network, paste its link so others can open it."
            />
            {!urlError && <ErrorMessage error={props.error} />}
            <div className="form-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button-primary" disabled={props.pending}>
                {props.pending ? "Working…" : "Mark as published"}
              </button>
            </div>
          </form>
        );
      }}
    </Modal>
  );
}
