import { api } from "./client.js";
import type { AccountDetail } from "./types.js";

export type MailSecurity = "tls" | "starttls" | "none";

export interface MailServer {
  host: string;
  port: number;
  security: MailSecurity;
}

/** An email channel's mail servers, as the API shows them (never the password). */
export interface MailSettings {
  address: string;
  username: string;
  imap: MailServer;
  smtp: MailServer;
}

export interface EmailConnectInput {
  username: string;
  password: string;
  imap: MailServer;
  smtp: MailServer;
}

const path = (id: string, rest = "") => `/api/accounts/${encodeURIComponent(id)}/email${rest}`;

export const emailSettingsKey = (id: string) => ["accounts", id, "email"] as const;

export const fetchEmailSettings = (id: string) => api<{ settings: MailSettings | null }>("GET", path(id));

/** Signs in to both servers first; a refused password is 400 `mail_login_refused`. */
export const connectEmail = (id: string, input: EmailConnectInput) => api<AccountDetail>("POST", path(id), { body: input });
