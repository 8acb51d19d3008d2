import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { auditKey } from "../../api/audit.js";
import { campaignsKey, fetchCampaigns } from "../../api/campaigns.js";
import { ApiError } from "../../api/client.js";
import { type PauseScope, pausePublishing, pausesKey } from "../../api/pauses.js";
import { postsKey } from "../../api/posts.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Modal } from "../../components/Modal.js";
import { SelectField } from "../../components/SelectField.js";
import { TextAreaField } from "../../components/TextAreaField.js";
import { useToast } from "../../components/Toasts.js";
import { usePublishableChannels } from "./channels.js";

const SCOPES: { scope: PauseScope; label: string; hint: string }[] = [
  { scope: "all", label: "Everything", hint: "No post goes out on any channel." },
  { scope: "account", label: "One channel", hint: "Only posts for that account are held." },
  { scope: "campaign", label: "One campaign", hint: "Only that campaign's posts are held." },
];

const codeOf = (error: unknown) => (error instanceof ApiError ? error.code : undefined);

/** The kill switch: what to pause, and why (the reason is shown on the banner and kept in the audit log). */
export function PauseDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const [scope, setScope] = useState<PauseScope>("all");
  const [accountId, setAccountId] = useState("");
  const [campaignId, setCampaignId] = useState("");
  const [reason, setReason] = useState("");
  const { channels } = usePublishableChannels();
  const campaigns = useQuery({ queryKey: campaignsKey, queryFn: fetchCampaigns, enabled: scope === "campaign" });
  const scopeId = scope === "account" ? accountId : scope === "campaign" ? campaignId : "";
  const pause = useMutation({
    mutationFn: () => pausePublishing({ scope, reason, ...(scopeId ? { scopeId } : {}) }),
    onSuccess: (paused) => {
      void queryClient.invalidateQueries({ queryKey: pausesKey });
      void queryClient.invalidateQueries({ queryKey: postsKey });
      void queryClient.invalidateQueries({ queryKey: auditKey });
      toast(paused.scope === "all" ? "Publishing paused" : `Paused ${paused.scopeLabel}`);
    },
  });
  const code = codeOf(pause.error);
  const reasonError = code === "reason_required" ? pause.error?.message : undefined;
  const scopeError =
    code === "scope_id_required" || code === "account_not_found" || code === "campaign_not_found" ? pause.error?.message : undefined;

  return (
    <Modal
      title="Pause publishing"
      description="Posts that fall due in what you pause are held (not sent, not marked missed) until someone resumes. Social leads are told."
      onClose={onClose}
    >
      {(close) => {
        const submit = (event: FormEvent) => {
          event.preventDefault();
          pause.mutate(undefined, { onSuccess: close });
        };
        return (
          <form className="form" onSubmit={submit}>
            <fieldset className="fieldset">
              <legend>What to pause</legend>
              <div className="pause-scopes">
                {SCOPES.map((s) => (
                  <div key={s.scope} className="pause-scope-choice">
                    <input
                      type="radio"
                      id={`${id}-${s.scope}`}
                      name={`${id}-scope`}
                      aria-describedby={`${id}-${s.scope}-hint`}
                      checked={scope === s.scope}
                      onChange={() => setScope(s.scope)}
                    />
                    <label htmlFor={`${id}-${s.scope}`} className="pause-scope-label">
                      {s.label}
                    </label>
                    <span id={`${id}-${s.scope}-hint`} className="field-hint">
                      {s.hint}
                    </span>
                  </div>
                ))}
              </div>
              {scope === "account" && (
                <SelectField label="Channel" required value={accountId} onChange={(e) => setAccountId(e.target.value)} error={scopeError}>
                  <option value="">Choose a channel…</option>
                  {channels.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.networkName} {c.handle}
                    </option>
                  ))}
                </SelectField>
              )}
              {scope === "campaign" && (
                <SelectField
                  label="Campaign"
                  required
                  value={campaignId}
                  onChange={(e) => setCampaignId(e.target.value)}
                  error={scopeError}
                >
                  <option value="">{campaigns.data?.length === 0 ? "No campaigns yet" : "Choose a campaign…"}</option>
                  {(campaigns.data ?? []).map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </SelectField>
              )}
            </fieldset>
            <TextAreaField
              label="Reason"
              required
              rows={3}
              maxLength={500}
              value={reason}
              onChange={(e) => {
                if (reasonError) pause.reset();
                setReason(e.target.value);
              }}
              error={reasonError}
              hint="Shown to everyone on the publishing pages and kept in the audit log, e.g. “Breaking news: hold all promotions”."
            />
            {!reasonError && !scopeError && <ErrorMessage error={pause.error} title="Publishing could not be paused" />}
            <div className="form-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button-danger" disabled={pause.isPending}>
                {pause.isPending ? "Pausing…" : "Pause publishing"}
              </button>
            </div>
          </form>
        );
      }}
    </Modal>
  );
}
