import { api } from "./client.js";
import type { ApiToken, Permission } from "./types.js";

export interface NewToken {
  name: string;
  scopes: Permission[];
  expiresInDays?: number;
}

export const tokensKey = ["tokens"] as const;

export const fetchTokens = () => api<{ tokens: ApiToken[] }>("GET", "/api/tokens").then((r) => r.tokens);

/** `token` is the secret: the server shows it this once and keeps only a hash. */
export const createToken = (input: NewToken) => api<{ token: string; apiToken: ApiToken }>("POST", "/api/tokens", { body: input });

export const revokeToken = (id: string) => api<void>("DELETE", `/api/tokens/${encodeURIComponent(id)}`);
