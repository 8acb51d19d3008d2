/**
 * The crash test: three `switchboard worker` processes publish to the X stand-in (living here, in the
 * test process, so it outlives every worker) while the test kills workers with SIGKILL, at random
 * moments and right after the network accepted a post but before the worker read the answer, and
 * starts them again. Every post must end up published exactly once, or in `needs_review` without a
 * duplicate; none may be lost or stuck.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpClient } from "../../../connectors/http/types.js";
import { connect, testHttp } from "../../../connectors/test/harness.js";
import { createXConnector } from "../../../connectors/x/index.js";
import { startXStandIn, X_CLIENT, X_REDIRECT, type XStandIn } from "../../../connectors/x/test/standIn.js";
import { POSTGRES_AVAILABLE } from "../../../test/helpers/databases.js";
import { createTestApp, type TestApp } from "../../../test/helpers/testApp.js";
import { createAccount } from "../../accounts/saveAccount.js";
import { systemActor } from "../../audit/context.js";
import { catalogOf } from "../../connections/catalog.js";
import { markConnected } from "../../connections/connectionState.js";
import { saveCredentials } from "../../connections/credentials.js";
import { saveNetworkApp } from "../../connections/networkApps.js";
import { startWorkerProxy, type WorkerProxy } from "./test/workerProxy.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const WORKERS = 3;
const POSTS = 40;
const LEASE_SECONDS = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);

interface Slot {
  proxy: WorkerProxy;
  child?: ChildProcess;
  ready: boolean;
  log: string[];
}

describe.skipIf(!POSTGRES_AVAILABLE)("the publish engine under SIGKILL (worker processes on PostgreSQL)", () => {
  let x: XStandIn;
  let http: HttpClient;
  let t: TestApp;
  const slots: Slot[] = [];
  const channels: { id: string; authorId: string }[] = [];
  let killsOnAccept = 0;
  let randomKills = 0;
  let chaos = true;
  const events: string[] = [];
  const t0 = Date.now();
  const note = (what: string) => events.push(`${Date.now() - t0} ${what}`);

  beforeAll(async () => {
    x = await startXStandIn();
    http = testHttp();
    const connector = createXConnector({ api: x.url, authorize: x.authorizeUrl });
    t = await createTestApp("postgres", {}, { connectors: catalogOf([connector]), http });
    const { db, keyring } = t.services;
    await saveNetworkApp(db, keyring, null, { network: "x", ...X_CLIENT });
    if (!connector.oauth) throw new Error("X has OAuth");
    // Two channels: @switchboard_hq through the OAuth flow, @ada with a token the stand-in issues.
    const [granted] = await connect(connector.oauth, http, X_CLIENT, X_REDIRECT);
    if (!granted) throw new Error("nothing granted");
    const hq = await createAccount(db, systemActor(), { network: "x", handle: granted.profile.handle });
    await saveCredentials(db, keyring, hq, granted.credentials);
    await markConnected(db, systemActor(), hq, granted.profile);
    const issued = x.tokens.issue("2002", "tweet.read tweet.write users.read offline.access");
    const ada = await createAccount(db, systemActor(), { network: "x", handle: "ada" });
    await saveCredentials(db, keyring, ada, {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      expiresAt: new Date(Date.now() + 7_200_000),
    });
    await markConnected(db, systemActor(), ada, { externalId: "2002", handle: "ada", displayName: "Ada", url: null });
    channels.push({ id: hq, authorId: granted.profile.externalId }, { id: ada, authorId: "2002" });
  }, 30_000);

  afterAll(async () => {
    chaos = false;
    for (const slot of slots) {
      slot.child?.kill("SIGKILL");
      await slot.proxy.close();
    }
    await t?.dispose();
    await http?.close();
    await x?.close();
  });

  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once("exit", () => resolve()));

  function start(slot: Slot) {
    const child = spawn(process.execPath, ["--import", "tsx", "server/posts/engine/test/standInWorker.ts"], {
      cwd: ROOT,
      // Not the test runner's environment: Vite sets BASE_URL=/ there, which the server would refuse.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...(process.env.USER ? { USER: process.env.USER } : {}),
        ...(process.env.PGUSER ? { PGUSER: process.env.PGUSER } : {}),
        DATABASE_URL: t.database.url,
        DATA_DIR: t.database.dataDir,
        LOG_LEVEL: "info",
        PUBLISH_LEASE_SECONDS: String(LEASE_SECONDS),
        X_API_URL: slot.proxy.url,
        X_AUTHORIZE_URL: x.authorizeUrl,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    slot.child = child;
    slot.ready = false;
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      slot.log.push(line);
      if (line.includes("publish worker started")) {
        slot.ready = true;
        note(`ready ${slots.indexOf(slot)}`);
      }
    });
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on("line", (line) => slot.log.push(line));
  }

  async function kill(slot: Slot) {
    const child = slot.child;
    if (!child) return;
    slot.ready = false;
    note(`kill ${slots.indexOf(slot)}`);
    child.kill("SIGKILL");
    await exited(child);
    // Back after a moment: meanwhile the others go on, and the dead one's claims wait for their lease.
    setTimeout(
      () => {
        if (chaos) start(slot);
      },
      between(100, 400),
    );
  }

  it("publishes every post exactly once, or leaves it for review without a duplicate, however often workers die", async () => {
    const { db } = t.services;
    for (let i = 0; i < WORKERS; i++) {
      const slot: Slot = { ready: false, log: [], proxy: undefined as unknown as WorkerProxy };
      slot.proxy = await startWorkerProxy(
        x.url,
        async () => {
          // The network has the post; its worker has not heard. The first such moment always kills.
          if (!chaos || !slot.ready || killsOnAccept >= 6 || (killsOnAccept > 0 && Math.random() > 0.2)) return false;
          killsOnAccept++;
          note("accepted: killing its worker");
          await kill(slot);
          return true;
        },
        { acceptPath: /^\/2\/tweets$/, delayMs: () => between(0, 8) },
      );
      slots.push(slot);
    }

    // Workers first (starting one takes seconds on a busy machine), then posts that fall due soon after.
    for (const slot of slots) start(slot);
    const readyBy = Date.now() + 25_000;
    while (slots.some((s) => !s.ready) && Date.now() < readyBy) await sleep(50);
    note("all workers ready");

    // Posts fall due over a few seconds, so workers die and come back while work keeps arriving.
    await t.setupAdmin();
    const { id: authorId } = await db.selectFrom("users").select("id").executeTakeFirstOrThrow();
    const firstDue = Date.now() + 1000;
    const posts: { id: string; text: string; parts: string[] }[] = [];
    for (let i = 0; i < POSTS; i++) {
      const text = `Crash-test post ${i}`;
      const parts = i % 8 === 7 ? [`Crash-test post ${i}, part two`] : [];
      posts.push({ id: `crash-post-${i}`, text, parts });
    }
    const now = new Date().toISOString();
    await db
      .insertInto("posts")
      .values(
        posts.map((p, i) => ({
          id: p.id,
          author_id: authorId,
          text: p.text,
          tags: "[]",
          time_zone: "UTC",
          scheduled_at: new Date(firstDue + i * 150).toISOString(),
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
        posts.flatMap((p) =>
          channels.map((c) => ({
            id: `${p.id}-${c.id}`,
            post_id: p.id,
            account_id: c.id,
            network: "x",
            thread_parts: JSON.stringify(p.parts),
            status: "pending",
          })),
        ),
      )
      .execute();

    note(`posts in; the first falls due at ${firstDue - t0}`);
    // Chaos: besides the kills on acceptance, a random live worker dies every second or so.
    const chaosUntil = firstDue + POSTS * 150 + 2000;
    while (Date.now() < chaosUntil || killsOnAccept === 0 || killsOnAccept + randomKills < 5) {
      if (Date.now() > chaosUntil + 30_000) break;
      await sleep(between(400, 1000));
      const live = slots.filter((s) => s.ready);
      const victim = live[Math.floor(Math.random() * live.length)];
      if (victim && randomKills < 8) {
        randomKills++;
        await kill(victim);
      }
    }
    chaos = false;
    await sleep(500);
    for (const slot of slots) if (!slot.child || slot.child.exitCode !== null || slot.child.signalCode !== null) start(slot);

    // Quiet now: the workers recover the dead ones' claims once their leases run out, and finish.
    const waiting = async () =>
      (await db.selectFrom("post_variants").select("id").where("status", "in", ["pending", "publishing", "retrying"]).execute()).length;
    const settleBy = Date.now() + 20_000;
    while ((await waiting()) > 0 && Date.now() < settleBy) await sleep(250);

    // A graceful stop: SIGTERM (to workers that are up: one still starting has no handler yet) lets the pass under way finish and the process exit cleanly.
    // A worker restarted last may still be starting (compiling TypeScript takes long on a loaded machine).
    const upBy = Date.now() + 60_000;
    while (slots.some((s) => !s.ready) && Date.now() < upBy) await sleep(50);
    const codes = await Promise.all(
      slots.map(async (slot) => {
        const child = slot.child as ChildProcess;
        child.kill("SIGTERM");
        await exited(child);
        return child.exitCode;
      }),
    );

    const variants = await db.selectFrom("post_variants").select(["id", "post_id", "account_id", "status", "remote_id"]).execute();
    const stuck = variants.filter((v) => v.status !== "published" && v.status !== "needs_review");
    if (stuck.length > 0) {
      // What happened to them, for whoever reads a failure.
      const attempts = await db
        .selectFrom("publish_attempts")
        .selectAll()
        .where(
          "variant_id",
          "in",
          stuck.map((v) => v.id),
        )
        .orderBy("started_at")
        .execute();
      process.stderr.write(`${JSON.stringify({ stuck, attempts, events }, null, 1)}\n`);
    }
    expect(stuck).toEqual([]);
    for (const v of variants) {
      const post = posts.find((p) => p.id === v.post_id);
      const channel = channels.find((c) => c.id === v.account_id);
      const copies = x.tweets.filter((tw) => tw.author_id === channel?.authorId && tw.text === post?.text);
      if (v.status === "published") {
        expect(copies, `${v.id} went out once`).toHaveLength(1);
        expect(v.remote_id).toBe(copies[0]?.id);
      } else expect(copies.length, `${v.id} in review without a duplicate`).toBeLessThanOrEqual(1);
    }
    // Nothing on the network that Switchboard did not mean to send, and nothing twice.
    const sent = x.tweets.map((tw) => `${tw.author_id} ${tw.text}`);
    expect(new Set(sent).size).toBe(sent.length);
    const posted = await db.selectFrom("posts").select(["id", "status"]).execute();
    expect(posted.filter((p) => p.status !== "published" && p.status !== "needs_review")).toEqual([]);
    expect(variants.filter((v) => v.status === "published").length).toBeGreaterThan(variants.length / 2);
    expect(killsOnAccept).toBeGreaterThanOrEqual(1);
    expect(killsOnAccept + randomKills).toBeGreaterThanOrEqual(5);
    if (process.env.CRASH_TEST_REPORT)
      process.stderr.write(
        `${events.join("\n")}\n${JSON.stringify({ killsOnAccept, randomKills, published: variants.filter((v) => v.status === "published").length, needsReview: variants.filter((v) => v.status === "needs_review").length })}\n`,
      );
    expect(codes).toEqual(slots.map(() => 0));
  }, 180_000);
});
