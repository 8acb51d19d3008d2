// npm run bench:publish — the publish engine at scale: 10,000 posts across 100 channels of a
// zero-latency X stand-in (the stand-in answers at once; only loopback HTTP stands between), through the
// real engine, in two modes:
//  - embedded: SQLite, the engine's loop in this process (as `npm start` runs it);
//  - postgres: PostgreSQL with 2 `switchboard worker` processes.
// Two phases in each: "burst" (all 10,000 due at the same instant: throughput and engine overhead) and
// "minute" (10,000 due within one minute, spread evenly: lateness, actual send time minus scheduled time).
// Posts are inserted straight into the database for setup speed; everything after that is the engine.
// Env: BENCH_POSTS (10000), BENCH_CHANNELS (100), BENCH_SPREAD_S (60), BENCH_MODES (embedded,postgres),
// BENCH_PHASES (burst,minute),
// BENCH_DATABASE_URL (postgres://localhost/test: a database switchboard_bench is created beside it).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import pg from "pg";
import { createXConnector } from "../connectors/x/index.js";
import { startXStandIn, X_CLIENT, type XStandIn } from "../connectors/x/test/standIn.js";
import { createAccount } from "../server/accounts/saveAccount.js";
import { VERSION } from "../server/app.js";
import { systemActor } from "../server/audit/context.js";
import { loadConfig } from "../server/config.js";
import { catalogOf } from "../server/connections/catalog.js";
import { markConnected } from "../server/connections/connectionState.js";
import { saveCredentials } from "../server/connections/credentials.js";
import { saveNetworkApp } from "../server/connections/networkApps.js";
import { withClient } from "../server/connections/withClient.js";
import { createServices } from "../server/createServices.js";
import type { Database } from "../server/db/database.js";
import { openDatabase } from "../server/db/database.js";
import { createUser } from "../server/identity/createUser.js";
import { createLogger } from "../server/logger.js";
import { startPublishLoop } from "../server/posts/engine/loop.js";
import { CHANNEL_CONCURRENCY } from "../server/posts/engine/runDue.js";
import type { Services } from "../server/services.js";
import { report, round } from "./lib.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const POSTS = Number(process.env.BENCH_POSTS ?? 10_000);
const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 100);
const SPREAD_MS = Number(process.env.BENCH_SPREAD_S ?? 60) * 1000;
const MODES = (process.env.BENCH_MODES ?? "embedded,postgres").split(",");
const PHASES = (process.env.BENCH_PHASES ?? "burst,minute").split(",") as ("burst" | "minute")[];
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://localhost/test";
if (!process.env.PGUSER && !process.env.USER) process.env.PGUSER = "postgres";
const SCOPE = "tweet.read tweet.write users.read offline.access";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the engine's log says about its passes: publishes, and time not spent waiting on the network. */
class PassLog {
  published = 0;
  engineMs = 0;
  passMs = 0;
  read(line: string) {
    if (!line.includes("published what was due")) return;
    const entry = JSON.parse(line) as { outcomes?: Record<string, number>; engineMs?: number; passMs?: number };
    this.published += entry.outcomes?.published ?? 0;
    this.engineMs += entry.engineMs ?? 0;
    this.passMs += entry.passMs ?? 0;
  }
}

async function setUp(db: Database, services: Awaited<ReturnType<typeof createServices>>["services"], x: XStandIn) {
  const user = await createUser(db, systemActor("bench"), {
    email: "bench@example.com",
    name: "Bench",
    roles: ["admin"],
    password: "a quiet load generator",
  });
  await saveNetworkApp(db, services.keyring, null, { network: "x", ...X_CLIENT });
  const channels: string[] = [];
  for (let i = 0; i < CHANNELS; i++) {
    // Every channel is the stand-in's one user with its own token; each post's text is unique anyway.
    const id = await createAccount(db, systemActor("bench"), { network: "x", handle: `bench_${i}` });
    const issued = x.tokens.issue("1001", SCOPE);
    await saveCredentials(db, services.keyring, id, {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      expiresAt: new Date(Date.now() + 7_200_000),
    });
    await markConnected(db, systemActor("bench"), id, { externalId: "1001", handle: `bench_${i}`, displayName: "Bench", url: null });
    channels.push(id);
  }
  return { authorId: user.id, channels };
}

