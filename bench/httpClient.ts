// npm run bench:http-client — the connectors' HttpClient against raw undici request(), in one run:
// the same local node:http server, sequential requests, interleaved rounds, medians of per-round p50/p99.
// Target (issue 3): less than 1 ms added at p50.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent, request } from "undici";
import { createHttpClient } from "../connectors/http/client.js";
import { median, report, round } from "./lib.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const WARMUP = 500;

const BODY = JSON.stringify({ data: { id: "1800000000000000001", text: "Hello from the bench" } });
const server = createServer((_req, res) => {
  // The headers a network sends: rate limits and a request id, which the client parses on every response.
  res.writeHead(200, {
    "content-type": "application/json",
    "x-rate-limit-limit": "900",
    "x-rate-limit-remaining": "899",
    "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 900),
    "x-request-id": "bench",
  });
  res.end(BODY);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/2/users/me`;

const agent = new Agent();
const client = createHttpClient({ proxy: { httpProxy: "", httpsProxy: "", noProxy: "" } });

async function raw() {
  const res = await request(url, { dispatcher: agent, headers: { authorization: "Bearer bench-token", accept: "application/json" } });
  await res.body.text();
}
async function viaClient() {
  await client.request({ method: "GET", url, network: "bench", operation: "bench", headers: { authorization: "Bearer bench-token" } });
}

async function latencies(call: () => Promise<void>, n: number): Promise<number[]> {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await call();
    out[i] = performance.now() - t;
  }
  return out.sort((a, b) => a - b);
}
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

await latencies(raw, WARMUP);
await latencies(viaClient, WARMUP);
const rounds: { raw50: number; raw99: number; c50: number; c99: number }[] = [];
for (let r = 0; r < ROUNDS; r++) {
  // Alternate who goes first so drift on a shared machine hits both equally.
  const first = r % 2 === 0 ? raw : viaClient;
  const second = r % 2 === 0 ? viaClient : raw;
  const a = await latencies(first, REQUESTS);
  const b = await latencies(second, REQUESTS);
  const [rawL, clientL] = r % 2 === 0 ? [a, b] : [b, a];
  rounds.push({ raw50: pct(rawL, 50), raw99: pct(rawL, 99), c50: pct(clientL, 50), c99: pct(clientL, 99) });
}

const raw50 = median(rounds.map((r) => r.raw50));
const c50 = median(rounds.map((r) => r.c50));
const raw99 = median(rounds.map((r) => r.raw99));
const c99 = median(rounds.map((r) => r.c99));
const note = `${ROUNDS} interleaved rounds × ${REQUESTS} sequential GETs to a local node:http server; medians of per-round percentiles`;
report({ bench: "http-client", metric: "p50_overhead_ms", value: round(median(rounds.map((r) => r.c50 - r.raw50)), 3), unit: "ms", note });
report({
  bench: "http-client",
  metric: "p50_latency_ms",
  value: round(c50, 3),
  unit: "ms",
  baseline: round(raw50, 3),
  ratio: round(c50 / raw50, 3),
});
report({ bench: "http-client", metric: "p99_overhead_ms", value: round(median(rounds.map((r) => r.c99 - r.raw99)), 3), unit: "ms" });
report({
  bench: "http-client",
  metric: "p99_latency_ms",
  value: round(c99, 3),
  unit: "ms",
  baseline: round(raw99, 3),
  ratio: round(c99 / raw99, 3),
});

await client.close();
await agent.close();
server.close();
