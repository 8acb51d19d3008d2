import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { accountKey, accountsKey, deleteAccount, fetchAccount, fetchNetworks, networksKey, updateAccount } from "../../api/accounts.js";
import { auditKey } from "../../api/audit.js";
import { ApiError } from "../../api/client.js";
import type { AccountDetail, AccountStatus } from "../../api/types.js";
import { useCan } from "../../auth/currentUser.js";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useToast } from "../../components/Toasts.js";
import { useOneTimeParam } from "../../lib/useOneTimeParam.js";
import { AccountAccess } from "./AccountAccess.js";
import { AccountActivity } from "./AccountActivity.js";
import { AccountStatusBadge, ConnectionState, HealthStatus } from "./AccountBadges.js";
import { AccountCoaching } from "./AccountCoaching.js";
import { AccountConnection } from "./AccountConnection.js";
import { AccountDialog } from "./AccountDialog.js";
import { AccountOverview } from "./AccountOverview.js";
import { EditAccessDialog } from "./EditAccessDialog.js";
import { PostingQueue } from "./PostingQueue.js";

type OpenDialog = "edit" | "access" | "delete" | null;

function Section({ id, title, actions, children }: { id: string; title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="card detail-section" aria-labelledby={id}>
      <div className="section-header">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

const BackLink = () => (
  <p className="back-link">
    <Link to="/accounts">
      <span aria-hidden="true">← </span>All accounts
    </Link>
  </p>
);

/** What needs doing, spelled out: the list only shows it on hover. */
function HealthPanel({ account }: { account: AccountDetail }) {
  const { level, reasons } = account.health;
  if (level === "ok") return null;
  return (
    <div className={level === "problem" ? "alert alert-error" : "alert alert-warning"}>
      <p className="alert-title">{level === "problem" ? "This account needs attention" : "Worth a look"}</p>
      <ul className="alert-issues">
        {reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {account.connectionStatus === "needs_reconnect" && account.yourPermissions.includes("manage") && (
        <p className="alert-help">
          <a href="#account-connection">Reconnect it under Connection</a>
        </p>
      )}
    </div>
  );
}

export function AccountPage() {
  const { id = "" } = useParams();
  const canDelete = useCan("accounts.manage");
  const canReadAudit = useCan("audit.read");
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const account = useQuery({ queryKey: accountKey(id), queryFn: () => fetchAccount(id) });
  const networks = useQuery({ queryKey: networksKey, queryFn: fetchNetworks, staleTime: Number.POSITIVE_INFINITY });
  const [dialog, setDialog] = useState<OpenDialog>(null);
  // Set by the OAuth callback when the network sent the person back (today failures land on /accounts; this page reads them too).
  const justConnected = useOneTimeParam("connected") === "1";
  const connectError = useOneTimeParam("connectError");

  const setStatus = useMutation({
    mutationFn: (status: AccountStatus) => updateAccount(id, { status }),
    onSuccess: (saved) => {
      queryClient.setQueryData(accountKey(id), saved);
      void queryClient.invalidateQueries({ queryKey: accountsKey });
      void queryClient.invalidateQueries({ queryKey: auditKey });
      toast(
        saved.status === "retired" ? `Retired ${saved.handle}. It stays on record; reactivate it any time.` : `Reactivated ${saved.handle}`,
      );
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteAccount(id),
    onSuccess: async () => {
      const handle = account.data?.handle ?? "the account";
      await navigate("/accounts");
      queryClient.removeQueries({ queryKey: accountKey(id) });
      void queryClient.invalidateQueries({ queryKey: accountsKey });
      toast(`Deleted ${handle} and erased its stored credentials`);
    },
  });

  if (account.isPending) {
    return (
      <>
        <BackLink />
        <PageHeader title="Account" />
        <Loading label="Loading the account…" />
      </>
    );
  }
  if (account.isError) {
    const missing = account.error instanceof ApiError && account.error.status === 404;
    return (
      <>
        <BackLink />
        <PageHeader title={missing ? "Account not found" : "Account"} />
        {missing ? (
          <p>There is no account at this address; it may have been deleted.</p>
        ) : (
          <ErrorMessage error={account.error} title="The account could not be loaded" />
        )}
      </>
    );
  }

  const a = account.data;
  const canManage = a.yourPermissions.includes("manage");
  const retired = a.status === "retired";
  const network = networks.data?.find((n) => n.id === a.network);

  return (
    <>
      <BackLink />
      <PageHeader
        title={a.handle}
        description={
          <>
            {a.networkName}
            {a.displayName && ` · ${a.displayName}`}
          </>
        }
        actions={
          (canManage || canDelete) && (
            <>
              {canManage && (
                <button type="button" className="button" onClick={() => setDialog("edit")}>
                  Edit
                </button>
              )}
              {canManage && (
                <button
                  type="button"
                  className="button"
                  disabled={setStatus.isPending}
                  onClick={() => setStatus.mutate(retired ? "active" : "retired")}
                >
                  {retired ? "Reactivate" : "Retire"}
                </button>
              )}
              {canDelete && (
                <button
                  type="button"
                  className="button button-danger-quiet"
                  onClick={() => {
                    remove.reset();
                    setDialog("delete");
                  }}
                >
                  Delete
                </button>
              )}
            </>
          )
        }
      />
      <div className="account-meta">
        <AccountStatusBadge status={a.status} />
        <span>
          <span className="muted">Health: </span>
          <HealthStatus health={a.health} />
        </span>
        <span>
          <span className="muted">Connection: </span>
          <ConnectionState status={a.connectionStatus} />
        </span>
      </div>
      <div className="account-alerts">
        {justConnected && a.connectionStatus === "connected" && (
          <p className="alert alert-ok" role="status">
            Connected {a.handle} on {a.networkName}.
          </p>
        )}
        {connectError && (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">Connecting the account did not work</p>
            <p>{connectError}</p>
          </div>
        )}
        <ErrorMessage error={setStatus.error} />
        <HealthPanel account={a} />
      </div>
      <div className="detail-sections">
        <Section id="account-overview" title="Overview">
          <AccountOverview account={a} />
        </Section>
        <Section id="account-connection" title="Connection">
          <AccountConnection account={a} network={network} />
        </Section>
        <Section
          id="account-access"
          title="Access"
          actions={
            canManage && (
              <button type="button" className="button button-small" onClick={() => setDialog("access")}>
                Edit access
              </button>
            )
          }
        >
          <AccountAccess account={a} />
        </Section>
        <Section id="account-coaching" title="Coaching">
          <AccountCoaching accountId={a.id} />
        </Section>
        {network?.connect && (
          <Section id="account-queue" title="Posting queue">
            <PostingQueue accountId={a.id} canManage={canManage} />
          </Section>
        )}
        {canReadAudit && (
          <Section id="account-activity" title="Activity">
            <AccountActivity accountId={a.id} />
          </Section>
        )}
      </div>
      {dialog === "edit" && <AccountDialog account={a} onClose={() => setDialog(null)} />}
      {dialog === "access" && <EditAccessDialog account={a} onClose={() => setDialog(null)} />}
      {dialog === "delete" && (
        <ConfirmDialog
          title={`Delete ${a.handle}?`}
          confirmLabel="Delete account"
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutateAsync()}
          onClose={() => setDialog(null)}
        >
          <p>
            The {a.networkName} account {a.handle} leaves the inventory, its access grants go, and its stored credentials are erased. This
            cannot be undone.
          </p>
          {!retired && <p className="confirm-hint">To keep it on record, retire it instead.</p>}
        </ConfirmDialog>
      )}
    </>
  );
}
