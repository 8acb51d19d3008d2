import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { fetchOffboardings, offboardingsKey } from "../../api/offboardings.js";
import type { Offboarding } from "../../api/types.js";
import { fetchUsers, usersKey } from "../../api/users.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { Time } from "../../components/Time.js";
import { useUserNames } from "./useUserNames.js";

function Progress({ offboarding }: { offboarding: Offboarding }) {
  const total = offboarding.checklist.length;
  const done = offboarding.checklist.filter((i) => i.done).length;
  if (total === 0) return <span className="muted">Nothing to do</span>;
  if (done === total) return <span className="status">All {total} done</span>;
  return <span className="status status-warn">{`${done} of ${total} done`}</span>;
}

export function OffboardingsPage() {
  const offboardings = useQuery({ queryKey: [...offboardingsKey, "list"], queryFn: () => fetchOffboardings() });
  const users = useQuery({ queryKey: [...usersKey, {}], queryFn: () => fetchUsers() });
  const nameOf = useUserNames(users.data);

  return (
    <>
      <PageHeader
        title="Offboardings"
        description="People who left, what Switchboard revoked for them, and what is still to be removed on the networks by hand."
      />
      {offboardings.isPending && <Loading label="Loading offboardings…" />}
      <ErrorMessage error={offboardings.error} title="The offboardings could not be loaded" />
      {offboardings.data?.length === 0 && (
        <EmptyState title="Nobody has been offboarded yet">
          <p>
            When someone leaves, use Offboard on the <Link to="/admin/users">Users</Link> page: it revokes everything they had in one step.
          </p>
        </EmptyState>
      )}
      {offboardings.data && offboardings.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Offboardings, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">When</th>
                <th scope="col">By</th>
                <th scope="col">Successor</th>
                <th scope="col">On the networks</th>
              </tr>
            </thead>
            <tbody>
              {offboardings.data.map((o) => (
                <tr key={o.id}>
                  <th scope="row" className="cell-person">
                    <Link to={`/admin/offboardings/${o.id}`} className="person-name">
                      {nameOf(o.userId) ?? o.userEmail}
                    </Link>
                    <span className="person-email">{o.userEmail}</span>
                  </th>
                  <td className="cell-nowrap">
                    <Time iso={o.createdAt} />
                  </td>
                  <td>{o.performedBy ? (nameOf(o.performedBy) ?? "—") : "—"}</td>
                  <td>{o.reassignedTo ? (nameOf(o.reassignedTo) ?? "—") : <span className="muted">None</span>}</td>
                  <td>
                    <Progress offboarding={o} />
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
