/**
 * How an account on each network is connected, as the connectors declare it
 * (connectors/<network>/index.ts: `auth`, `selfHosted`). The API does not say
 * this yet, so the web app keeps this copy; where it is wrong the server's
 * answer corrects it (`base_url_required` asks for the server, `not_oauth`
 * for an app password), so a new connector still works before it is listed here.
 */

export type ConnectMethod =
  | {
      kind: "oauth";
      selfHosted: boolean;
      /** `operator`: an admin registers one app under Admin → Network apps first; `per-instance`: Switchboard registers itself on each server. */
      appRegistration: "operator" | "per-instance";
    }
  | {
      kind: "app_password";
      selfHosted: boolean;
      /** What the network calls the user name and the secret. */
      identifierLabel: string;
      secretLabel: string;
      /** Where on the network the secret is made. */
      secretHint: string;
      /** For self-hosted networks: the usual server, offered first, and what to type. */
      defaultServer?: string;
      serverHint?: string;
    };

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

const operatorOAuth: ConnectMethod = { kind: "oauth", selfHosted: false, appRegistration: "operator" };

export const CONNECT_METHODS: Readonly<Record<string, ConnectMethod>> = {
  x: operatorOAuth,
  linkedin: operatorOAuth,
  facebook: operatorOAuth,
  instagram: operatorOAuth,
  mastodon: { kind: "oauth", selfHosted: true, appRegistration: "per-instance" },
  bluesky: {
    kind: "app_password",
    selfHosted: true,
    identifierLabel: "Handle",
    secretLabel: "App password",
    secretHint: "Make one in Bluesky under Settings → Privacy and security → App passwords.",
    defaultServer: "https://bsky.social",
    serverHint: "The account's PDS: https://bsky.social for accounts hosted by Bluesky, or your own.",
  },
  wordpress: {
    kind: "app_password",
    selfHosted: true,
    identifierLabel: "User name",
    secretLabel: "Application password",
    secretHint: "Make one in WordPress under Users → Profile → Application passwords.",
    serverHint: "The site's address, e.g. https://blog.example.com.",
  },
};

/** Networks not listed above are assumed to sign in with OAuth until the server says otherwise. */
export const connectMethodOf = (network: string): ConnectMethod => CONNECT_METHODS[network] ?? operatorOAuth;

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

/** The networks whose app an administrator registers by hand, in the order the admin page lists them. */
export const OPERATOR_NETWORKS = Object.entries(CONNECT_METHODS)
  .filter(([, method]) => method.kind === "oauth" && method.appRegistration === "operator")
  .map(([network]) => network);
