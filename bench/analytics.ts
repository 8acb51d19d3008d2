// npm run bench:analytics — the redirector half: GET /l/:code with click recording (every request a new
// visitor, so every request becomes a stored click) against a bare Fastify redirect route in the same
// server process, measured alternately with a lean keep-alive load generator (loadGenerator.ts). Prints JSON lines (ENGINEERING.md § Benchmarks).
// The dashboard half (BENCH_ROWS clicks, 10M by default; dashboard_p99_ms per database) is in
// analyticsDashboards.ts. BENCH_PART=redirects or BENCH_PART=dashboards runs one half only.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { benchDashboards } from "./analyticsDashboards.js";
import { median, report, round } from "./lib.js";
import { generateLoad } from "./loadGenerator.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const DESTINATION = "https://shop.example/spring?ref=bench";

async function serve() {
  const { buildApp } = await import("../server/app.js");
  const { loadConfig } = await import("../server/config.js");
  const { systemActor } = await import("../server/audit/context.js");
  const { createLink } = await import("../server/links/createLink.js");
  const { linkRuntimeOf } = await import("../server/links/runtime.js");
  const { linksDb } = await import("../server/links/tables.js");
  const { rollupClicks } = await import("../server/links/rollup.js");
  // The load generator sends X-Forwarded-For, as a proxy in front would: each request is a new visitor.
  const config = loadConfig({ ...process.env, LOG_LEVEL: "warn", TRUST_PROXY: "true" });
  const { app, services } = await buildApp(config, {
    extend: (instance) => {
      instance.get("/bench/bare/:code", { config: { auth: "public" } }, async (_request, reply) => reply.redirect(DESTINATION, 302));
      instance.get("/bench/clicks", { config: { auth: "public" } }, async () => {
        await linkRuntimeOf(services.db)?.recorder.flush();
        await rollupClicks(linksDb(services.db));
        const db = linksDb(services.db);
        const raw = await db
          .selectFrom("link_clicks")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow();
        const rolled = await db
          .selectFrom("link_clicks_hourly")
          .select((eb) => eb.fn.sum<number>("clicks").as("n"))
          .executeTakeFirstOrThrow();
        return { raw: Number(raw.n), rolledUp: Number(rolled.n ?? 0), fastAnswered: instance.fastPaths.answered };
      });
    },
  });
  const link = await createLink(
    linksDb(services.db),
    systemActor("bench"),
    { destination: DESTINATION, utm: { source: "bench", medium: "social" } },
    config.baseUrl,
  );
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port, code: link.code })}\n`);
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
}

let visitor = 0;
const visitorIp = () => {
  visitor++;
  return `10.${(visitor >> 16) & 255}.${(visitor >> 8) & 255}.${visitor & 255}`;
};

async function load(port: number, path: string) {
  const result = await generateLoad({
    port,
    path,
    seconds: SECONDS,
    connections: CONNECTIONS,
    headersFor: () => `User-Agent: ${USER_AGENT}\r\nX-Forwarded-For: ${visitorIp()}\r\n`,
  });
  const redirects = result.statuses[302] ?? 0;
  const answered = Object.values(result.statuses).reduce((a, b) => a + b, 0);
  if (result.errors > 0 || redirects === 0 || redirects !== answered) {
    throw new Error(`${path}: ${result.errors} errors, ${JSON.stringify(result.statuses)} by status`);
  }
  return { rps: result.rps, p99: result.p99, redirects };
}

async function measure() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--serve"], {
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const first = await new Promise<string>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
        if (line.includes('"port"') && line.includes('"code"')) resolve(line);
      });
    });
    const { port, code } = JSON.parse(first) as { port: number; code: string };
    const base = `http://127.0.0.1:${port}`;
    await load(port, `/bench/bare/${code}`); // warm-up both paths
    await load(port, `/l/${code}`);
    const bare: Awaited<ReturnType<typeof load>>[] = [];
    const tracked: Awaited<ReturnType<typeof load>>[] = [];
    // Alternate so drift on a shared machine hits both equally.
    for (let i = 0; i < ROUNDS; i++) {
      bare.push(await load(port, `/bench/bare/${code}`));
      tracked.push(await load(port, `/l/${code}`));
    }
    const clicks = (await (await fetch(`${base}/bench/clicks`)).json()) as { raw: number; rolledUp: number; fastAnswered: number };
    const trackedRps = median(tracked.map((r) => r.rps));
    const bareRps = median(bare.map((r) => r.rps));
    report({
      bench: "analytics",
      metric: "redirects_per_s",
      value: round(trackedRps, 0),
      unit: "req/s",
      baseline: round(bareRps, 0),
      ratio: round(trackedRps / bareRps, 3),
      note: `median of ${ROUNDS} × ${SECONDS} s, ${CONNECTIONS} connections; every request a new visitor; baseline: a bare Fastify redirect in the same process`,
    });
    report({ bench: "analytics", metric: "redirect_p99_latency_ms", value: median(tracked.map((r) => r.p99)), unit: "ms" });
    report({ bench: "analytics", metric: "bare_redirect_p99_latency_ms", value: median(bare.map((r) => r.p99)), unit: "ms" });
    // Every counted redirect (warm-up included) must have become exactly one stored and rolled-up click.
    const counted = tracked.reduce((n, r) => n + r.redirects, 0);
    report({
      bench: "analytics",
      metric: "clicks_recorded",
      value: clicks.raw,
      unit: "clicks",
      note: `${counted} measured redirects plus the warm-up; ${clicks.rolledUp} in the hourly rollup; ${clicks.fastAnswered} answered by the fast path`,
    });
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const PART = process.env.BENCH_PART ?? "all";
if (process.argv.includes("--serve")) await serve();
else {
  if (PART !== "dashboards") await measure();
  if (PART !== "redirects") await benchDashboards();
  process.exit(0);
}
