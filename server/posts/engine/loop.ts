import { hostname } from "node:os";
import type { Logger } from "pino";
import type { Services } from "../../services.js";
import { nextDueAt } from "./claim.js";
import { NetworkClock } from "./networkClock.js";
import { publishPass } from "./runDue.js";

export interface PublishLoopOptions {
  /** The longest sleep between passes when nothing is due sooner. */
  intervalMs?: number;
  /** The lease owner's name; the host and process id by default. */
  worker?: string;
}

/**
 * The publish engine's loop (not a queued job, so a heartbeat leaves no rows behind). A pass that
 * claimed a full batch is followed at once by another; otherwise the loop sleeps until the next
 * variant falls due, at most `intervalMs`. Several processes may run it against one PostgreSQL
 * database: claims are atomic.
 */
export function startPublishLoop(services: Services, log: Logger, options: PublishLoopOptions = {}) {
  const intervalMs = options.intervalMs ?? 1000;
  const worker = options.worker ?? `${hostname()}:${process.pid}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = async (): Promise<number> => {
    try {
      const clock = new NetworkClock();
      const started = performance.now();
      const { outcomes, claimed, full } = await publishPass(services, worker, { clock });
      if (outcomes.length > 0) {
        const passMs = performance.now() - started;
        const counts: Record<string, number> = {};
        for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
        // engineMs: the pass's time not spent waiting on a network (what the engine itself costs).
        log.info(
          { worker, outcomes: counts, passMs: Math.round(passMs * 100) / 100, engineMs: Math.round((passMs - clock.busyMs) * 100) / 100 },
          "published what was due",
        );
      }
      if (full) return 0;
      const next = await nextDueAt(services.db);
      const wait = next ? Date.parse(next) - Date.now() : intervalMs;
      if (wait > 0) return Math.min(wait, intervalMs);
      // Fell due during this pass: go again. Due but not claimable (a pause holds it, another worker is
      // claiming it): wait the interval rather than spin.
      return claimed > 0 ? 0 : intervalMs;
    } catch (err) {
      log.error({ err }, "publish pass failed");
      return intervalMs;
    }
  };
  const loop = () => {
    let delay = intervalMs;
    running = tick()
      .then((ms) => {
        delay = ms;
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, delay);
      });
  };
  loop();
  return {
    worker,
    /** Finishes the pass under way (nothing is abandoned mid-send), then stops. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
