// npm run bench:kb: knowledge-base search over 10,000 articles on SQLite (embedded, FTS5) and
// PostgreSQL (tsvector + GIN), through the same searchArticles() the API calls. Articles are
// generated deterministically (a seeded PRNG over the word frequencies of the project's own docs plus
// each article's topic words, 100–900 words each, with headings and lists), inserted through the store (rendered, versioned, indexed), then a few hundred
// realistic queries (one to four words, some still being typed) are timed one at a time.
// Env: BENCH_ARTICLES (10000), BENCH_QUERIES (400), BENCH_MODES (sqlite,postgres),
// BENCH_DATABASE_URL (postgres://localhost/test: a database switchboard_bench is created beside it),
// BENCH_KEEP=1 keeps the PostgreSQL schema (to EXPLAIN queries against it).
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type DatabaseHandle, openDatabase } from "../server/db/database.js";
import { migrateToLatest } from "../server/db/migrate.js";
import type { ArticleFields, Visibility } from "../server/kb/model.js";
import { renderMarkdown } from "../server/kb/render.js";
import { insertArticle } from "../server/kb/saveArticle.js";
import { searchArticles } from "../server/kb/search.js";
import { installStarterArticles } from "../server/kb/starter.js";
import { median, report, round } from "./lib.js";

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 400);
const MODES = (process.env.BENCH_MODES ?? "sqlite,postgres").split(",");
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://localhost/test";
if (!process.env.PGUSER && !process.env.USER) process.env.PGUSER = "postgres";
const ROOT = path.resolve(import.meta.dirname, "..");

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NETWORKS = ["LinkedIn", "Facebook", "Instagram", "X", "Bluesky", "Mastodon", "YouTube", "TikTok", "WordPress", "Threads", "Reddit"];
const TOPICS = [
  "two-factor authentication",
  "lost access",
  "password reset",
  "company page",
  "brand account",
  "scheduled posts",
  "approval workflow",
  "hashtags",
  "disclosure",
  "advertising",
  "customer complaints",
  "direct messages",
  "analytics",
  "campaign",
  "crisis response",
  "fake account",
  "impersonation",
  "verification badge",
  "page roles",
  "recovery codes",
  "tracked links",
  "content calendar",
  "image sizes",
  "video captions",
  "alt text",
  "community guidelines",
  "rate limits",
  "API tokens",
  "offboarding",
  "employee advocacy",
];
const VERBS = [
  "set up",
  "recover",
  "transfer",
  "verify",
  "report",
  "schedule",
  "approve",
  "measure",
  "remove",
  "connect",
  "rotate",
  "review",
  "archive",
];
const NOUNS = [
  "account",
  "owner",
  "administrator",
  "team",
  "post",
  "reply",
  "comment",
  "audience",
  "follower",
  "mention",
  "policy",
  "guideline",
  "request",
  "ticket",
  "token",
  "device",
  "phone",
  "email",
  "profile",
  "page",
  "group",
  "channel",
  "report",
  "deadline",
  "budget",
  "approver",
  "lead",
  "customer",
  "complaint",
  "review",
];

/**
 * Word frequencies of real prose: the project's own docs and starter articles (a few thousand
 * distinct words). Bodies draw from them by frequency (so "the" and "account" are everywhere and
 * rare words are rare), plus each article's own topic words, as a real knowledge base reads.
 */
