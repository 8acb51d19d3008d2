import { hostname } from "node:os";
import type { Logger } from "pino";
import type { Services } from "../../services.js";
import { runDuePublishing } from "./runDue.js";

/**
 * The in-process publish engine: a pass every `intervalMs` (not a queued job, so a heartbeat leaves
 * no rows behind). Several processes may run it against one PostgreSQL database: claims are atomic.
 */
export function startPublishLoop(services: Services, log: Logger, intervalMs = 1000) {
  const worker = `${hostname()}:${process.pid}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      const outcomes = await runDuePublishing(services, worker);
      if (outcomes.length > 0) log.info({ outcomes }, "published what was due");
    } catch (err) {
      log.error({ err }, "publish pass failed");
    }
  };
  const loop = () => {
    running = tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, intervalMs);
    });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
