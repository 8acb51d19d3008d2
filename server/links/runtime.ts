import { sql } from "kysely";
import type { DialectCapabilities } from "../db/capabilities.js";
import type { Database } from "../db/database.js";
import { ClickRecorder, clickInsertSql, DEFAULT_RECORDER_OPTIONS, type RecorderOptions, type WarnLogger } from "./clickRecorder.js";
import { LinkCache } from "./linkCache.js";
import { SaltKeeper } from "./salts.js";
import { SqliteClickWriter } from "./sqliteClickWriter.js";
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

/** The embedded database's file, when there is one a second connection can open. */
async function sqliteFile(db: Database, capabilities: DialectCapabilities): Promise<string | undefined> {
  if (capabilities.name !== "sqlite") return undefined;
  const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db);
  return rows[0]?.file || undefined;
}

export async function startLinkRuntime(
  db: Database,
  capabilities: DialectCapabilities,
  log: WarnLogger,
  options: RecorderOptions = DEFAULT_RECORDER_OPTIONS,
): Promise<LinkRuntime> {
  const ldb = linksDb(db);
  const cache = new LinkCache(ldb);
  const salts = new SaltKeeper(ldb);
  const file = await sqliteFile(db, capabilities);
  const recorder = new ClickRecorder(ldb, log, options, file ? new SqliteClickWriter(file, clickInsertSql(ldb, 1)) : undefined);
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
