import type { Network } from "./api/types.js";

/**
 * How an account on a network is connected: the kind comes from the API (`GET /api/networks`,
 * as the connectors declare it); this file only holds the words the web app shows for it.
 */
export type ConnectMethod =
  | {
      kind: "oauth";
      selfHosted: boolean;
      /** `operator`: an admin registers one app under Admin → Network apps first; `per-instance`: Switchboard registers itself on each server. */
      appRegistration: "operator" | "per-instance";
    }
  | ({ kind: "app_password"; selfHosted: boolean } & AppPasswordCopy)
  /** Nothing to sign in with (a feed): connecting checks it and stores nothing. */
  | { kind: "none"; selfHosted: false };

export interface AppPasswordCopy {
  /** What the network calls the user name and the secret. */
  identifierLabel: string;
  secretLabel: string;
  /** Where on the network the secret is made. */
  secretHint: string;
  /** For self-hosted networks: the usual server, offered first, and what to type. */
  defaultServer?: string;
  serverHint?: string;
}

export interface NetworkAppGuide {
  /** Where the app is registered on the network's side. */
  consoleName: string;
  /** Null when each server has its own (Mastodon). */
  consoleUrl: string | null;
  /** The step-by-step page in Switchboard's documentation. */
  docsPage: string;
  /** What the network calls the client id and secret. */
  clientIdLabel: string;
  clientSecretLabel: string;
}

const APP_PASSWORD_COPY: Readonly<Record<string, AppPasswordCopy>> = {
  bluesky: {
    identifierLabel: "Handle",
    secretLabel: "App password",
    secretHint: "Make one in Bluesky under Settings → Privacy and security → App passwords.",
    defaultServer: "https://bsky.social",
    serverHint: "The account's PDS: https://bsky.social for accounts hosted by Bluesky, or your own.",
  },
  wordpress: {
    identifierLabel: "User name",
    secretLabel: "Application password",
    secretHint: "Make one in WordPress under Users → Profile → Application passwords.",
    serverHint: "The site's address, e.g. https://blog.example.com.",
  },
};

const GENERIC_APP_PASSWORD: AppPasswordCopy = {
  identifierLabel: "User name",
  secretLabel: "Password or key",
  secretHint: "Make an app password or API key for Switchboard in the network's settings.",
};

/** How to connect an account on `network`, from what the API says about it. */
export function connectMethodOf(network: Network | undefined): ConnectMethod {
  const connect = network?.connect;
  if (connect?.kind === "none") return { kind: "none", selfHosted: false };
  if (connect?.kind === "app_password" || connect?.kind === "api_key") {
    return { kind: "app_password", selfHosted: connect.selfHosted, ...(APP_PASSWORD_COPY[network?.id ?? ""] ?? GENERIC_APP_PASSWORD) };
  }
  return { kind: "oauth", selfHosted: connect?.selfHosted ?? false, appRegistration: connect?.appRegistration ?? "operator" };
}

export const NETWORK_APP_GUIDES: Readonly<Record<string, NetworkAppGuide>> = {
  x: {
    consoleName: "X Developer Console",
    consoleUrl: "https://developer.x.com/en/portal/dashboard",
    docsPage: "docs/networks/x.md",
    clientIdLabel: "OAuth 2.0 Client ID",
    clientSecretLabel: "OAuth 2.0 Client Secret",
  },
  linkedin: {
    consoleName: "LinkedIn Developers",
    consoleUrl: "https://www.linkedin.com/developers/apps",
    docsPage: "docs/networks/linkedin.md",
    clientIdLabel: "Client ID",
    clientSecretLabel: "Primary Client Secret",
  },
  facebook: {
    consoleName: "Meta for Developers",
    consoleUrl: "https://developers.facebook.com/apps/",
    docsPage: "docs/networks/facebook.md",
    clientIdLabel: "App ID",
    clientSecretLabel: "App Secret",
  },
  instagram: {
    consoleName: "Meta for Developers",
    consoleUrl: "https://developers.facebook.com/apps/",
    docsPage: "docs/networks/instagram.md",
    clientIdLabel: "App ID (the Facebook Page app's)",
    clientSecretLabel: "App Secret",
  },
  mastodon: {
    consoleName: "the server's Preferences → Development",
    consoleUrl: null,
    docsPage: "docs/networks/mastodon.md",
    clientIdLabel: "Client key",
    clientSecretLabel: "Client secret",
  },
};

/** The networks whose app an administrator registers by hand, in the order the API lists them. */
export const operatorNetworks = (networks: readonly Network[]): string[] =>
  networks.filter((n) => n.connect?.kind === "oauth2" && n.connect.appRegistration === "operator").map((n) => n.id);
