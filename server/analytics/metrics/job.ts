import { z } from "zod";
import { defineJob } from "../../jobs/job.js";
import { collectNetworkMetrics } from "./collectMetrics.js";

/** Reads network metrics for channels whose turn has come (each network on its own interval, see MetricsSupport). */
export const collectMetricsJob = defineJob({
  name: "analytics.collect-metrics",
  payload: z.object({}),
  retry: { attempts: 3, backoff: { type: "exponential", delayMs: 60_000 } },
  timeoutMs: 600_000,
  every: { ms: 300_000 },
  async run(_payload, { services, log }) {
    const { synced, failed, snapshots, gaps } = await collectNetworkMetrics(services);
    if (synced > 0 || failed > 0) log.info({ synced, failed, snapshots, gaps }, "network metrics collected");
  },
});
