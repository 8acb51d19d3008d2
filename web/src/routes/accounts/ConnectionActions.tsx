import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { accountKey, accountsKey } from "../../api/accounts.js";
import { auditKey } from "../../api/audit.js";
import { ApiError } from "../../api/client.js";
import { type ConnectInput, checkConnection, connectAccount, disconnectAccount } from "../../api/connections.js";
import { connectEmail, type EmailConnectInput, emailSettingsKey } from "../../api/emailChannels.js";
import { notificationsKey } from "../../api/notifications.js";
import type { AccountDetail, Network } from "../../api/types.js";
import { useCan } from "../../auth/currentUser.js";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { useToast } from "../../components/Toasts.js";
import { connectMethodOf } from "../../connectMethods.js";
import { AppPasswordDialog } from "./AppPasswordDialog.js";
import { ConnectServerDialog } from "./ConnectServerDialog.js";
import { EmailConnectDialog } from "./EmailConnectDialog.js";
import { ReconnectCallout } from "./ReconnectCallout.js";

type OpenDialog = "server" | "secret" | "email" | "disconnect" | null;

/** Codes that mean "ask for something else", answered by opening the right dialog rather than showing an error. */
const ASKS_FOR_MORE = new Set(["base_url_required", "not_oauth"]);
const codeOf = (error: unknown) => (error instanceof ApiError ? error.code : undefined);

const works = (a: AccountDetail) => a.connectionStatus === "connected" && !a.connection.lastError;

/** Connect (OAuth sign-in or an app password), check and disconnect, for people who manage the account. */
export function ConnectionActions({ account, network }: { account: AccountDetail; network: Network | undefined }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const method = connectMethodOf(network);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [askServer, setAskServer] = useState(false);
  const canSetUpApps = useCan("accounts.manage");

  const show = (saved: AccountDetail) => {
    queryClient.setQueryData(accountKey(account.id), saved);
    void queryClient.invalidateQueries({ queryKey: accountsKey });
    void queryClient.invalidateQueries({ queryKey: auditKey });
    // A refused token notifies the owner, who may be the person looking.
    void queryClient.invalidateQueries({ queryKey: notificationsKey });
  };

  const connect = useMutation({
    mutationFn: (input: ConnectInput) => connectAccount(account.id, input),
    onSuccess: (result) => {
      // OAuth: the person signs in on the network, which sends them back to this page.
      if (result.authorizationUrl) window.location.assign(result.authorizationUrl);
      else if (result.account) {
        show(result.account);
        toast(`Connected ${result.account.handle} on ${result.account.networkName}`);
      }
    },
    onError: (error) => {
      const code = codeOf(error);
      if (code === "base_url_required") {
        setAskServer(true);
        setDialog((open) => open ?? (method.kind === "app_password" ? "secret" : "server"));
      }
      if (code === "not_oauth") setDialog("secret");
    },
  });
  // An email channel is connected and checked with its mail servers, not a password alone.
  const isEmail = account.network === "email";
  const connectMail = useMutation({
    mutationFn: (input: EmailConnectInput) => connectEmail(account.id, input),
    onSuccess: (saved) => {
      show(saved);
      void queryClient.invalidateQueries({ queryKey: emailSettingsKey(account.id) });
      toast(`Connected ${saved.handle}: new mail arrives in the inbox`);
    },
  });
  const check = useMutation({
    mutationFn: () => checkConnection(account.id),
    onSuccess: (saved) => {
      show(saved);
      if (works(saved)) toast(`${saved.networkName} accepted the connection of ${saved.handle}`);
    },
  });
  const disconnect = useMutation({
    mutationFn: () => disconnectAccount(account.id),
    onSuccess: (saved) => {
      show(saved);
      toast(`Disconnected ${saved.handle} and erased its stored credentials`);
    },
  });

  const leaving = Boolean(connect.data?.authorizationUrl);
  const connectPending = connect.isPending || leaving;
  const busy = connectPending || check.isPending || disconnect.isPending;
  const connectError = ASKS_FOR_MORE.has(codeOf(connect.error) ?? "") ? null : connect.error;
  const status = account.connectionStatus;
  const linked = status !== "not_connected";
  const connectable = network?.status === "connector";
  const checkFailed = check.data && !works(check.data) && status !== "needs_reconnect" ? check.data : null;

  const start = () => {
    connect.reset();
    check.reset();
    if (isEmail) {
      connectMail.reset();
      setDialog("email");
    } else if (method.kind === "app_password") setDialog("secret");
    else if (method.selfHosted || askServer) setDialog("server");
    else connect.mutate({});
  };
  const closeDialog = () => {
    setDialog(null);
    connect.reset();
  };

  if (!connectable && !linked) return null;
  const buttons = (
    <div className="connection-actions">
      {connectable && status !== "connected" && (
        <button type="button" className="button button-primary" disabled={busy} onClick={start}>
          {leaving ? `Opening ${account.networkName}…` : linked ? "Reconnect" : "Connect"}
        </button>
      )}
      {connectable && linked && (
        <button type="button" className="button" disabled={busy} onClick={() => check.mutate()}>
          {check.isPending ? "Checking…" : "Check connection"}
        </button>
      )}
      {linked && (
        <button
          type="button"
          className="button button-danger-quiet"
          disabled={busy}
          onClick={() => {
            disconnect.reset();
            setDialog("disconnect");
          }}
        >
          Disconnect
        </button>
      )}
    </div>
  );

  return (
    <div className="connection-controls">
      {status === "needs_reconnect" ? <ReconnectCallout account={account}>{buttons}</ReconnectCallout> : buttons}
      {dialog === null && <ErrorMessage error={connectError} title="Could not start connecting" />}
      {dialog === null && canSetUpApps && codeOf(connectError) === "network_app_missing" && (
        <p>
          <Link to="/admin/network-apps">Set up the {account.networkName} app under Admin → Network apps</Link>
        </p>
      )}
      <ErrorMessage error={check.error} title="Could not check the connection" />
      {checkFailed && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">The check failed</p>
          <p>{checkFailed.connection.lastError ?? `${account.networkName} did not answer as expected.`}</p>
        </div>
      )}
      {dialog === "server" && (
        <ConnectServerDialog
          account={account}
          pending={connectPending}
          error={connectError}
          onSubmit={(baseUrl) => connect.mutate({ baseUrl })}
          onClose={closeDialog}
        />
      )}
      {dialog === "secret" && (
        <AppPasswordDialog
          account={account}
          method={method.kind === "app_password" ? method : null}
          askServer={askServer}
          pending={connectPending}
          error={connectError}
          onSubmit={(input) => connect.mutateAsync(input)}
          onClose={closeDialog}
        />
      )}
      {dialog === "email" && (
        <EmailConnectDialog
          account={account}
          pending={connectMail.isPending}
          error={connectMail.error}
          onSubmit={(input) => connectMail.mutateAsync(input)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === "disconnect" && (
        <ConfirmDialog
          title={`Disconnect ${account.handle}?`}
          confirmLabel="Disconnect"
          danger
          pending={disconnect.isPending}
          error={disconnect.error}
          onConfirm={() => disconnect.mutateAsync()}
          onClose={() => setDialog(null)}
        >
          <p>
            Switchboard erases the credentials it keeps for this account, and stops publishing and reading for it until it is connected
            again.
          </p>
          <p className="confirm-hint">
            The access {account.networkName} granted stays valid on the network's side: revoke it there too, in the account's settings for
            connected apps.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
