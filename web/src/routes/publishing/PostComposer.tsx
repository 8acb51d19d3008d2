import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { auditKey } from "../../api/audit.js";
import { ApiError } from "../../api/client.js";
import { createPost, deletePost, type Post, postKey, postsKey, updatePost, type VariantProblem } from "../../api/posts.js";
import { useCan } from "../../auth/currentUser.js";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { TextAreaField } from "../../components/TextAreaField.js";
import { TextField } from "../../components/TextField.js";
import { useToast } from "../../components/Toasts.js";
import { useMutateOnce } from "../../lib/useMutateOnce.js";
import { ChannelPicker } from "./ChannelPicker.js";
import { ChannelVariant } from "./ChannelVariant.js";
import { networkName, usePublishableChannels } from "./channels.js";
import { CampaignField } from "./composer/CampaignField.js";
import { EDITABLE_STATUSES } from "./labels.js";
import { saveAltTexts } from "./media/altTexts.js";
import { MediaPicker } from "./media/MediaPicker.js";
import { type ComposerDraft, draftOf, emptyDraft, postInputOf, scheduledAtOf, variantsOf } from "./postDraft.js";
import { ScheduleFields } from "./ScheduleFields.js";
import { useVariantCheck } from "./useVariantCheck.js";

const problemsOf = (error: unknown): VariantProblem[] => {
  if (!(error instanceof ApiError) || error.code !== "variant_invalid") return [];
  const problems = (error.details as { problems?: unknown } | undefined)?.problems;
  return Array.isArray(problems) ? (problems as VariantProblem[]) : [];
};

