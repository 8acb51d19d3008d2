import { createHash } from "node:crypto";
import type { Logger } from "pino";
import { type Dispatcher, EnvHttpProxyAgent } from "undici";
import { ConnectorError } from "../../../connectors/errors.js";
import { X_ENDPOINTS } from "../../../connectors/x/endpoints.js";
import { baseUrlOf } from "../../connections/baseUrl.js";
import { recordFailure } from "../../connections/connectionState.js";
import { loadCredentials } from "../../connections/credentials.js";
import type { Services } from "../../services.js";
import { readSecret } from "../../vault/secrets.js";
import { clearStreamHealth, setStreamHealth } from "./health.js";
import { ingestStreamItems } from "./ingestStream.js";
import { runStream, type StreamSource } from "./runner.js";
import { mastodonStreamSource, xStreamSource } from "./sources.js";

export interface InboxStreamsOptions {
  /** X's API address (tests: the stand-in). */
  xApi?: string;
  /** How often the set of channels is read again (a channel connected or removed starts or stops its stream). */
  refreshMs?: number;
  /** Longest silence before a stream counts as stalled and is opened again. */
  idleMs?: number;
  /** Tests only: shrinks reconnect waits. */
  delayScale?: number;
  dispatcher?: Dispatcher;
}

export interface InboxStreams {
  /** Reads the channels now and starts, restarts or stops streams to match. */
  refresh(): Promise<void>;
  /** Closes every connection and waits for each stream to end. */
  stop(): Promise<void>;
  /** Keys of the streams running (`x`, `mastodon:<account id>`). */
  running(): string[];
}

interface Running {
  signature: string;
  accountIds: readonly string[];
  controller: AbortController;
  done: Promise<void>;
}

interface Wanted {
  signature: string;
  source: StreamSource;
}

const digest = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 16);

/**
 * The app-only Bearer token of the X app (Admin → Network apps), kept in the vault on the app as `api_key`.
 * X's filtered stream takes only app-only authentication; the OAuth 2.0 client id and secret the app holds
 * for signing channels in cannot mint one (X's client_credentials grant takes the app's API key and secret).
 */
async function xBearer(services: Services): Promise<string | undefined> {
  const app = await services.db
    .selectFrom("network_apps")
    .select("id")
    .where("network", "=", "x")
    .where("base_url", "=", "")
    .executeTakeFirst();
  return app ? readSecret(services.db, services.keyring, { type: "network_app", id: app.id }, "api_key") : undefined;
}

/**
 * Live streams into the inbox, next to polling: X's filtered stream (one connection for the app, a rule per
 * channel) and each Mastodon channel's notification stream. Started with the server's background work and
 * stopped on shutdown; each stream reconnects on its own, so one failing never stops another.
 */
