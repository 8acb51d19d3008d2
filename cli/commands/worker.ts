import { once } from "node:events";
import type { Command } from "commander";
import { VERSION } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { createServices } from "../../server/createServices.js";
import { createLogger } from "../../server/logger.js";
import { startPublishLoop } from "../../server/posts/engine/loop.js";
import type { CliOptions } from "../context.js";

/** Resolves on the first SIGTERM or SIGINT (or when the test's signal aborts), and forgets its listeners. */
async function stopRequested(signal: AbortSignal | undefined): Promise<string> {
  const controller = new AbortController();
  const waits = [once(process, "SIGTERM", { signal: controller.signal }), once(process, "SIGINT", { signal: controller.signal })];
  const names = ["SIGTERM", "SIGINT"];
  try {
    const which = await Promise.race([
      ...waits.map((w, i) => w.then(() => names[i] ?? "signal")),
      ...(signal ? [once(signal, "abort", { signal: controller.signal }).then(() => "abort")] : []),
    ]);
    return which;
  } finally {
    controller.abort();
    await Promise.allSettled(waits);
  }
}

export function registerWorkerCommands(program: Command, options: CliOptions) {
  program
    .command("worker")
    .description(
      "run the publish engine alone (no HTTP); several may run against one PostgreSQL database, beside the server or instead of its loop",
    )
    .action(async () => {
      const config = loadConfig(options.io.env);
      // JSON log lines on stdout, like the server's: each pass that did something says what and how long it took.
      const root = createLogger(config.logLevel, options.io.stdout);
      const log = root.child({ component: "publishing" });
      const built = await createServices(config, root, VERSION, {
        ...(options.database ? { database: options.database } : {}),
        ...(options.connectors ? { connectors: options.connectors } : {}),
      });
      if (!built.services.capabilities.supportsConcurrentWriters)
        log.warn("the embedded SQLite database takes one writer at a time: extra workers add little; the server's own loop is enough");
      const loop = startPublishLoop(built.services, log);
      log.info({ worker: loop.worker, leaseSeconds: config.publishLeaseMs / 1000 }, "publish worker started");
      const why = await stopRequested(options.signal);
      log.info({ worker: loop.worker, signal: why }, "publish worker stopping after the pass under way");
      await loop.stop();
      await built.close();
      log.info({ worker: loop.worker }, "publish worker stopped");
    });
}
