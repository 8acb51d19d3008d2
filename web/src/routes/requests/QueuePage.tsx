import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { SelectField } from "../../components/SelectField.js";
import { Time } from "../../components/Time.js";
import { SlaBadge, StatusBadge } from "./parts.js";
import { AGENT_STATUS_LABELS, fetchQueue, fetchSettings, requestKeys, STATUSES } from "./requestsApi.js";
import "./requests.css";

/** /helpdesk/queue: the agents' view of every queue, filtered by queue, status and assignee, with SLA badges. */
export function QueuePage() {
  const [params, setParams] = useSearchParams();
  const filters = {
    queueId: params.get("queueId") ?? "",
    status: params.get("status") ?? "active",
    assigneeId: params.get("assigneeId") ?? "",
  };
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  const settings = useQuery({ queryKey: requestKeys.settings, queryFn: fetchSettings });
  const list = useQuery({ queryKey: requestKeys.queue(query), queryFn: () => fetchQueue(query), refetchInterval: 60_000 });
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <>
      <PageHeader
        title="Request queues"
        description="Requests from employees, by queue. Badges show the SLA clock that is due next: amber when due soon, red once breached."
        actions={
          <Link className="button" to="/helpdesk">
            Need help? form
          </Link>
        }
      />
      <search className="filters">
        <SelectField label="Queue" value={filters.queueId} onChange={(e) => set("queueId", e.target.value)}>
          <option value="">All queues</option>
          {settings.data?.queues.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Status" value={filters.status} onChange={(e) => set("status", e.target.value)}>
          <option value="active">Not resolved</option>
          <option value="all">All</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {AGENT_STATUS_LABELS[s]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Assignee" value={filters.assigneeId} onChange={(e) => set("assigneeId", e.target.value)}>
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="none">Nobody</option>
        </SelectField>
      </search>
      {list.isPending ? (
        <Loading label="Loading requests" />
      ) : list.error ? (
        <ErrorMessage error={list.error} />
      ) : list.data.length === 0 ? (
        <EmptyState title="Nothing here">No requests match these filters.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Queue</th>
                <th scope="col">Status</th>
                <th scope="col">Priority</th>
                <th scope="col">Requester</th>
                <th scope="col">Assignee</th>
                <th scope="col">SLA</th>
                <th scope="col">Filed</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/helpdesk/queue/${r.number}`}>
                      #{r.number} {r.subject}
                    </Link>
                    <div className="muted">
                      {r.typeName}
                      {r.approval === "pending" ? " · awaiting approval" : ""}
                    </div>
                  </th>
                  <td>{r.queue.name}</td>
                  <td>
                    <StatusBadge status={r.status} agent />
                  </td>
                  <td>{r.priority}</td>
                  <td>{r.requester.name}</td>
                  <td>{r.assignee?.name ?? <span className="muted">Nobody</span>}</td>
                  <td>
                    <SlaBadge clock={r.sla} />
                  </td>
                  <td>
                    <Time iso={r.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
