import { Link } from "react-router";
import type { AccountSummary } from "../../api/types.js";
import { Time } from "../../components/Time.js";
import { AccountStatusBadge, ConnectionState, HealthStatus, TwoFactorStatus } from "./AccountBadges.js";

const none = <span className="muted">—</span>;

export function AccountsTable({ accounts }: { accounts: AccountSummary[] }) {
  return (
    <div className="table-wrap">
      <table className="table table-accounts">
        <caption className="sr-only">Accounts</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Display name</th>
            <th scope="col">Owner</th>
            <th scope="col">Team</th>
            <th scope="col">Status</th>
            <th scope="col">2FA</th>
            <th scope="col">Connection</th>
            <th scope="col">Health</th>
            <th scope="col">Last activity</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.id}>
              <th scope="row" className="cell-account">
                <span className="account-network" aria-hidden="true">
                  {account.networkName}
                </span>
                {/* The network is read with the handle: "Facebook Page acmeair", not a bare handle. */}
                <Link to={`/accounts/${account.id}`} className="account-handle" aria-label={`${account.networkName} ${account.handle}`}>
                  {account.handle}
                </Link>
              </th>
              <td>{account.displayName || none}</td>
              <td>{account.owner ? account.owner.name : <span className="muted">Nobody</span>}</td>
              <td>{account.team ? account.team.name : none}</td>
              <td>
                <AccountStatusBadge status={account.status} />
              </td>
              <td>
                <TwoFactorStatus state={account.twoFactor} />
              </td>
              <td>
                <ConnectionState status={account.connectionStatus} />
              </td>
              <td>
                <HealthStatus health={account.health} />
              </td>
              <td className="cell-nowrap">
                <Time iso={account.lastActivityAt} date />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