function vocabulary(): { words: string[]; cumulative: number[] } {
  const dirs = [path.join(ROOT, "docs"), path.join(ROOT, "docs/networks"), path.join(ROOT, "server/kb/starter")];
  const counts = new Map<string, number>();
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".md"))) {
      for (const word of readFileSync(path.join(dir, file), "utf8")
        .toLowerCase()
        .match(/[a-z][a-z']{2,}/g) ?? []) {
        counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
  }
  const words = [...counts.keys()].sort();
  let total = 0;
  const cumulative = words.map((w) => {
    total += counts.get(w) ?? 0;
    return total;
  });
  return { words, cumulative };
}

function generator(seed: number, vocab: { words: string[]; cumulative: number[] }) {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const total = vocab.cumulative.at(-1) ?? 1;
  /** A word drawn by its frequency in real prose. */
  const common = () => {
    const target = random() * total;
    let lo = 0;
    let hi = vocab.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((vocab.cumulative[mid] ?? 0) < target) lo = mid + 1;
      else hi = mid;
    }
    return vocab.words[lo] ?? "the";
  };
  const rare = () => pick(vocab.words);
  const sentence = (own: string[]) => {
    const length = 8 + Math.floor(random() * 14);
    const words = Array.from({ length }, () => (random() < 0.2 ? pick(own) : common()));
    const first = words[0] ?? "the";
    return `${first[0]?.toUpperCase()}${first.slice(1)} ${words.slice(1).join(" ")}.`;
  };
  const paragraph = (own: string[]) => Array.from({ length: 2 + Math.floor(random() * 4) }, () => sentence(own)).join(" ");
  return {
    article(i: number): ArticleFields {
      const network = pick(NETWORKS);
      const topic = pick(TOPICS);
      const keywords = [rare(), rare(), rare(), pick(NOUNS)];
      const own = [network, ...topic.split(" "), ...keywords];
      const title = `${pick(["How to", "Why we", "When to", "Who can"])} ${pick(VERBS)} ${topic} on ${network}${random() < 0.5 ? ` (${keywords[0]})` : ""}`;
      const sections = 1 + Math.floor(random() * 4);
      const parts: string[] = [paragraph(own)];
      for (let s = 0; s < sections; s++) {
        parts.push(`## ${pick(VERBS)} the ${pick(keywords)}`, paragraph(own));
        if (random() < 0.5) parts.push(Array.from({ length: 3 }, () => `- ${sentence(own)}`).join("\n"));
      }
      const visibility: Visibility = random() < 0.1 ? "draft" : random() < 0.3 ? "public" : "internal";
      return {
        title,
        slug: `bench-${i}`,
        summary: random() < 0.5 ? sentence(own) : "",
        body: parts.join("\n\n"),
        categoryId: null,
        visibility,
      };
    },
    query(): { q: string; prefix: boolean } {
      const kind = random();
      if (kind < 0.2) return { q: pick(TOPICS), prefix: false };
      if (kind < 0.35) return { q: `${pick(TOPICS)} ${pick(NETWORKS)}`, prefix: false };
      if (kind < 0.5) return { q: `how do I ${pick(VERBS)} the ${pick(NOUNS)}`, prefix: false };
      if (kind < 0.6) return { q: `${common()} ${common()}`, prefix: false };
      if (kind < 0.7) return { q: `${pick(NOUNS)} ${rare()}`, prefix: false };
      if (kind < 0.9) {
        // Someone still typing on the request form: the last word cut short.
        const text = `I ${pick(["lost", "need", "cannot find", "want to"])} ${pick(TOPICS)} on ${pick(NETWORKS)}`;
        return { q: text.slice(0, Math.max(6, text.length - 1 - Math.floor(random() * 4))), prefix: true };
      }
      return { q: common(), prefix: false };
    },
  };
}

async function fill(handle: DatabaseHandle) {
  await migrateToLatest(handle);
  await installStarterArticles(handle.db, handle.capabilities);
  const gen = generator(42, VOCABULARY);
  const batch = 500;
  const started = performance.now();
  for (let from = 0; from < ARTICLES; from += batch) {
    const fields = Array.from({ length: Math.min(batch, ARTICLES - from) }, (_, k) => gen.article(from + k));
    const rendered = fields.map((f) => renderMarkdown(f.body));
    await handle.db.transaction().execute(async (trx) => {
      for (const [k, f] of fields.entries()) {
        await insertArticle(trx, handle.capabilities, { id: null, label: "bench" }, f, rendered[k] as ReturnType<typeof renderMarkdown>);
      }
    });
  }
  return performance.now() - started;
}

async function measure(handle: DatabaseHandle, mode: string, loadMs: number) {
  const gen = generator(7, VOCABULARY);
  const queries = Array.from({ length: QUERIES }, () => gen.query());
  const run = (q: { q: string; prefix: boolean }) =>
    searchArticles(handle.db, handle.capabilities, {
      query: q.q,
      // An employee's view: internal and public articles.
      visibilities: ["internal", "public"],
      limit: q.prefix ? 5 : 20,
      prefix: q.prefix,
      mode: q.prefix ? "any" : "all",
    });
  for (const q of queries.slice(0, 30)) await run(q); // warm caches and prepared plans
  const times: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const t0 = performance.now();
    const result = await run(q);
    times.push(performance.now() - t0);
    hits += result.hits.length;
  }
  times.sort((a, b) => a - b);
  const p99 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.99) - 1)] ?? 0;
  const note = `${mode}, ${ARTICLES} articles, ${QUERIES} queries, ${round(hits / QUERIES, 1)} hits/query`;
  report({ bench: "kb", metric: "search_p99_ms", value: round(p99), unit: "ms", note });
  report({ bench: "kb", metric: "search_p50_ms", value: round(median(times)), unit: "ms", note });
  report({ bench: "kb", metric: "search_max_ms", value: round(times.at(-1) ?? 0), unit: "ms", note });
  report({ bench: "kb", metric: "load_articles_per_s", value: round((ARTICLES / loadMs) * 1000, 0), unit: "articles/s", note });
}

async function sqlite() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-kb-"));
  const handle = openDatabase({ dataDir });
  try {
    const loadMs = await fill(handle);
    await measure(handle, "sqlite", loadMs);
  } finally {
    await handle.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function postgres() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query("CREATE DATABASE switchboard_bench").catch((err: { code?: string }) => {
    if (err.code !== "42P04") throw err; // it exists already
  });
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = "/switchboard_bench";
  const schema = `bench_kb_${randomBytes(4).toString("hex")}`;
  const setup = new pg.Client({ connectionString: url.href });
  await setup.connect();
  await setup.query(`CREATE SCHEMA ${schema}`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-kb-"));
  const handle = openDatabase({ databaseUrl: url.href, dataDir, pgSchema: schema });
  try {
    const loadMs = await fill(handle);
    // Steady state, as autovacuum leaves it: statistics, and the GIN index's pending list merged.
    await setup.query(`VACUUM ANALYZE ${schema}.kb_articles`);
    await measure(handle, "postgres", loadMs);
  } finally {
    await handle.destroy();
    if (process.env.BENCH_KEEP === "1") process.stderr.write(`kept schema ${schema} in switchboard_bench\n`);
    else await setup.query(`DROP SCHEMA ${schema} CASCADE`);
    await setup.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const VOCABULARY = vocabulary();

for (const mode of MODES) {
  if (mode === "sqlite") await sqlite();
  else if (mode === "postgres") await postgres();
  else throw new Error(`unknown mode ${mode} (sqlite, postgres)`);
}