/** Writes a new post, or edits `post`; `onReload` fetches the post again after an edit conflict. */
export function PostComposer({ post, onReload }: { post?: Post; onReload?: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const { channels, networks, error: channelsError } = usePublishableChannels();
  const [initial] = useState<ComposerDraft>(() => (post ? draftOf(post) : emptyDraft()));
  const [draft, setDraft] = useState<ComposerDraft>(initial);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [overrideReason, setOverrideReason] = useState("");
  const canOverride = useCan("policy.manage");
  const change = (changes: Partial<ComposerDraft>) => setDraft((d) => ({ ...d, ...changes }));
  const setOwnText = (accountId: string, text: string | undefined) =>
    setDraft((d) => {
      const ownTexts = { ...d.ownTexts };
      if (text === undefined) delete ownTexts[accountId];
      else ownTexts[accountId] = text;
      return { ...d, ownTexts };
    });

  const check = useVariantCheck(
    draft.text,
    variantsOf(draft),
    draft.media.map((m) => m.id),
  );
  const editable = !post || EDITABLE_STATUSES.includes(post.status);

  const save = useMutation({
    mutationFn: async (scheduledAt: string | null) => {
      await saveAltTexts(draft.media);
      const input = {
        ...postInputOf(draft, scheduledAt),
        ...(overrideReason.trim() ? { policyOverride: { reason: overrideReason.trim() } } : {}),
      };
      if (!post) return createPost(input);
      // An unchanged schedule is not sent again, so a post due soon is not refused as "in the past";
      // a draft's is, because sending a time is what submits a draft (also one sent back by an approver).
      const { scheduledAt: _, ...rest } = input;
      const unchanged = draft.when === "queue" || (scheduledAt === scheduledAtOf(initial) && post.status !== "draft");
      return updatePost(post.id, { ...rest, ...(unchanged ? {} : { scheduledAt }), version: post.version });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(postKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: postsKey });
      void queryClient.invalidateQueries({ queryKey: auditKey });
      toast(
        saved.status === "pending_approval"
          ? "Sent for approval"
          : post
            ? "Changes saved"
            : saved.status === "scheduled"
              ? "Post scheduled"
              : "Draft saved",
      );
      navigate("/publishing");
    },
  });
  const remove = useMutation({
    mutationFn: () => deletePost(post?.id ?? ""),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: postsKey });
      toast("Post deleted");
      navigate("/publishing");
    },
  });

  const [scheduleError, setScheduleError] = useState<string>();
  const saveOnce = useMutateOnce(save);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const scheduledAt = scheduledAtOf(draft);
    if (scheduledAt === undefined) {
      setScheduleError("Choose a date and a time.");
      return;
    }
    setScheduleError(undefined);
    saveOnce(scheduledAt);
  };

  const conflict = save.error instanceof ApiError && save.error.code === "edit_conflict";
  const blockedByPolicy = save.error instanceof ApiError && save.error.code === "policy_blocked";
  const saveProblems = problemsOf(save.error);
  const inPast = save.error instanceof ApiError && save.error.code === "schedule_in_past" ? save.error.message : undefined;
  const nameOf = (accountId: string) => {
    const channel = channels.find((c) => c.id === accountId);
    if (channel) return `${channel.networkName} ${channel.handle}`;
    const variant = post?.variants.find((v) => v.accountId === accountId);
    return variant ? `${networkName(networks, variant.network)} ${variant.handle ?? ""}`.trim() : accountId;
  };

  const channelOf = (accountId: string) => {
    const channel = channels.find((c) => c.id === accountId);
    const variant = post?.variants.find((v) => v.accountId === accountId);
    const network = channel?.network ?? variant?.network ?? "";
    return {
      network,
      networkName: networkName(networks, network),
      handle: channel?.handle ?? variant?.handle ?? "",
      threads: networks.find((n) => n.id === network)?.threads ?? false,
    };
  };

  return (
    <form className="form composer" onSubmit={submit}>
      {!editable && (
        <div className="alert alert-warning" role="status">
          <p>This post can no longer be edited.</p>
        </div>
      )}
      <TextAreaField
        label="Text"
        rows={6}
        value={draft.text}
        onChange={(e) => change({ text: e.target.value })}
        hint="Written once; each channel uses it unless you adjust it for that channel."
      />
      <MediaPicker
        media={draft.media}
        onChange={(media) => change({ media })}
        checks={check.data}
        networkName={(id) => networkName(networks, id)}
        disabled={!editable}
      />
      <ErrorMessage error={channelsError} title="The channels could not be loaded" />
      <ChannelPicker channels={channels} selected={draft.accountIds} onChange={(accountIds) => change({ accountIds })} />
      {draft.accountIds.length > 0 && (
        <div className="channel-variants">
          {draft.accountIds.map((accountId) => (
            <ChannelVariant
              key={accountId}
              name={nameOf(accountId)}
              check={check.data?.find((c) => c.accountId === accountId)}
              saveProblems={saveProblems.filter((p) => p.accountId === accountId)}
              ownText={draft.ownTexts[accountId]}
              postText={draft.text}
              onOwnTextChange={(text) => setOwnText(accountId, text)}
              channel={channelOf(accountId)}
              threadParts={draft.threadParts[accountId] ?? []}
              onThreadPartsChange={(parts) => setDraft((d) => ({ ...d, threadParts: { ...d.threadParts, [accountId]: parts } }))}
            />
          ))}
          <ErrorMessage error={check.error} title="The text could not be checked" />
        </div>
      )}
      <ScheduleFields
        draft={draft}
        onChange={(changes) => {
          // A refusal of the old time no longer applies to a new one.
          if (inPast) save.reset();
          change(changes);
        }}
        error={scheduleError ?? inPast}
      />
      <CampaignField value={draft.campaignId} onChange={(campaignId) => change({ campaignId })} />
      <TextField
        label="Tags"
        autoComplete="off"
        value={draft.tags}
        onChange={(e) => change({ tags: e.target.value })}
        hint="Separated by commas, e.g. launch, europe."
      />
      {conflict ? (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">Someone changed this post after you opened it</p>
          <p>Reload it to see their version, then apply your change again.</p>
          <div className="form-actions form-actions-start">
            <button type="button" className="button" onClick={onReload}>
              Reload
            </button>
          </div>
        </div>
      ) : (
        !inPast && (
          <>
            <ErrorMessage error={save.error} title={post ? "The post could not be saved" : "The post could not be created"} />
            {blockedByPolicy && canOverride && (
              <TextField
                label="Reason to override the policy"
                hint="As an administrator you may send it anyway; the reason is kept in the audit log."
                value={overrideReason}
                onChange={(e) => setOverrideReason(e.target.value)}
              />
            )}
          </>
        )
      )}
      {editable && (
        <div className="form-actions">
          {post && (
            <button type="button" className="button button-danger-quiet" onClick={() => setConfirmingDelete(true)}>
              Delete
            </button>
          )}
          <button type="button" className="button" onClick={() => navigate("/publishing")}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending
              ? "Saving…"
              : draft.when === "draft"
                ? "Save as draft"
                : draft.when === "queue"
                  ? "Add to queue"
                  : "Schedule post"}
          </button>
        </div>
      )}
      {confirmingDelete && post && (
        <ConfirmDialog
          title="Delete this post?"
          confirmLabel="Delete post"
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutateAsync()}
          onClose={() => setConfirmingDelete(false)}
        >
          <p>It will not go out on any channel. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