export function startInboxStreams(services: Services, log: Logger, options: InboxStreamsOptions = {}): InboxStreams {
  const running = new Map<string, Running>();
  const idleMs = options.idleMs ?? 90_000;
  // Through the configured outbound proxy, as every other connector request (plain http:// forwarded, https:// tunnelled).
  const { proxy } = services.config;
  const ownDispatcher =
    !options.dispatcher && (proxy.httpProxy || proxy.httpsProxy) ? new EnvHttpProxyAgent({ ...proxy, proxyTunnel: false }) : undefined;
  const dispatcher = options.dispatcher ?? ownDispatcher;
  const connection = { idleMs, ...(dispatcher ? { dispatcher } : {}) };
  let stopped = false;
  let chain = Promise.resolve();

  async function wanted(): Promise<Map<string, Wanted>> {
    const out = new Map<string, Wanted>();
    const accounts = await services.db
      .selectFrom("accounts")
      .select(["id", "network", "handle", "url", "updated_at"])
      .where("connection_status", "=", "connected")
      .where("network", "in", ["x", "mastodon"])
      .orderBy("id")
      .execute();
    const xChannels = accounts.filter((a) => a.network === "x" && services.connectors.get("x"));
    if (xChannels.length > 0) {
      const bearer = await xBearer(services);
      if (bearer) {
        const channels = xChannels.map((a) => ({ accountId: a.id, handle: a.handle }));
        out.set("x", {
          signature: digest(JSON.stringify([channels, bearer])),
          source: xStreamSource(services, { ...connection, api: options.xApi ?? X_ENDPOINTS.api, bearer, channels }),
        });
      } else {
        for (const a of xChannels) {
          setStreamHealth(a.id, {
            network: "x",
            state: "off",
            since: new Date().toISOString(),
            nextAttemptAt: null,
            lastError: "The X app has no app-only Bearer token, so there is no live stream; mentions are read by polling.",
            failures: 0,
            received: 0,
            malformed: 0,
          });
        }
      }
    }
    const mastodon = services.connectors.get("mastodon");
    for (const a of accounts.filter((a) => a.network === "mastodon")) {
      if (!mastodon || !a.url) continue;
      const token = (await loadCredentials(services.db, services.keyring, a.id))?.accessToken;
      if (!token) continue;
      const baseUrl = baseUrlOf(mastodon, a.url);
      out.set(`mastodon:${a.id}`, {
        signature: digest(JSON.stringify([baseUrl, token])),
        source: mastodonStreamSource({
          ...connection,
          accountId: a.id,
          baseUrl,
          token,
          // As a refused poll does: the channel needs reconnecting, audited, its owner told.
          authRefused: (error) =>
            recordFailure(services.db, a.id, new ConnectorError("auth_expired", error.message, { network: "mastodon", status: 401 })),
        }),
      });
    }
    return out;
  }

  async function stopOne(key: string) {
    const r = running.get(key);
    if (!r) return;
    running.delete(key);
    r.controller.abort();
    await r.done;
  }

  async function reconcile() {
    if (stopped) return;
    const want = await wanted();
    for (const [key, r] of running) {
      if (want.get(key)?.signature !== r.signature) await stopOne(key);
    }
    const streamed = new Set<string>();
    for (const [key, w] of want) {
      for (const id of w.source.accountIds) streamed.add(id);
      if (running.has(key) || stopped) continue;
      const controller = new AbortController();
      const deps = {
        log,
        delayScale: options.delayScale ?? 1,
        ingest: async (accountId: string, items: Parameters<typeof ingestStreamItems>[3]) => {
          await ingestStreamItems(services, accountId, w.source.network, items);
        },
      };
      const done = runStream(w.source, deps, controller.signal).catch((error: unknown) =>
        log.error({ err: error, stream: key }, "stream stopped unexpectedly"),
      );
      running.set(key, { signature: w.signature, accountIds: w.source.accountIds, controller, done });
      log.info({ stream: key, channels: w.source.accountIds.length }, "inbox stream started");
    }
    // Channels no longer streamed (removed, disconnected) lose their stream state; "off" ones keep theirs.
    for (const r of running.values()) for (const id of r.accountIds) streamed.add(id);
    for (const id of lastStreamed) if (!streamed.has(id)) clearStreamHealth(id);
    lastStreamed = streamed;
  }
  let lastStreamed = new Set<string>();

  const refresh = () => {
    chain = chain.then(reconcile).catch((error: unknown) => log.error({ err: error }, "reading the channels to stream failed"));
    return chain;
  };
  const timer = setInterval(() => void refresh(), options.refreshMs ?? 60_000);
  timer.unref();
  void refresh();

  return {
    refresh,
    running: () => [...running.keys()],
    async stop() {
      stopped = true;
      clearInterval(timer);
      await chain;
      const keys = [...running.keys()];
      await Promise.all(keys.map(stopOne));
      for (const id of lastStreamed) clearStreamHealth(id);
      await ownDispatcher?.close();
      log.info({ streams: keys.length }, "inbox streams stopped");
    },
  };
}
