import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type CrisisState, crisisKey, endCrisis, startCrisis } from "../../api/crisis.js";
import { useCan } from "../../auth/currentUser.js";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { TextAreaField } from "../../components/TextAreaField.js";
import { Time } from "../../components/Time.js";

/** Whether crisis mode is on, who turned it on and why; turning it on (with a reason) or off. */
export function CrisisModePanel({ state }: { state: CrisisState }) {
  const canSwitch = useCan("publishing.pause");
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const onDone = (next: CrisisState) => queryClient.setQueryData(crisisKey, next);
  const start = useMutation({ mutationFn: startCrisis, onSuccess: onDone });
  const end = useMutation({ mutationFn: endCrisis, onSuccess: onDone });
  const { active } = state;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate({ reason: reason.trim() }, { onSuccess: () => setReason("") });
  };

  if (active)
    return (
      <section className="crisis-mode crisis-mode-on" aria-labelledby="crisis-mode-heading">
        <div className="crisis-mode-text">
          <h2 id="crisis-mode-heading">Crisis mode is on</h2>
          <p className="crisis-reason">{active.reason}</p>
          <p>
            Turned on by {active.startedBy ?? "someone no longer here"}, <Time iso={active.startedAt} />. Scheduled publishing is paused,
            negative conversations are urgent, and the policy check warns against cheerful campaigns.
          </p>
        </div>
        {canSwitch && (
          <button type="button" className="button" onClick={() => setConfirmingEnd(true)}>
            Turn crisis mode off
          </button>
        )}
        {confirmingEnd && (
          <ConfirmDialog
            title="Turn crisis mode off?"
            confirmLabel="Turn off"
            pending={end.isPending}
            error={end.error}
            onConfirm={() => end.mutateAsync(active.id)}
            onClose={() => {
              setConfirmingEnd(false);
              end.reset();
            }}
          >
            <p>Scheduled publishing resumes (posts held past their window are marked missed), and the banner goes away.</p>
          </ConfirmDialog>
        )}
      </section>
    );

  return (
    <section className="crisis-mode" aria-labelledby="crisis-mode-heading">
      <div className="crisis-mode-text">
        <h2 id="crisis-mode-heading">Crisis mode is off</h2>
        <p className="muted">
          Turning it on pauses scheduled publishing, makes the last day’s negative conversations urgent and tells the leads.
        </p>
      </div>
      {canSwitch ? (
        <form className="crisis-mode-form" onSubmit={submit} aria-label="Turn crisis mode on">
          <TextAreaField
            label="Reason"
            hint="Everyone sees it on the banner and in the audit log"
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <ErrorMessage error={start.error} />
          <div>
            <button type="submit" className="button button-danger" disabled={start.isPending || !reason.trim()}>
              {start.isPending ? "Turning on…" : "Turn crisis mode on"}
            </button>
          </div>
        </form>
      ) : (
        <p className="muted">Leads and admins can turn it on.</p>
      )}
    </section>
  );
}
