import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { SelectField } from "../../components/SelectField.js";
import { analyticsKey, fetchService } from "./api.js";
import { DataTable } from "./DataTable.js";
import { SERVICE_VIEW_HELP, SERVICE_VIEWS, type ServiceView, serviceColumns } from "./ServiceColumns.js";

/** Inbox and help desk service levels for the range, per team, queue and agent: times and SLA attainment. */
export function ServicePanel({ from, to }: { from: string; to: string }) {
  const report = useQuery({ queryKey: [...analyticsKey, "service", from, to], queryFn: () => fetchService(from, to) });
  const [view, setView] = useState<ServiceView>("first_response");
  const file = (what: string) => `${what}-${view.replaceAll("_", "-")}-${from}-to-${to}.csv`;
  return (
    <section className="card" aria-labelledby="analytics-service">
      <div className="analytics-table-header">
        <h2 id="analytics-service">Response times and SLA attainment</h2>
        <SelectField label="Show" value={view} onChange={(e) => setView(e.target.value as ServiceView)}>
          {Object.entries(SERVICE_VIEWS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      {report.isPending ? (
        <Loading label="Loading service levels…" />
      ) : report.isError ? (
        <ErrorMessage error={report.error} title="Service levels could not be loaded" />
      ) : (
        <>
          <p className="muted">
            Conversations and requests that began in this period. {SERVICE_VIEW_HELP[view]}
            {view.startsWith("sla_") &&
              " Attainment = met ÷ (met + missed + breached, open); clocks still open on time do not count yet. No SLA: items without any SLA clock."}
          </p>
          {report.data.truncated && <p className="muted">Only the first 50,000 conversations and requests of this period are counted.</p>}
          {/* One table under another: each view has up to seven columns, too many for two side by side on a laptop. */}
          <div>
            {(
              [
                ["Inbox by team", "Team", "Conversations", report.data.inbox.teams, "inbox-teams"],
                ["Inbox by agent", "Agent", "Conversations", report.data.inbox.agents, "inbox-agents"],
                ["Help desk by queue", "Queue", "Requests", report.data.helpdesk.queues, "helpdesk-queues"],
                ["Help desk by agent", "Agent", "Requests", report.data.helpdesk.agents, "helpdesk-agents"],
              ] as const
            ).map(([caption, group, items, rows, stem]) => (
              <DataTable
                key={stem}
                caption={caption}
                columns={serviceColumns(view, group, items)}
                rows={rows}
                rowKey={(r) => r.id}
                filename={file(stem)}
                empty={items === "Conversations" ? "No conversations began in this period." : "No requests were filed in this period."}
              />
            ))}
          </div>
          {report.data.elsewhere.map((e) => (
            <p key={e.path} className="muted">
              {e.label}: see <Link to={e.path}>Reports</Link>.
            </p>
          ))}
          {report.data.notYet.length > 0 && (
            <details>
              <summary>Not reported yet</summary>
              <ul>
                {report.data.notYet.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}
