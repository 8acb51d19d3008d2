import { useQuery } from "@tanstack/react-query";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { analyticsKey, fetchService, type ServiceRow } from "./api.js";
import { type Column, DataTable } from "./DataTable.js";

const minutes = (v: number | null) => {
  if (v === null) return "—";
  if (v < 90) return `${Math.round(v)} min`;
  if (v < 48 * 60) return `${(v / 60).toLocaleString(undefined, { maximumFractionDigits: 1 })} h`;
  return `${(v / 1440).toLocaleString(undefined, { maximumFractionDigits: 1 })} d`;
};

const columns = (first: string, withResolution: boolean): Column<ServiceRow>[] => [
  { header: first, value: (r) => r.label },
  { header: withResolution ? "Requests" : "Conversations", value: (r) => r.count, numeric: true },
  { header: "Answered", value: (r) => r.answered, numeric: true },
  {
    header: "Response rate",
    value: (r) => r.responseRate,
    render: (r) => (r.responseRate === null ? "—" : `${Math.round(r.responseRate * 100)} %`),
    numeric: true,
  },
  {
    header: "Median first response (min)",
    value: (r) => r.medianFirstResponseMinutes,
    render: (r) => minutes(r.medianFirstResponseMinutes),
    numeric: true,
  },
  ...(withResolution
    ? [
        {
          header: "Median resolution (min)",
          value: (r: ServiceRow) => r.medianResolutionMinutes,
          render: (r: ServiceRow) => minutes(r.medianResolutionMinutes),
          numeric: true,
        },
      ]
    : []),
];

/** Inbox and help desk response times for the range, per team, queue and agent. */
export function ServicePanel({ from, to }: { from: string; to: string }) {
  const report = useQuery({ queryKey: [...analyticsKey, "service", from, to], queryFn: () => fetchService(from, to) });
  return (
    <section className="card" aria-labelledby="analytics-service">
      <h2 id="analytics-service">Response times</h2>
      {report.isPending ? (
        <Loading label="Loading response times…" />
      ) : report.isError ? (
        <ErrorMessage error={report.error} title="Response times could not be loaded" />
      ) : (
        <>
          <p className="muted">Wall-clock time from the first message to the first reply; business hours are not taken out yet.</p>
          <div className="analytics-service-tables">
            <DataTable
              caption="Inbox by team"
              columns={columns("Team", false)}
              rows={report.data.inbox.teams}
              rowKey={(r) => r.id}
              filename={`inbox-teams-${from}-to-${to}.csv`}
              empty="No conversations began in this period."
            />
            <DataTable
              caption="Inbox by agent"
              columns={columns("Agent", false)}
              rows={report.data.inbox.agents}
              rowKey={(r) => r.id}
              filename={`inbox-agents-${from}-to-${to}.csv`}
              empty="No conversations began in this period."
            />
            <DataTable
              caption="Help desk by queue"
              columns={columns("Queue", true)}
              rows={report.data.helpdesk.queues}
              rowKey={(r) => r.id}
              filename={`helpdesk-queues-${from}-to-${to}.csv`}
              empty="No requests were filed in this period."
            />
            <DataTable
              caption="Help desk by agent"
              columns={columns("Agent", true)}
              rows={report.data.helpdesk.agents}
              rowKey={(r) => r.id}
              filename={`helpdesk-agents-${from}-to-${to}.csv`}
              empty="No requests were filed in this period."
            />
          </div>
          <details>
            <summary>Not reported yet</summary>
            <ul>
              {report.data.notYet.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </details>
        </>
      )}
    </section>
  );
}
