import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "pino";
import { ClientCache } from "../../connections/clientCache.js";
import type { Services } from "../../services.js";
import { nextDueAt } from "./claim.js";
import { publishPass } from "./runDue.js";

/** How often the loop marks missed posts and recovers crashed workers' claims (see publishPass). */
const HOUSEKEEPING_MS = 1000;
/**
 * A pass also claims what falls due this soon, and sends each at its moment: posts falling due a few
 * milliseconds apart then share a pass. Short, because a claimed post can no longer be edited.
 */
export const LOOKAHEAD_MS = 250;

export interface PublishLoopOptions {
  /** The longest sleep between passes when nothing is due sooner. */
  intervalMs?: number;
  /** The lease owner's name; the host, the process id and a random suffix by default (unique, even in containers). */
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
  const worker = options.worker ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let lastHousekeeping = 0;
  // Passes that found due posts they could not claim (another worker was claiming them) in a row.
  let contended = 0;
  // Channels' clients, kept while their accounts and credentials stay as they were.
  const clients = new ClientCache();
  const tick = async (): Promise<number> => {
    try {
      const started = performance.now();
      const housekeeping = Date.now() - lastHousekeeping >= HOUSEKEEPING_MS;
      if (housekeeping) lastHousekeeping = Date.now();
      const pass = { housekeeping, log, clients, lookaheadMs: LOOKAHEAD_MS };
      const { outcomes, claimed, full, at, engineMs, waitedMs } = await publishPass(services, worker, pass);
      if (outcomes.length > 0) {
        const counts: Record<string, number> = {};
        for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
        // passMs: the pass's working time (waits for posts' moments left out); engineMs: what the engine
        // itself cost, network calls excluded too (see publishPass).
        const ms = (n: number) => Math.round(n * 100) / 100;
        const passMs = ms(performance.now() - started - waitedMs);
        log.info({ worker, outcomes: counts, passMs, engineMs: ms(engineMs) }, "published what was due");
      }
      if (full) {
        contended = 0;
        return 0;
      }
      const next = await nextDueAt(services.db);
      if (!next) return intervalMs;
      // Due when this pass claimed, yet not claimed: a pause holds it or another worker is taking it;
      // wait the interval rather than spin. Fell due since: go again at once.
      if (next <= at.toISOString()) {
        if (claimed > 0) return 0;
        // Due, not paused, yet not claimed: another worker held the rows at that instant. Look again
        // soon: backing off further would leave posts waiting while the other worker is busy.
        contended++;
        return Math.min(intervalMs, 25 * 2 ** Math.min(contended - 1, 2));
      }
      contended = 0;
      // Woken a lookahead before it: the next pass claims it and sends it at its moment.
      return Math.min(Math.max(0, Date.parse(next) - LOOKAHEAD_MS - Date.now()), intervalMs);
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
