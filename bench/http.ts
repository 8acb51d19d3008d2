// npm run bench:http — measures, in one run, on the built server:
//  - authenticated GET /api/me against a bare Fastify route in the same process (req/s, ratio, p99);
//  - time from starting the server to a healthy /api/health;
//  - idle resident memory.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { median, report, round } from "./lib.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const STARTS = Number(process.env.BENCH_STARTS ?? 5);

function freshDataDir() {
  return mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-"));
}

async function waitHealthy(url: string, child: ChildProcess, limitMs = 30_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("server did not become healthy");
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function measureStartup() {
  const times: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const dataDir = freshDataDir();
    const port = 18_000 + i;
    const started = performance.now();
    const child = spawn(process.execPath, ["dist/server/main.js"], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
      stdio: "ignore",
    });
    try {
      await waitHealthy(`http://127.0.0.1:${port}/api/health`, child);
      times.push(performance.now() - started);
      // Idle: give start-up work (migrations, first job tick) time to settle.
      await new Promise((r) => setTimeout(r, 3000));
      if (child.pid) rss.push(rssMb(child.pid));
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  report({
    bench: "http",
    metric: "startup_to_healthy_ms",
    value: round(median(times), 0),
    unit: "ms",
    note: `median of ${STARTS} starts on an empty data dir`,
  });
  report({ bench: "http", metric: "idle_rss_mb", value: round(median(rss), 1), unit: "MB" });
}

async function load(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, headers, connections: 10, duration: SECONDS, pipelining: 1 });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function measureThroughput() {
  const dataDir = freshDataDir();
  const child = spawn(process.execPath, ["bench/server.mjs"], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const first = await new Promise<string>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
      // The server may log first (e.g. the generated vault key warning): wait for the line with the port.
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
        if (line.includes('"port"') && line.includes('"cookie"')) resolve(line);
      });
    });
    const { port, cookie } = JSON.parse(first) as { port: number; cookie: string };
    const base = `http://127.0.0.1:${port}`;
    await load(`${base}/bench/bare`, {}); // warm-up
    await load(`${base}/api/me`, { cookie });
    const bare: { rps: number; p99: number }[] = [];
    const me: { rps: number; p99: number }[] = [];
    // Alternate so drift on a shared machine hits both equally.
    for (let i = 0; i < ROUNDS; i++) {
      bare.push(await load(`${base}/bench/bare`, {}));
      me.push(await load(`${base}/api/me`, { cookie }));
    }
    const meRps = median(me.map((r) => r.rps));
    const bareRps = median(bare.map((r) => r.rps));
    report({ bench: "http", metric: "bare_route_rps", value: round(bareRps, 0), unit: "req/s" });
    report({
      bench: "http",
      metric: "me_rps",
      value: round(meRps, 0),
      unit: "req/s",
      baseline: round(bareRps, 0),
      ratio: round(meRps / bareRps, 3),
    });
    report({ bench: "http", metric: "me_p99_latency_ms", value: median(me.map((r) => r.p99)), unit: "ms" });
    report({ bench: "http", metric: "bare_p99_latency_ms", value: median(bare.map((r) => r.p99)), unit: "ms" });
  } finally {
    child.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await measureStartup();
await measureThroughput();
process.exit(0);
