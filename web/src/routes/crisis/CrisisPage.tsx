import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { type CrisisAlertSummary, crisisKey, fetchCrisis } from "../../api/crisis.js";
import { useCan } from "../../auth/currentUser.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { RelativeTime } from "../inbox/RelativeTime.js";
import { AlertDetail } from "./AlertDetail.js";
import { CrisisModePanel } from "./CrisisModePanel.js";
import { AlertStatusBadge, SeverityBadge } from "./labels.js";
import { WebhookSettings } from "./WebhookSettings.js";
import "./crisis.css";

function AlertItem({ alert, current, now, onSelect }: { alert: CrisisAlertSummary; current: boolean; now: number; onSelect: () => void }) {
  return (
    <li>
      <button
        type="button"
        className={`crisis-alert${current ? " crisis-alert-current" : ""}`}
        aria-current={current || undefined}
        onClick={onSelect}
      >
        <span className="crisis-alert-name">{alert.subject.name}</span>
        <span className="crisis-alert-badges">
          <SeverityBadge severity={alert.severity} /> <AlertStatusBadge status={alert.status} />
        </span>
        <span className="muted">
          {alert.negative} negative · {alert.ratio.toFixed(1)}× usual · <RelativeTime iso={alert.raisedAt} now={now} />
        </span>
        {alert.status === "acknowledged" && alert.acknowledgedBy && <span className="muted">{alert.acknowledgedBy} is on it</span>}
      </button>
    </li>
  );
}

/** The crisis dashboard: crisis mode, the detector's alerts with their series and messages, and the webhooks. */
export function CrisisPage() {
  const canManage = useCan("inbox.manage");
  const [params, setParams] = useSearchParams();
  const state = useQuery({ queryKey: crisisKey, queryFn: fetchCrisis, refetchInterval: 30_000 });
  const now = Date.now();

  const body = () => {
    if (state.isPending) return <Loading label="Loading alerts…" />;
    if (state.isError) return <ErrorMessage error={state.error} />;
    const { alerts } = state.data;
    const open = alerts.filter((a) => a.status !== "resolved");
    const resolved = alerts.filter((a) => a.status === "resolved");
    const selectedId = params.get("alert") ?? open[0]?.id ?? null;
    const select = (id: string) => setParams({ alert: id }, { replace: true });
    return (
      <>
        <CrisisModePanel state={state.data} />
        <section className="section" aria-labelledby="crisis-alerts-heading">
          <h2 id="crisis-alerts-heading">Alerts</h2>
          {alerts.length === 0 ? (
            <EmptyState title="No spikes">
              Each channel and listening topic is compared with its own previous week. When negative messages surge, an alert appears here,
              the leads and admins are emailed, and the webhooks below are called.
            </EmptyState>
          ) : (
            <div className="crisis-layout">
              <nav className="crisis-alerts" aria-label="Alerts">
                <h3 className="crisis-list-heading">Open ({open.length})</h3>
                {open.length === 0 ? (
                  <p className="muted">None open.</p>
                ) : (
                  <ul>
                    {open.map((a) => (
                      <AlertItem key={a.id} alert={a} current={a.id === selectedId} now={now} onSelect={() => select(a.id)} />
                    ))}
                  </ul>
                )}
                {resolved.length > 0 && (
                  <>
                    <h3 className="crisis-list-heading">Recently resolved</h3>
                    <ul>
                      {resolved.map((a) => (
                        <AlertItem key={a.id} alert={a} current={a.id === selectedId} now={now} onSelect={() => select(a.id)} />
                      ))}
                    </ul>
                  </>
                )}
              </nav>
              {selectedId ? (
                <AlertDetail key={selectedId} id={selectedId} crisisOn={state.data.active !== null} />
              ) : (
                <p className="muted">Choose an alert to see its messages.</p>
              )}
            </div>
          )}
        </section>
        {canManage && <WebhookSettings />}
      </>
    );
  };

  return (
    <>
      <PageHeader title="Crisis" description="Surges of negative messages per channel and listening topic, and crisis mode." />
      {body()}
    </>
  );
}
