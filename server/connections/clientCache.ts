import type { ConnectorClient } from "../../connectors/types.js";

/** How long a kept client may go unused before it is let go (its credentials leave memory with it). */
const IDLE_MS = 5 * 60_000;

/**
 * Connector clients kept between calls, each under the stamp of what it was built from (see
 * withClient.ts): a different stamp means the account, its credentials or its network app changed, and
 * the client is built again. One per long-running loop; not shared between processes.
 */
export class ClientCache {
  readonly #entries = new Map<string, { stamp: string; client: ConnectorClient; usedAt: number }>();

  get(accountId: string, stamp: string): ConnectorClient | undefined {
    const entry = this.#entries.get(accountId);
    if (!entry) return undefined;
    const now = Date.now();
    if (entry.stamp !== stamp || now - entry.usedAt > IDLE_MS) {
      this.#entries.delete(accountId);
      return undefined;
    }
    entry.usedAt = now;
    return entry.client;
  }

  set(accountId: string, stamp: string, client: ConnectorClient): void {
    const now = Date.now();
    for (const [id, entry] of this.#entries) if (now - entry.usedAt > IDLE_MS) this.#entries.delete(id);
    this.#entries.set(accountId, { stamp, client, usedAt: now });
  }

  /** A failed call may have left the client in a bad state (a refused token): the next call builds afresh. */
  drop(accountId: string): void {
    this.#entries.delete(accountId);
  }
}
