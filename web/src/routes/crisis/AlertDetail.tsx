import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import {
  acknowledgeAlert,
  type CrisisAlertDetail,
  crisisAlertKey,
  crisisKey,
  fetchAlert,
  resolveAlert,
  startCrisis,
} from "../../api/crisis.js";
import { useCan } from "../../auth/currentUser.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { Modal } from "../../components/Modal.js";
import { TextAreaField } from "../../components/TextAreaField.js";
import { Time } from "../../components/Time.js";
import { RelativeTime } from "../inbox/RelativeTime.js";
import { AlertStatusBadge, alertFigures, SeverityBadge, windowLabel } from "./labels.js";
import { SeriesChart } from "./SeriesChart.js";

/** Shown at first; the rest on request (an alert carries up to 200). */
const FIRST_MESSAGES = 20;

/** One alert: its figures, the series around it, the messages behind it, and working it. */
export function AlertDetail({ id, crisisOn }: { id: string; crisisOn: boolean }) {
  const canWork = useCan("inbox.work");
  const canSwitch = useCan("publishing.pause");
  const queryClient = useQueryClient();
  const [resolving, setResolving] = useState(false);
  const [note, setNote] = useState("");
  const [showAll, setShowAll] = useState(false);
  const detail = useQuery({ queryKey: crisisAlertKey(id), queryFn: () => fetchAlert(id) });
  const onChanged = (next: CrisisAlertDetail) => {
    queryClient.setQueryData(crisisAlertKey(id), next);
    void queryClient.invalidateQueries({ queryKey: crisisKey, exact: true });
  };
  const acknowledge = useMutation({ mutationFn: () => acknowledgeAlert(id), onSuccess: onChanged });
  const resolve = useMutation({ mutationFn: () => resolveAlert(id, note), onSuccess: onChanged });
  const startFromAlert = useMutation({
    mutationFn: (reason: string) => startCrisis({ reason, alertId: id }),
    onSuccess: (state) => queryClient.setQueryData(crisisKey, state),
  });

  if (detail.isPending) return <Loading label="Loading the alert…" />;
  if (detail.isError) return <ErrorMessage error={detail.error} />;
  const { alert, series, messages } = detail.data;
  const now = Date.now();
  const shown = showAll ? messages : messages.slice(0, FIRST_MESSAGES);

  return (
    <section className="crisis-detail" aria-labelledby="crisis-detail-heading">
      <header className="crisis-detail-header">
        <div>
          <p className="crisis-kind">{alert.subject.kind === "topic" ? "Listening topic" : "Channel"}</p>
          <h2 id="crisis-detail-heading">
            {alert.subject.kind === "topic" ? alert.subject.name.replace(/^topic “(.*)”$/, "$1") : alert.subject.name}
          </h2>
          <p className="crisis-detail-meta">
            <SeverityBadge severity={alert.severity} /> <AlertStatusBadge status={alert.status} /> Raised <Time iso={alert.raisedAt} />
            {" · "}spike from <Time iso={alert.spikeStart} />
          </p>
        </div>
        {canWork && alert.status !== "resolved" && (
          <div className="crisis-detail-actions">
            {alert.status === "open" && (
              <button type="button" className="button" onClick={() => acknowledge.mutate()} disabled={acknowledge.isPending}>
                Acknowledge
              </button>
            )}
            <button type="button" className="button" onClick={() => setResolving(true)}>
              Resolve…
            </button>
            {!crisisOn && canSwitch && (
              <button
                type="button"
                className="button button-danger"
                disabled={startFromAlert.isPending}
                onClick={() => startFromAlert.mutate(`Negative spike on ${alert.subject.name}`)}
              >
                Turn crisis mode on
              </button>
            )}
          </div>
        )}
      </header>
      <ErrorMessage error={acknowledge.error ?? startFromAlert.error} />

      <p className="crisis-figures">
        <strong>{alertFigures(alert)}</strong> <span className="muted">in {windowLabel(alert)}</span>
      </p>
      {alert.acknowledgedBy && alert.status === "acknowledged" && (
        <p className="muted">
          {alert.acknowledgedBy} is on it (<Time iso={alert.acknowledgedAt} />
          ).
        </p>
      )}
      {alert.status === "resolved" && (
        <p className="alert alert-ok">
          Resolved by {alert.resolvedBy ?? "someone no longer here"}, <Time iso={alert.resolvedAt} />
          {alert.resolutionNote ? `: ${alert.resolutionNote}` : "."}
        </p>
      )}

      <SeriesChart points={series} spikeStart={alert.spikeStart} raisedAt={alert.raisedAt} />

      <h3 className="crisis-messages-heading">
        The messages behind it <span className="muted">({alert.messageCount} when it was raised)</span>
      </h3>
      <ol className="crisis-messages" aria-label="Messages behind the spike">
        {shown.map((m) => (
          <li key={m.id} className="crisis-message">
            <p className="crisis-message-meta">
              <strong>{m.author ?? "Unknown author"}</strong> · <RelativeTime iso={m.sentAt} now={now} /> ·{" "}
              <Link to={`/inbox?conversation=${encodeURIComponent(m.conversationId)}`}>Open conversation</Link>
            </p>
            <p className="crisis-message-text">{m.text}</p>
          </li>
        ))}
      </ol>
      {messages.length > shown.length && (
        <button type="button" className="button button-small" onClick={() => setShowAll(true)}>
          Show all {messages.length}
        </button>
      )}

      {resolving && (
        <Modal
          title="Resolve this alert"
          size="small"
          onClose={() => {
            setResolving(false);
            resolve.reset();
          }}
        >
          {(close) => (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                resolve.mutate(undefined, { onSuccess: close });
              }}
            >
              <TextAreaField
                label="What was done"
                hint="Kept with the alert and in the audit log"
                rows={3}
                maxLength={2000}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
              <ErrorMessage error={resolve.error} />
              <div className="form-actions">
                <button type="button" className="button" onClick={close}>
                  Cancel
                </button>
                <button type="submit" className="button button-primary" disabled={resolve.isPending}>
                  {resolve.isPending ? "Resolving…" : "Resolve alert"}
                </button>
              </div>
            </form>
          )}
        </Modal>
      )}
    </section>
  );
}
