import { api } from "./client.js";
import type { AccountDetail, ConnectResult, NetworkApps } from "./types.js";

/** What a connect sends: nothing (OAuth), a server (self-hosted networks), or an app password or key. */
export interface ConnectInput {
  baseUrl?: string;
  identifier?: string;
  secret?: string;
}

export interface NetworkAppInput {
  clientId: string;
  /** Left out to keep the stored secret. */
  clientSecret?: string;
  /** The server, for self-hosted networks. */
  baseUrl?: string;
  /** X: the app-only Bearer token for the live stream; left out to keep the stored one. */
  bearerToken?: string;
}

export const networkAppsKey = ["network-apps"] as const;

const accountPath = (id: string, action: string) => `/api/accounts/${encodeURIComponent(id)}/${action}`;

export const connectAccount = (id: string, input: ConnectInput) => api<ConnectResult>("POST", accountPath(id, "connect"), { body: input });

/** Calls the network now; a refused token comes back as `needs_reconnect`, other failures as `connection.lastError`. */
export const checkConnection = (id: string) => api<AccountDetail>("POST", accountPath(id, "check"));

/** Erases the stored credentials; access granted on the network itself stays until it is revoked there. */
export const disconnectAccount = (id: string) => api<AccountDetail>("POST", accountPath(id, "disconnect"));

export const fetchNetworkApps = () => api<NetworkApps>("GET", "/api/network-apps");

export const saveNetworkApp = (network: string, input: NetworkAppInput) =>
  api<void>("PUT", `/api/network-apps/${encodeURIComponent(network)}`, { body: input });
