import { createHttpClient } from "../../connectors/http/client.js";
import type { HttpClient } from "../../connectors/http/types.js";
import { CONNECTORS } from "../../connectors/registry.js";
import type { Connector } from "../../connectors/types.js";
import { catalogOf } from "../../server/connections/catalog.js";
import type { DialectName } from "../../server/db/capabilities.js";
import { type RunningApp, startRunningApp } from "./runningApp.js";

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

/**
 * As startRunningApp (the real server serving dist/web on a free localhost port), with the
 * connectors and the outbound HTTP client a test gives: for browser tests whose channels live on
 * stand-ins or on real servers started by the test. The HTTP client is closed with the app.
 */
export function startRunningAppWith(
  options: { dialect?: DialectName; connectors?: readonly Connector[]; http?: HttpClient } = {},
): Promise<RunningApp> {
  return startRunningApp(options.dialect ?? "sqlite", {
    connectors: connectorsWith(options.connectors ?? []),
    http: options.http ?? localServersHttp(),
    closeHttp: true,
  });
}
