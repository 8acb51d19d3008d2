/** How a connection to a mail server is protected: TLS from the start (993, 465), upgraded with STARTTLS (143, 587), or none (tests, a relay on localhost). */
export type MailSecurity = "tls" | "starttls" | "none";

export interface MailServer {
  host: string;
  port: number;
  security: MailSecurity;
}

/** Where a mailbox lives and how to sign in to it; the password comes from the vault at call time. */
export interface MailSettings {
  /** The channel's address: what customers write to and replies come from. */
  address: string;
  /** The login on both servers (often the address itself). */
  username: string;
  imap: MailServer;
  smtp: MailServer;
}

/** The usual ports, offered by the connect form. */
export const DEFAULT_PORTS = {
  imap: { tls: 993, starttls: 143, none: 143 },
  smtp: { tls: 465, starttls: 587, none: 25 },
} as const satisfies Record<"imap" | "smtp", Record<MailSecurity, number>>;
