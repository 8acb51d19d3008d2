import type { Database } from "../db/database.js";
import { ClickRecorder, DEFAULT_RECORDER_OPTIONS, type RecorderOptions, type WarnLogger } from "./clickRecorder.js";
import { LinkCache } from "./linkCache.js";
import { SaltKeeper } from "./salts.js";
import { linksDb } from "./tables.js";

const POLL_MS = 5_000;
const SALT_REFRESH_MS = 60_000;

/** The redirector's in-memory state in one process: the link cache, the salts and the click buffer. */
export interface LinkRuntime {
  cache: LinkCache;
  salts: SaltKeeper;
  recorder: ClickRecorder;
  close(): Promise<void>;
}

const RUNTIMES = new WeakMap<Database, LinkRuntime>();

/** The runtime serving this database in this process (tests flush its buffer; commands evict from its cache). */
export const linkRuntimeOf = (db: Database): LinkRuntime | undefined => RUNTIMES.get(db);

export function startLinkRuntime(db: Database, log: WarnLogger, options: RecorderOptions = DEFAULT_RECORDER_OPTIONS): LinkRuntime {
  const ldb = linksDb(db);
  const cache = new LinkCache(ldb);
  const salts = new SaltKeeper(ldb);
  const recorder = new ClickRecorder(ldb, log, options);
  recorder.start();
  const quietly = (what: string, work: () => Promise<void>) => () =>
    void work().catch((err: unknown) => log.warn({ err }, `links: ${what} failed`));
  const poll = setInterval(
    quietly("polling edited links", () => cache.poll()),
    POLL_MS,
  );
  const refresh = setInterval(
    quietly("refreshing salts", () => salts.refresh()),
    SALT_REFRESH_MS,
  );
  poll.unref();
  refresh.unref();
  const runtime: LinkRuntime = {
    cache,
    salts,
    recorder,
    async close() {
      clearInterval(poll);
      clearInterval(refresh);
      await recorder.close();
      if (RUNTIMES.get(db) === runtime) RUNTIMES.delete(db);
    },
  };
  RUNTIMES.set(db, runtime);
  return runtime;
}
