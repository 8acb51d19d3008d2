/**
 * `switchboard worker` with X pointed at a stand-in (tests and benchmarks only): the real command, in
 * its own process, with only the connector catalogue swapped, as tests do in-process. Run it the way
 * the project runs TypeScript elsewhere: `node --import tsx server/posts/engine/test/standInWorker.ts`.
 * Env: the usual config (DATABASE_URL, DATA_DIR, PUBLISH_LEASE_SECONDS…), plus X_API_URL and X_AUTHORIZE_URL.
 */

import { processIo } from "../../../../cli/io.js";
import { runCli } from "../../../../cli/main.js";
import { createXConnector } from "../../../../connectors/x/index.js";
import { catalogOf } from "../../../connections/catalog.js";

const api = process.env.X_API_URL;
const authorize = process.env.X_AUTHORIZE_URL;
if (!api || !authorize) {
  process.stderr.write("X_API_URL and X_AUTHORIZE_URL name the X stand-in\n");
  process.exit(2);
}
const code = await runCli(["worker"], { io: processIo(), connectors: catalogOf([createXConnector({ api, authorize })]) });
process.exit(code);
