import type { Dispatcher } from "undici";
import { scrub } from "../../../connectors/errors.js";
import { parseStreamingEvent, streamingUrl } from "../../../connectors/mastodon/streaming.js";
import { type OpenedStream, openStream, retryAtOf, StreamHttpError, serverSentEvents, splitLines } from "../../../connectors/streams.js";
import { parseStreamLine, ruleFor, streamUrl, syncStreamRules } from "../../../connectors/x/stream.js";
import type { Services } from "../../services.js";
import { mastodonReconnectDelay, xReconnectDelay } from "./backoff.js";
import type { StreamEvent, StreamSource } from "./runner.js";

export interface ConnectionOptions {
  /** Longest silence before a stream counts as stalled: X sends a keep-alive every 20 s, Mastodon a heartbeat. */
  idleMs: number;
  dispatcher?: Dispatcher;
}

/** An error answer's reason, from the network's JSON (`detail`/`title` for X, `error` for Mastodon), never a secret. */
async function httpError(network: string, opened: OpenedStream, secrets: string[]): Promise<StreamHttpError> {
  const text = await opened.text().catch(() => "");
  let reason = `HTTP ${opened.status}`;
  try {
    const json = JSON.parse(text) as { detail?: unknown; title?: unknown; error?: unknown };
    const said = [json.title, json.detail, json.error].find((v): v is string => typeof v === "string");
    if (said) reason = `HTTP ${opened.status}: ${said}`;
  } catch {
    // Not JSON (a proxy's HTML page): the status says enough.
  }
  const name = network === "x" ? "X" : "Mastodon";
  return new StreamHttpError(network, opened.status, `${name}: ${scrub(reason, secrets).slice(0, 300)}`, retryAtOf(opened.headers));
}

/** The X app's filtered stream, with one rule per connected X channel. */
export function xStreamSource(
  services: Services,
  options: ConnectionOptions & { api: string; bearer: string; channels: readonly { accountId: string; handle: string }[] },
): StreamSource {
  const { api, bearer, channels } = options;
  return {
    key: "x",
    network: "x",
    accountIds: channels.map((c) => c.accountId),
    delay: xReconnectDelay,
    async open(signal) {
      // Rules first, each time: a rule lost or changed on X's side is put right before reading.
      await syncStreamRules(
        services.http,
        api,
        bearer,
        channels.map((c) => ruleFor(c.accountId, c.handle)),
      );
      const opened = await openStream(
        streamUrl(api),
        { authorization: `Bearer ${bearer}`, accept: "application/json" },
        { ...options, signal },
      );
      if (opened.status !== 200) throw await httpError("x", opened, [bearer]);
      return (async function* (): AsyncGenerator<StreamEvent> {
        for await (const line of splitLines(opened.body, "x")) {
          const message = parseStreamLine(line);
          if (message.kind === "post")
            yield { kind: "items", items: message.accountIds.map((accountId) => ({ accountId, item: message.item })) };
          else yield message;
        }
      })();
    },
  };
}

/** One Mastodon channel's notifications. */
export function mastodonStreamSource(
  options: ConnectionOptions & { accountId: string; baseUrl: string; token: string; authRefused(error: Error): Promise<void> },
): StreamSource {
  const { accountId, baseUrl, token } = options;
  return {
    key: `mastodon:${accountId}`,
    network: "mastodon",
    accountIds: [accountId],
    delay: mastodonReconnectDelay,
    authRefused: options.authRefused,
    async open(signal) {
      const opened = await openStream(
        streamingUrl(baseUrl),
        { authorization: `Bearer ${token}`, accept: "text/event-stream" },
        { ...options, signal },
      );
      if (opened.status !== 200) throw await httpError("mastodon", opened, [token]);
      return (async function* (): AsyncGenerator<StreamEvent> {
        for await (const event of serverSentEvents(splitLines(opened.body, "mastodon"))) {
          const message = parseStreamingEvent(event);
          if (message.kind === "mention") yield { kind: "items", items: [{ accountId, item: message.item }] };
          else if (message.kind === "heartbeat") yield { kind: "keepalive" };
          else yield message;
        }
      })();
    },
  };
}
