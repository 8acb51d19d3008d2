import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { ACCOUNTS_EXPORT_URL, accountsKey, type AccountFilters as Filters, fetchAccounts, NO_ACCOUNT_FILTERS } from "../../api/accounts.js";
import type { AccountSummary } from "../../api/types.js";
import { useCan } from "../../auth/currentUser.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useOneTimeParam } from "../../lib/useOneTimeParam.js";
import { AccountDialog } from "./AccountDialog.js";
import { AccountFilters } from "./AccountFilters.js";
import { AccountsTable } from "./AccountsTable.js";
import { ImportDialog } from "./ImportDialog.js";

type OpenDialog = "add" | "import" | null;

const FILTER_KEYS = Object.keys(NO_ACCOUNT_FILTERS) as (keyof Filters)[];

/** "12 accounts · 2 need attention (1 problem, 1 warning)" */
function summarise(accounts: AccountSummary[], filtered: boolean): string {
  const problems = accounts.filter((a) => a.health.level === "problem").length;
  const warnings = accounts.filter((a) => a.health.level === "warning").length;
  const count = accounts.length === 1 ? "1 account" : `${accounts.length} accounts`;
  const total = filtered ? `${count} match these filters` : count;
  const attention = problems + warnings;
  if (attention === 0) return `${total} · all in order`;
  const parts = [
    problems && `${problems} ${problems === 1 ? "problem" : "problems"}`,
    warnings && `${warnings} ${warnings === 1 ? "warning" : "warnings"}`,
  ];
  return `${total} · ${attention} ${attention === 1 ? "needs" : "need"} attention (${parts.filter(Boolean).join(", ")})`;
}

export function AccountsPage() {
  const canManage = useCan("accounts.manage");
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? ""])) as unknown as Filters;
  const filtered = FILTER_KEYS.some((key) => filters[key]);
  const accounts = useQuery({
    queryKey: [...accountsKey, "list", filters],
    queryFn: () => fetchAccounts(filters),
    placeholderData: keepPreviousData,
  });
  const [dialog, setDialog] = useState<OpenDialog>(null);
  // The OAuth callback lands here when connecting failed, with the network's (or Switchboard's) reason.
  const connectError = useOneTimeParam("connectError");

  const applyFilters = (next: Filters) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) search.set(key, value);
    setParams(search, { replace: true });
  };

  const addButton = (
    <button type="button" className="button button-primary" onClick={() => setDialog("add")}>
      Add account
    </button>
  );
  const importButton = (
    <button type="button" className="button" onClick={() => setDialog("import")}>
      Import CSV
    </button>
  );

  return (
    <>
      <PageHeader
        title="Accounts"
        description="Every account the organisation has on any network, connected or only recorded: who owns it, what it is for and whether it is safe."
        actions={
          canManage && (
            <>
              <a className="button" href={ACCOUNTS_EXPORT_URL} download>
                Export CSV
              </a>
              {importButton}
              {addButton}
            </>
          )
        }
      />
      {connectError && (
        <div className="alert alert-error page-alert" role="alert">
          <p className="alert-title">Connecting the account did not work</p>
          <p>{connectError}</p>
          <p className="alert-help">Open the account and choose Connect to try again.</p>
        </div>
      )}
      <AccountFilters filters={filters} onChange={applyFilters} />
      {accounts.isPending && <Loading label="Loading accounts…" />}
      <ErrorMessage error={accounts.error} title="The accounts could not be loaded" />
      {accounts.data?.length === 0 && filtered && (
        <EmptyState title="No accounts match these filters">
          <button type="button" className="button" onClick={() => applyFilters(NO_ACCOUNT_FILTERS)}>
            Clear filters
          </button>
        </EmptyState>
      )}
      {accounts.data?.length === 0 && !filtered && (
        <EmptyState title="No accounts recorded yet">
          <p className="empty-state-text">
            “Who has the password to our Facebook page?” should always have an answer. Record every account the organisation has, on any
            network and whether or not Switchboard connects to it, with its owner, purpose, two-factor status and who has access.
          </p>
          {canManage ? (
            <div className="empty-state-actions">
              {addButton}
              {importButton}
            </div>
          ) : (
            <p>An administrator or social lead can add them.</p>
          )}
        </EmptyState>
      )}
      {accounts.data && accounts.data.length > 0 && (
        <>
          <p className="result-count" aria-live="polite">
            {summarise(accounts.data, filtered)}
          </p>
          <AccountsTable accounts={accounts.data} />
        </>
      )}
      {dialog === "add" && <AccountDialog onClose={() => setDialog(null)} />}
      {dialog === "import" && <ImportDialog onClose={() => setDialog(null)} />}
    </>
  );
}
