import { type AddressInfo, createServer } from "node:net";
import path from "node:path";
import { createHttpClient } from "../../connectors/http/client.js";
import type { HttpClient } from "../../connectors/http/types.js";
import { CONNECTORS } from "../../connectors/registry.js";
import type { Connector } from "../../connectors/types.js";
import { buildApp } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { catalogOf } from "../../server/connections/catalog.js";
import type { DialectName } from "../../server/db/capabilities.js";
import { issueSetupToken } from "../../server/identity/setup.js";
import { createLogger } from "../../server/logger.js";
import { createTestDatabase } from "./databases.js";
import type { RunningApp } from "./runningApp.js";

/**
 * Outbound HTTP for an app that talks to real test servers on this machine (a PDS, WordPress in
 * WebAssembly): never through a proxy, and timeouts generous enough for a busy two-core machine.
 */
export const localServersHttp = (): HttpClient =>
  createHttpClient({
    timeouts: { connectMs: 2000, headersMs: 20_000, bodyMs: 20_000 },
    proxy: { httpProxy: "", httpsProxy: "", noProxy: "" },
  });

/** Every production connector, with those given in their network's place (stand-ins for fixed-address networks such as X). */
export const connectorsWith = (replacements: readonly Connector[]) =>
  catalogOf([...CONNECTORS.filter((c) => !replacements.some((r) => r.id === c.id)), ...replacements]);

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * As startRunningApp (the real server serving dist/web on a free localhost port), with the
 * connectors and the outbound HTTP client a test gives: for browser tests whose channels live on
 * stand-ins or on real servers started by the test. The HTTP client is closed with the app.
 */
export async function startRunningAppWith(
  options: { dialect?: DialectName; connectors?: readonly Connector[]; http?: HttpClient } = {},
): Promise<RunningApp> {
  const database = await createTestDatabase(options.dialect ?? "sqlite");
  const http = options.http ?? localServersHttp();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({ DATA_DIR: database.dataDir, LOG_LEVEL: "silent", HOST: "127.0.0.1", PORT: String(port), BASE_URL: baseUrl });
  const built = await buildApp(config, {
    database,
    logger: createLogger("silent"),
    checkResponses: true,
    webDir: path.resolve(import.meta.dirname, "../../dist/web"),
    connectors: connectorsWith(options.connectors ?? []),
    http,
  });
  try {
    await built.app.listen({ port, host: "127.0.0.1" });
  } catch (err) {
    await built.close();
    await database.dispose();
    await http.close();
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
      await http.close();
    },
  };
}
