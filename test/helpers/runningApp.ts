import type { AddressInfo } from "node:net";
import path from "node:path";
import { buildApp, type SwitchboardApp } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import type { DialectName } from "../../server/db/capabilities.js";
import { issueSetupToken } from "../../server/identity/setup.js";
import { createLogger } from "../../server/logger.js";
import { createTestDatabase, type TestDatabase } from "./databases.js";

export interface RunningApp extends SwitchboardApp {
  baseUrl: string;
  database: TestDatabase;
  /** A fresh one-time setup link, as the server prints it on first run. */
  setupUrl(): Promise<string>;
  dispose(): Promise<void>;
}

/** The real server on a free localhost port, serving the built web app, for browser tests. */
export async function startRunningApp(dialect: DialectName = "sqlite"): Promise<RunningApp> {
  const database = await createTestDatabase(dialect);
  const config = loadConfig({ DATA_DIR: database.dataDir, LOG_LEVEL: "silent", HOST: "127.0.0.1", PORT: "0" });
  const built = await buildApp(config, {
    database,
    logger: createLogger("silent"),
    webDir: path.resolve(import.meta.dirname, "../../dist/web"),
  });
  await built.app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = built.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    ...built,
    baseUrl,
    database,
    async setupUrl() {
      const setup = await issueSetupToken(database.db);
      if (!setup) throw new Error("Switchboard already has users");
      return `${baseUrl}/setup#token=${setup.token}`;
    },
    async dispose() {
      await built.close();
      await database.dispose();
    },
  };
}
