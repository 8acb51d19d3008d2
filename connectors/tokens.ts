import type { Credentials } from "./types.js";

/**
 * Implemented by the server: refreshing credentials happens under a per-account lock, so two workers
 * never spend the same (rotating) refresh token and a rotated token is never lost.
 *
 * Contract for `refresh(stale, doRefresh)`:
 * 1. take the account's lock;
 * 2. read the stored credentials; if they differ from `stale` (another worker refreshed meanwhile),
 *    return the stored ones without calling `doRefresh`;
 * 3. otherwise call `doRefresh(stored)`, persist what it returns (this is how the connector hands over
 *    new credentials), release the lock and return them.
 * If `doRefresh` throws `auth_expired`, the account needs reconnecting.
 */
export interface TokenKeeper {
  refresh(stale: Credentials, doRefresh: (latest: Credentials) => Promise<Credentials>): Promise<Credentials>;
}

export const sameCredentials = (a: Credentials, b: Credentials) => a.accessToken === b.accessToken && a.refreshToken === b.refreshToken;

/**
 * The reference TokenKeeper for one process (tests, the CLI): an in-memory store behind a promise-chain lock.
 * `onRotated` is called with every new set of credentials, inside the lock.
 */
export function memoryTokenKeeper(initial: Credentials, onRotated?: (next: Credentials) => void | Promise<void>) {
  let stored = initial;
  let queue: Promise<unknown> = Promise.resolve();
  const keeper: TokenKeeper & { current(): Credentials } = {
    current: () => stored,
    refresh(stale, doRefresh) {
      const run = async () => {
        if (!sameCredentials(stored, stale)) return stored;
        const next = await doRefresh(stored);
        stored = next;
        await onRotated?.(next);
        return next;
      };
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    },
  };
  return keeper;
}
