import { api } from "./client.js";
import type {
  AccountDetail,
  AccountStatus,
  AccountSummary,
  GrantPermission,
  GrantSubject,
  HealthLevel,
  ImportReport,
  Network,
  TwoFactorState,
} from "./types.js";

/** The list's filters; "" means "any". */
export interface AccountFilters {
  q: string;
  network: string;
  status: AccountStatus | "";
  health: HealthLevel | "";
  ownerId: string;
  teamId: string;
}

export const NO_ACCOUNT_FILTERS: AccountFilters = { q: "", network: "", status: "", health: "", ownerId: "", teamId: "" };

/** The inventory fields a person edits; null clears a field that can be empty. */
export interface AccountInput {
  network: string;
  handle: string;
  url?: string | null;
  displayName?: string;
  ownerId?: string | null;
  teamId?: string | null;
  purpose?: string;
  audience?: string;
  status?: AccountStatus;
  twoFactor?: TwoFactorState;
  recoveryContact?: string;
  notes?: string;
  lastActivityAt?: string | null;
}

export interface GrantInput {
  subjectType: GrantSubject;
  subjectId: string;
  permissions: GrantPermission[];
}

export const accountsKey = ["accounts"] as const;
export const networksKey = ["networks"] as const;
export const accountKey = (id: string) => [...accountsKey, "detail", id] as const;

/** A plain link downloads it: the session cookie goes along, and the server names the file. */
export const ACCOUNTS_EXPORT_URL = "/api/accounts/export";

export const fetchNetworks = () => api<{ networks: Network[] }>("GET", "/api/networks").then((r) => r.networks);

export const fetchAccounts = (filters: Partial<AccountFilters> = {}) =>
  api<{ accounts: AccountSummary[] }>("GET", "/api/accounts", { query: { ...filters } }).then((r) => r.accounts);

export const fetchAccount = (id: string) => api<AccountDetail>("GET", `/api/accounts/${encodeURIComponent(id)}`);

export const createAccount = (input: AccountInput) => api<AccountDetail>("POST", "/api/accounts", { body: input });

export const updateAccount = (id: string, changes: Partial<AccountInput>) =>
  api<AccountDetail>("PATCH", `/api/accounts/${encodeURIComponent(id)}`, { body: changes });

/** Erases the account's stored credentials too. */
export const deleteAccount = (id: string) => api<void>("DELETE", `/api/accounts/${encodeURIComponent(id)}`);

/** Replaces every grant on the account. */
export const setAccountGrants = (id: string, grants: GrantInput[]) =>
  api<AccountDetail>("PUT", `/api/accounts/${encodeURIComponent(id)}/grants`, { body: { grants } });

export const importAccounts = (csv: string) => api<ImportReport>("POST", "/api/accounts/import", { body: { csv } });
