import { createHash } from "node:crypto";
import { Agent, type AtpSessionData, CredentialSession } from "@atproto/api";
import { ConnectorError, isConnectorError } from "../errors.js";
import { fetchThrough } from "../http/fetchAdapter.js";
import type { HttpClient, HttpMethod } from "../http/types.js";
import { NETWORK, toConnectorError } from "./errors.js";

interface KeptSession {
  data: AtpSessionData;
  pdsUrl: string | undefined;
}

/**
 * Signed-in sessions, kept in memory per HttpClient (one per server process; one per test) and keyed by
 * service, identifier and a hash of the app password. The server builds a client for every job, and
 * Bluesky allows 30 sign-ins per 5 minutes and 300 a day per account, so signing in each time would not
 * last a busy day. Nothing here is ever written anywhere.
 */
const keptSessions = new WeakMap<HttpClient, Map<string, KeptSession>>();

/** XRPC procedures that change nothing a retry could duplicate (blobs are content-addressed). */
const SAFE_PROCEDURES = new Set([
  "com.atproto.server.createSession",
  "com.atproto.server.refreshSession",
  "com.atproto.repo.uploadBlob",
  "com.atproto.repo.deleteRecord",
]);

/** Names each request after its XRPC method for the HttpClient's records, and marks the ones safe to repeat. */
function describeXrpc(url: URL, method: HttpMethod) {
  const nsid = url.pathname.startsWith("/xrpc/") ? url.pathname.slice("/xrpc/".length) : undefined;
  if (!nsid) return {};
  return { operation: nsid, ...(method === "POST" && SAFE_PROCEDURES.has(nsid) ? { idempotent: true } : {}) };
}

export interface SessionParams {
  http: HttpClient;
  /** Where to sign in: the account's PDS, or Bluesky's entryway (which hands over to the PDS). */
  service: string;
  /** Handle, DID or email; `null` when the account has none (signing in then fails with `rejected`). */
  identifier: string | null;
  appPassword: string;
}

export interface BlueskySession {
  /**
   * Runs `work` signed in. A refused session (revoked, or expired beyond refreshing) is answered by
   * signing in again with the app password and running `work` once more: a 401 proves the PDS did nothing.
   * Errors come out as ConnectorErrors; `work` maps the ones where repeating matters itself.
   */
  run<T>(work: (agent: Agent, did: string) => Promise<T>): Promise<T>;
  /** Secrets to scrub from any text that came back from the network. */
  secrets(): (string | undefined)[];
}

export function openSession(params: SessionParams): BlueskySession {
  const kept = keptSessionsOf(params.http);
  const key = [params.service, params.identifier ?? "", createHash("sha256").update(params.appPassword).digest("hex")].join("\n");
  const credentials: CredentialSession = new CredentialSession(
    new URL(params.service),
    fetchThrough(params.http, { network: NETWORK, describe: describeXrpc }),
    (event, data) => {
      // Called after a sign-in or refresh has also moved the session to the account's own PDS.
      if (data && (event === "create" || event === "update")) kept.set(key, { data, pdsUrl: credentials.pdsUrl?.href });
      else if (event === "expired" || event === "create-failed") kept.delete(key);
    },
  );
  const restored = kept.get(key);
  if (restored) {
    credentials.session = restored.data;
    if (restored.pdsUrl) credentials.pdsUrl = new URL(restored.pdsUrl);
  }
  const agent = new Agent(credentials);
  const secrets = () => [params.appPassword, credentials.session?.accessJwt, credentials.session?.refreshJwt];

  let signingIn: Promise<string> | undefined;
  const signIn = () => {
    const { identifier } = params;
    if (!identifier)
      throw new ConnectorError("rejected", "A Bluesky account needs its handle, e.g. name.bsky.social.", { network: NETWORK });
    signingIn ??= credentials
      .login({ identifier, password: params.appPassword })
      .then((res) => res.data.did)
      .catch((error: unknown) => {
        throw toConnectorError(error, { idempotent: true, secrets: [params.appPassword] });
      })
      .finally(() => {
        signingIn = undefined;
      });
    return signingIn;
  };

  const attempt = async <T>(work: (agent: Agent, did: string) => Promise<T>, did: string) => {
    try {
      return await work(agent, did);
    } catch (error) {
      throw toConnectorError(error, { idempotent: true, secrets: secrets() });
    }
  };

  return {
    secrets,
    async run(work) {
      const keptDid = credentials.did;
      if (!keptDid) return attempt(work, await signIn());
      try {
        return await attempt(work, keptDid);
      } catch (error) {
        if (!isConnectorError(error, "auth_expired")) throw error;
        credentials.session = undefined;
        kept.delete(key);
        return attempt(work, await signIn());
      }
    },
  };
}

function keptSessionsOf(http: HttpClient): Map<string, KeptSession> {
  let map = keptSessions.get(http);
  if (!map) {
    map = new Map();
    keptSessions.set(http, map);
  }
  return map;
}

/**
 * What to sign in with: the account's DID once it is known (it survives handle changes), else the name the
 * app password was checked with, else the handle (without its "@"). The PDS takes a DID, handle or email.
 */
export function signInIdentifier(
  account: { externalId?: string | undefined; handle?: string | undefined },
  credentials: { identifier?: string | undefined },
): string | null {
  if (account.externalId?.startsWith("did:")) return account.externalId;
  return (credentials.identifier ?? account.handle)?.trim().replace(/^@/, "") || null;
}