/** Inserts the posts (one variant each, round-robin over the channels); returns text → scheduled time. */
async function insertPosts(db: Database, authorId: string, channels: string[], phase: string, at: (i: number) => number) {
  const scheduled = new Map<string, number>();
  const now = new Date().toISOString();
  for (let start = 0; start < POSTS; start += 500) {
    const rows = Array.from({ length: Math.min(500, POSTS - start) }, (_, k) => {
      const i = start + k;
      const text = `Bench ${phase} post ${i}`;
      scheduled.set(text, at(i));
      return { id: randomUUID(), text, at: new Date(at(i)).toISOString(), channel: channels[i % channels.length] as string };
    });
    await db
      .insertInto("posts")
      .values(
        rows.map((r) => ({
          id: r.id,
          author_id: authorId,
          text: r.text,
          tags: "[]",
          time_zone: "UTC",
          scheduled_at: r.at,
          status: "scheduled",
          version: 1,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await db
      .insertInto("post_variants")
      .values(
        rows.map((r) => ({ id: randomUUID(), post_id: r.id, account_id: r.channel, network: "x", thread_parts: "[]", status: "pending" })),
      )
      .execute();
  }
  return scheduled;
}

/**
 * The baseline: the same number of posts sent straight through the connector's client (one client per
 * channel, each channel's posts in order), with as many channels side by side as the engine's workers
 * run together, and no engine: no claim, no attempt rows, no outcome recorded. What the engine adds per
 * publish is the difference between its burst and this, in wall-clock time per publish.
 */
async function bareSend(services: Services, channels: string[], label: string, lanes: number): Promise<number> {
  const started = performance.now();
  let nextChannel = 0;
  const lane = async () => {
    while (nextChannel < channels.length) {
      const c = nextChannel++;
      const channel = channels[c] as string;
      await withClient(services, channel, async (client) => {
        for (let i = c; i < POSTS; i += channels.length) {
          await client.publish({ text: `Bench ${label} bare post ${i}` }, { idempotencyKey: randomUUID() });
        }
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, channels.length) }, lane));
  return (performance.now() - started) / POSTS;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Runs one phase: posts in, wait until the stand-in has them all (or time runs out), then the figures. */
async function phase(
  name: "burst" | "minute",
  mode: string,
  ctx: { db: Database; x: XStandIn; authorId: string; channels: string[]; passes: PassLog; bareMsPerPublish: number },
) {
  const { db, x, passes } = ctx;
  const startAt = Date.now() + 2000;
  const at = name === "burst" ? () => startAt : (i: number) => startAt + Math.floor((i * SPREAD_MS) / POSTS);
  const sentBefore = x.tweets.length;
  const { published: publishedBefore, engineMs: engineBefore, passMs: passBefore } = passes;
  const scheduled = await insertPosts(db, ctx.authorId, ctx.channels, `${mode}-${name}`, at);
  const deadline = startAt + (name === "burst" ? 0 : SPREAD_MS) + 120_000;
  while (x.tweets.length - sentBefore < POSTS && Date.now() < deadline) await sleep(50);
  const tweets = x.tweets.slice(sentBefore).filter((t) => scheduled.has(t.text));
  const lateness = tweets.map((t) => Date.parse(t.created_at) - (scheduled.get(t.text) ?? 0)).sort((a, b) => a - b);
  const last = Math.max(...tweets.map((t) => Date.parse(t.created_at)));
  const copies = new Map<string, number>();
  for (const t of tweets) copies.set(t.text, (copies.get(t.text) ?? 0) + 1);
  const duplicates = [...copies.values()].reduce((sum, n) => sum + n - 1, 0);
  // Let the last passes' log lines arrive before reading them.
  await sleep(300);
  const published = passes.published - publishedBefore;
  const line = { bench: "publish", mode, phase: name };
  const note = `${POSTS} posts, ${CHANNELS} channels, ${name === "burst" ? "all due at one instant" : `due evenly over ${SPREAD_MS / 1000} s`}`;
  if (name === "burst")
    report({ ...line, metric: "publishes_per_s", value: round(tweets.length / ((last - startAt) / 1000), 0), unit: "1/s", note });
  report({ ...line, metric: "p50_lateness_ms", value: percentile(lateness, 50), unit: "ms", note });
  report({ ...line, metric: "p99_lateness_ms", value: percentile(lateness, 99), unit: "ms", note });
  if (name === "burst") {
    // What the engine adds per publish: the burst's wall-clock time per publish less the bare sender's
    // (same posts, same channels side by side, no engine), both loaded by the same stand-in.
    const engineMsPerPublish = (last - startAt) / Math.max(1, tweets.length);
    report({
      ...line,
      metric: "overhead_ms",
      value: round(Math.max(0, engineMsPerPublish - ctx.bareMsPerPublish), 3),
      unit: "ms",
      baseline: round(ctx.bareMsPerPublish, 3),
      ratio: round(engineMsPerPublish / ctx.bareMsPerPublish, 3),
      note: `${note}; wall-clock ms per publish through the engine (${round(engineMsPerPublish, 3)}) less the bare sender's (baseline)`,
    });
  }
  // Each channel's time in the engine with its network calls taken out, summed over channels sent to side
  // by side: an upper bound of the engine's time, since a channel waiting for the CPU or the database
  // while another works counts in full.
  report({
    ...line,
    metric: "engine_ms_upper_bound",
    value: round((passes.engineMs - engineBefore) / Math.max(1, published), 3),
    unit: "ms",
    note,
  });
  // The workers' wall-clock time in passes per publish, network included (zero-latency stand-in, loopback HTTP).
  report({
    ...line,
    metric: "pass_ms_per_publish",
    value: round((passes.passMs - passBefore) / Math.max(1, published), 3),
    unit: "ms",
    note,
  });
  report({ ...line, metric: "duplicates", value: duplicates, unit: "posts", note });
  if (copies.size < POSTS) report({ ...line, metric: "not_published", value: POSTS - copies.size, unit: "posts", note });
}

async function embedded(x: XStandIn) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-"));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "info", HTTP_PROXY: "", HTTPS_PROXY: "" });
  const passes = new PassLog();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line) passes.read(line);
      done();
    },
  });
  const log = createLogger("info", sink);
  const connectors = catalogOf([createXConnector({ api: x.url, authorize: x.authorizeUrl })]);
  const built = await createServices(config, log, VERSION, { connectors });
  const { db } = built.services;
  const setup = await setUp(db, built.services, x);
  const bareMsPerPublish = await bareSend(built.services, setup.channels, "embedded", CHANNEL_CONCURRENCY);
  const loop = startPublishLoop(built.services, log);
  try {
    for (const name of PHASES) await phase(name, "embedded", { db, x, passes, bareMsPerPublish, ...setup });
  } finally {
    await loop.stop();
    await built.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function postgres(x: XStandIn) {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query("CREATE DATABASE switchboard_bench").catch((err: { code?: string }) => {
    if (err.code !== "42P04") throw err; // it exists already
  });
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = "/switchboard_bench";
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const setupClient = new pg.Client({ connectionString: url.href });
  await setupClient.connect();
  await setupClient.query(`CREATE SCHEMA ${schema}`);
  const scoped = new URL(url.href);
  scoped.searchParams.set("options", `-c search_path=${schema}`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-"));
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: scoped.href, LOG_LEVEL: "warn", HTTP_PROXY: "", HTTPS_PROXY: "" });
  const database = openDatabase({ databaseUrl: url.href, dataDir, pgSchema: schema });
  const connectors = catalogOf([createXConnector({ api: x.url, authorize: x.authorizeUrl })]);
  const built = await createServices(config, createLogger("warn"), VERSION, { database, connectors });
  const { db } = built.services;
  const setup = await setUp(db, built.services, x);
  const passes = new PassLog();
  // Two workers' worth of channels side by side.
  const bareMsPerPublish = await bareSend(built.services, setup.channels, "postgres", 2 * CHANNEL_CONCURRENCY);
  const workers: ChildProcess[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, ["--import", "tsx", "server/posts/engine/test/standInWorker.ts"], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ...(process.env.PGUSER ? { PGUSER: process.env.PGUSER } : {}),
          ...(process.env.USER ? { USER: process.env.USER } : {}),
          DATABASE_URL: scoped.href,
          DATA_DIR: dataDir,
          LOG_LEVEL: "info",
          X_API_URL: x.url,
          X_AUTHORIZE_URL: x.authorizeUrl,
        },
        stdio: ["ignore", "pipe", "inherit"],
      });
      workers.push(child);
      const ready = new Promise<void>((resolve) => {
        createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
          if (line.includes("publish worker started")) resolve();
          passes.read(line);
        });
      });
      await ready;
    }
    for (const name of PHASES) await phase(name, "postgres-2-workers", { db, x, passes, bareMsPerPublish, ...setup });
  } finally {
    for (const child of workers) child.kill("SIGTERM");
    await Promise.all(workers.map((child) => new Promise((resolve) => child.once("exit", resolve))));
    await built.close();
    await database.destroy();
    await setupClient.query(`DROP SCHEMA ${schema} CASCADE`);
    await setupClient.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

for (const mode of MODES) {
  // A fresh stand-in per mode: its duplicate-text check scans every earlier post of the account.
  const x = await startXStandIn();
  try {
    if (mode === "embedded") await embedded(x);
    else if (mode === "postgres") await postgres(x);
    else throw new Error(`unknown mode ${mode}`);
  } finally {
    await x.close();
  }
}
