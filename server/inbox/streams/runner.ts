import type { Logger } from "pino";
import { ConnectorError } from "../../../connectors/errors.js";
import type { InboundItem } from "../../../connectors/types.js";
import type { StreamFailure } from "./backoff.js";
import { type StreamHealth, setStreamHealth } from "./health.js";

/** What one connection delivers, already read from the network's format. */
export type StreamEvent =
  | { kind: "items"; items: { accountId: string; item: InboundItem }[] }
  | { kind: "keepalive" }
  | { kind: "ignored" }
  | { kind: "malformed" }
  /** The network asked us to go away and come back (X's error objects in the stream). */
  | { kind: "disconnect"; reason: string };

/** One live connection: an X app's filtered stream for all its channels, or one Mastodon channel's notifications. */
export interface StreamSource {
  key: string;
  network: string;
  accountIds: readonly string[];
  /** Opens the connection; an HTTP answer other than 200 is thrown as a StreamHttpError. */
  open(signal: AbortSignal): Promise<AsyncIterable<StreamEvent>>;
  delay(failure: StreamFailure, attempt: number): number;
  /** The network refused the credentials (401): the source stops until the channel is connected again. */
  authRefused?(error: Error): Promise<void>;
}

export interface RunDeps {
  ingest(accountId: string, items: InboundItem[]): Promise<void>;
  log: Logger;
  /** Tests shrink the waits (the health still shows the real next attempt); 1 in production. */
  delayScale: number;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/** An HTTP answer (the stream's or the rules'), as a ConnectorError with its status; anything else is the network's. */
function classify(error: unknown): StreamFailure {
  if (error instanceof ConnectorError && error.status !== undefined) return error.status === 429 ? "rate_limited" : "http";
  return "network";
}

/**
 * Keeps one stream open until `signal` aborts: connect, hand what arrives to ingestion, and after a drop
 * wait as the network's policy says (failures of one kind in a row count up; a success starts over) and
 * connect again. Nothing it meets is thrown out of it, so one stream failing never touches another.
 */
export async function runStream(source: StreamSource, deps: RunDeps, signal: AbortSignal): Promise<void> {
  const health = new Map<string, StreamHealth>();
  const now = () => new Date().toISOString();
  for (const id of source.accountIds) {
    health.set(id, {
      network: source.network,
      state: "connecting",
      since: now(),
      nextAttemptAt: null,
      lastError: null,
      failures: 0,
      received: 0,
      malformed: 0,
    });
  }
  const update = (patch: Partial<StreamHealth>, only?: string) => {
    for (const [id, h] of health) {
      if (only && id !== only) continue;
      const next = { ...h, ...patch };
      health.set(id, next);
      if (!signal.aborted) setStreamHealth(id, next);
    }
  };
  update({});
  let streak = null as { failure: StreamFailure; count: number } | null;
  let failures = 0;
  while (!signal.aborted) {
    let error: unknown;
    try {
      const events = await source.open(signal);
      streak = null;
      failures = 0;
      update({ state: "connected", since: now(), nextAttemptAt: null, failures: 0 });
      for await (const event of events) {
        if (event.kind === "malformed") {
          for (const [id, h] of health) update({ malformed: h.malformed + 1 }, id);
          deps.log.warn({ stream: source.key }, "unreadable stream message skipped");
        } else if (event.kind === "disconnect") {
          throw new Error(event.reason);
        } else if (event.kind === "items") {
          await ingestAll(source, deps, event.items, (id, n) => {
            const h = health.get(id);
            if (h) update({ received: h.received + n }, id);
          });
        }
      }
      throw new Error(`${source.network === "x" ? "X" : "The server"} closed the stream`);
    } catch (caught) {
      error = caught;
    }
    if (signal.aborted) break;
    if (error instanceof ConnectorError && error.status === 401) {
      await source
        .authRefused?.(error)
        .catch((e: unknown) => deps.log.error({ err: e, stream: source.key }, "recording a refused stream failed"));
      update({ state: "off", since: now(), nextAttemptAt: null, lastError: reasonOf(error), failures: failures + 1 });
      return;
    }
    const failure = classify(error);
    streak = streak?.failure === failure ? { failure, count: streak.count + 1 } : { failure, count: 1 };
    failures++;
    let wait = source.delay(failure, streak.count);
    // A 429 waits at least until the network's reset time, when it says one.
    if (error instanceof ConnectorError && error.resetAt) wait = Math.max(wait, error.resetAt.getTime() - Date.now());
    update({
      state: "reconnecting",
      since: now(),
      nextAttemptAt: new Date(Date.now() + wait).toISOString(),
      lastError: reasonOf(error),
      failures,
    });
    deps.log.warn(
      { stream: source.key, failure, attempt: streak.count, waitMs: wait, reason: reasonOf(error) },
      "stream dropped; reconnecting",
    );
    await sleep(wait * deps.delayScale, signal);
    if (!signal.aborted) update({ state: "connecting" });
  }
}

/** Items grouped per channel, one batch each; a failed batch is logged and left to the poller. */
async function ingestAll(
  source: StreamSource,
  deps: RunDeps,
  items: { accountId: string; item: InboundItem }[],
  counted: (accountId: string, n: number) => void,
) {
  const byAccount = new Map<string, InboundItem[]>();
  for (const { accountId, item } of items) {
    if (!source.accountIds.includes(accountId)) continue;
    byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), item]);
  }
  for (const [accountId, list] of byAccount) {
    try {
      await deps.ingest(accountId, list);
      counted(accountId, list.length);
    } catch (error) {
      // The poller reads the same mentions within a minute; the stream stays open.
      deps.log.error({ err: error, stream: source.key, accountId }, "storing streamed items failed; polling will catch up");
    }
  }
}
