import type { AccountDetail, Network, NetworkStatus } from "../../api/types.js";
import { Time } from "../../components/Time.js";
import { ConnectionState } from "./AccountBadges.js";
import { Fact } from "./AccountOverview.js";
import { ConnectionActions } from "./ConnectionActions.js";
import { ReconnectCallout } from "./ReconnectCallout.js";

/** The live stream's state (server/inbox/streams): polling reads the channel either way. */
const streamLabel = {
  connecting: "Connecting",
  connected: "Connected",
  reconnecting: "Reconnecting",
  off: "Off (read by polling)",
} as const;

const streamTone = { connecting: "muted", connected: "person-name", reconnecting: "text-bad", off: "muted" } as const;

/** "refresh_token" → "Refresh token" */
const kindLabel = (kind: string) => {
  const words = kind.replaceAll(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function connectionNote(name: string, status: NetworkStatus | undefined, connected: boolean, canManage: boolean): string {
  if (status === "defunct") return `${name} has closed, so there is nothing to connect; the account is kept on record.`;
  if (status === "inventory-only") return `Switchboard does not connect to ${name}; the account is kept in the inventory.`;
  if (connected) return "";
  if (status === "connector")
    return canManage ? "" : "Someone who manages this account (its owner, an administrator or a social lead) can connect it.";
  return `Connecting ${name} to publish and read comes with its connector; until then the account is kept in the inventory.`;
}

/**
 * How Switchboard reaches the network for this account, and (for people who
 * manage it) connecting, checking and disconnecting. Stored credentials are
 * listed by kind; their values never leave the vault.
 */
export function AccountConnection({ account, network }: { account: AccountDetail; network: Network | undefined }) {
  const { connection } = account;
  const canView = account.yourPermissions.includes("view");
  const canManage = account.yourPermissions.includes("manage");
  const connected = account.connectionStatus !== "not_connected";
  // The server clears the error text on a later success but keeps its time; without the text there is nothing to show.
  const showError = canView ? Boolean(connection.lastError) : Boolean(connection.lastErrorAt) && account.connectionStatus !== "connected";
  return (
    <>
      {canManage ? (
        <ConnectionActions account={account} network={network} />
      ) : (
        account.connectionStatus === "needs_reconnect" && <ReconnectCallout account={account} />
      )}
      <dl className="facts">
        <Fact term="Status">
          <ConnectionState status={account.connectionStatus} />
        </Fact>
        {connected && connection.externalId && (
          <Fact term="Connected as">
            <span className="person-name">{account.handle}</span>
            <span className="person-email">
              ID <code className="break-anywhere">{connection.externalId}</code> on {account.networkName}
            </span>
          </Fact>
        )}
        <Fact term="Connected since">
          <Time iso={connection.connectedAt} fallback="Never" />
        </Fact>
        <Fact term="Token expires">
          <Time iso={connection.tokenExpiresAt} fallback={connected ? "Does not expire" : "—"} />
        </Fact>
        <Fact term="Last success">
          <Time iso={connection.lastSuccessAt} fallback="—" />
        </Fact>
        {showError && (
          <Fact term="Last error" wide>
            <span className="text-bad">{canView ? connection.lastError : "An error (only people with access to the account see it)"}</span>
            {connection.lastErrorAt && (
              <span className="person-email">
                <Time iso={connection.lastErrorAt} />
              </span>
            )}
          </Fact>
        )}
        {connection.stream && (
          <Fact term="Live stream" wide>
            <span className={streamTone[connection.stream.state]}>{streamLabel[connection.stream.state]}</span>
            <span className="person-email">
              {connection.stream.state === "reconnecting" && connection.stream.nextAttemptAt ? (
                <>
                  Next attempt <Time iso={connection.stream.nextAttemptAt} />
                </>
              ) : (
                <>
                  Since <Time iso={connection.stream.since} />
                </>
              )}
              {connection.stream.failures > 0 && ` · ${connection.stream.failures} failed in a row`}
              {` · ${connection.stream.received} received`}
              {connection.stream.malformed > 0 && ` · ${connection.stream.malformed} unreadable skipped`}
            </span>
            {connection.stream.lastError && <span className="person-email">{connection.stream.lastError}</span>}
          </Fact>
        )}
      </dl>
      <h3 className="subheading">Stored credentials</h3>
      {!canView ? (
        <p className="muted">Only people with access to this account see what is stored for it.</p>
      ) : connection.credentials.length === 0 ? (
        <p className="muted">Nothing is stored for this account.</p>
      ) : (
        <ul className="credential-list">
          {connection.credentials.map((c) => (
            <li key={c.kind} className="credential-item">
              <span className="person-name">{kindLabel(c.kind)}</span>
              <span className="person-email">
                Updated <Time iso={c.updatedAt} />
                {c.expiresAt && (
                  <>
                    {" · "}expires <Time iso={c.expiresAt} />
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="field-hint section-note">
        Credentials are encrypted in the vault and never shown to anyone, administrators included.{" "}
        {connectionNote(account.networkName, network?.status, connected, canManage)}
      </p>
    </>
  );
}
