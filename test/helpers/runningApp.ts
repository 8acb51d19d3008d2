import { type AddressInfo, createServer } from "node:net";
import path from "node:path";
import { type BuildOptions, buildApp, type SwitchboardApp } from "../../server/app.js";
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

/** A port nobody listens on right now, so the server can be told its address (BASE_URL) before it starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * The real server on a free localhost port, serving the built web app, for
 * browser tests. BASE_URL is its real address, so an OAuth sign-in on a
 * network stand-in redirects the browser back to it. `closeHttp`: the given HTTP
 * client is the app's own, closed with it.
 */
export async function startRunningApp(
  dialect: DialectName = "sqlite",
  options: Pick<BuildOptions, "connectors" | "http"> & { closeHttp?: boolean } = {},
): Promise<RunningApp> {
  const { closeHttp, ...build } = options;
  const closeClient = async () => {
    if (closeHttp) await build.http?.close();
  };
  const database = await createTestDatabase(dialect);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({ DATA_DIR: database.dataDir, LOG_LEVEL: "silent", HOST: "127.0.0.1", PORT: String(port), BASE_URL: baseUrl });
  const built = await buildApp(config, {
    database,
    logger: createLogger("silent"),
    checkResponses: true,
    webDir: path.resolve(import.meta.dirname, "../../dist/web"),
    ...build,
  });
  try {
    await built.app.listen({ port, host: "127.0.0.1" });
  } catch (err) {
    // Another process took the port between the probe and now (rare): fail with its error, leaving nothing open.
    await built.close();
    await database.dispose();
    await closeClient();
    throw err;
  }
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
      await closeClient();
    },
  };
}
