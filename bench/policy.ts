// npm run bench:policy — the policy engine on 280-character posts made of real tweets
// (../shared/data/airline-mentions.csv, consecutive tweets joined up to 280 characters), measured
// per check and interleaved with its baselines in the same run:
//  - the full default policy (every built-in pack, a 10-term lexicon) against the bare retext
//    pipeline (retext-english + emoji, mentions, URLs + profanities, equality, readability alone);
//  - the same policy with a 1,000-term lexicon against the 10-term one;
//  - for information, the default policy plus the write-good Vale style (8 rules).
// Env: BENCH_TEXTS (2000), BENCH_ROUNDS (3), BENCH_DATA (path to airline-mentions.csv).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { retextPipeline, runRetext } from "../server/policy/packs/languagePack.js";
import { createPolicy } from "../server/policy/policy.js";
import { loadStyles } from "../server/policy/vale/loadStyles.js";
import { report, round } from "./lib.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const DATA = process.env.BENCH_DATA ?? path.join(ROOT, "../shared/data/airline-mentions.csv");
const TEXTS = Number(process.env.BENCH_TEXTS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"');

function posts(): string[] {
  const rows = parse(readFileSync(DATA, "utf8"), { columns: true }) as { text: string }[];
  const out: string[] = [];
  let current = "";
  for (const row of rows) {
    const tweet = decode(row.text).trim();
    if (current && current.length + 1 + tweet.length > 280) {
      out.push(current);
      current = "";
      if (out.length === TEXTS) break;
    }
    current = current ? `${current} ${tweet}` : tweet;
  }
  return out;
}

const TEN_TERMS = {
  banned: ["synergy", "cheap flights"],
  confidential: ["Project Falcon", "Bluebird"],
  competitors: ["Acme Air"],
  brands: [{ term: "JetBlue", variants: ["Jet Blue"] }, "SouthwestAir", "AmericanAir"],
  swaps: [
    { term: "utilize", use: "use" },
    { term: "customer care", use: "support" },
  ],
};

/** The same 10 terms plus 990 more that rarely match: the matcher's scale changes, not the findings. */
function thousandTerms() {
  const extra = Array.from({ length: 990 }, (_, i) => (i % 3 === 0 ? `codename ${i}` : i % 3 === 1 ? `rival${i} airways` : `banned${i}`));
  return { ...TEN_TERMS, banned: [...TEN_TERMS.banned, ...extra] };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

type Subject = (text: string) => unknown;
interface Times {
  p50: number;
  p99: number;
  /** Percentiles of process CPU time per check: on a shared machine, time spent descheduled is not ours. */
  cpuP50: number;
  cpuP99: number;
}

/** Times each subject on each text, interleaved so machine noise falls on all of them alike. */
function measure(texts: string[], subjects: Record<string, Subject>): Record<string, Times> {
  const names = Object.keys(subjects);
  const wall: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const text of texts.slice(0, 300)) for (const n of names) subjects[n]?.(text); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    for (const text of texts) {
      for (const n of r % 2 ? [...names].reverse() : names) {
        const cpuStart = process.cpuUsage();
        const started = performance.now();
        subjects[n]?.(text);
        wall[n]?.push(performance.now() - started);
        const used = process.cpuUsage(cpuStart);
        cpu[n]?.push((used.user + used.system) / 1000);
      }
    }
  }
  return Object.fromEntries(
    names.map((n) => {
      const w = (wall[n] ?? []).sort((a, b) => a - b);
      const c = (cpu[n] ?? []).sort((a, b) => a - b);
      return [n, { p50: percentile(w, 0.5), p99: percentile(w, 0.99), cpuP50: percentile(c, 0.5), cpuP99: percentile(c, 0.99) }];
    }),
  );
}

const texts = posts();
const retext = retextPipeline(new Set(["profanity", "inclusive", "readability"]));
const context = { kind: "post" as const, brand_sentiment: "neutral" as const };
const policy10 = createPolicy({ lexicon: TEN_TERMS });
const policy1000 = createPolicy({ lexicon: thousandTerms() });
const writeGood = await loadStyles(path.join(ROOT, "server/policy/fixtures/vale/write-good/write-good"));
const policyVale = createPolicy({ lexicon: TEN_TERMS, styles: writeGood.styles });

const r = measure(texts, {
  retext: (t) => runRetext(retext, t),
  policy: (t) => policy10.check(t, context),
  lexicon1000: (t) => policy1000.check(t, context),
  vale: (t) => policyVale.check(t, context),
});
const get = (name: string) => r[name] ?? { p50: 0, p99: 0, cpuP50: 0, cpuP99: 0 };
const note = `${texts.length} posts of up to 280 characters (real tweets) x ${ROUNDS} rounds`;
const policy = get("policy");
const baseline = get("retext");
const big = get("lexicon1000");
const vale = get("vale");

report({
  bench: "policy",
  metric: "p50_ms",
  value: round(policy.p50, 3),
  unit: "ms",
  baseline: round(baseline.p50, 3),
  ratio: round(policy.p50 / baseline.p50, 3),
  note: `full default policy vs bare retext pipeline; ${note}`,
});
report({
  bench: "policy",
  metric: "p99_ms",
  value: round(policy.p99, 3),
  unit: "ms",
  baseline: round(baseline.p99, 3),
  ratio: round(policy.p99 / baseline.p99, 3),
  note: "target p99 < 5 ms, ratio < 1.5",
});
report({
  bench: "policy",
  metric: "p99_cpu_ms",
  value: round(policy.cpuP99, 3),
  unit: "ms",
  baseline: round(baseline.cpuP99, 3),
  ratio: round(policy.cpuP99 / baseline.cpuP99, 3),
  note: "process CPU time per check: leaves out time descheduled on the shared machine (includes GC threads)",
});
report({
  bench: "policy",
  metric: "p50_ms_lexicon_1000",
  value: round(big.p50, 3),
  unit: "ms",
  baseline: round(policy.p50, 3),
  ratio: round(big.p50 / policy.p50, 3),
  note: "1,000 lexicon terms vs 10; target ratio <= 2",
});
report({
  bench: "policy",
  metric: "p99_ms_lexicon_1000",
  value: round(big.p99, 3),
  unit: "ms",
  baseline: round(policy.p99, 3),
  ratio: round(big.p99 / policy.p99, 3),
});
report({
  bench: "policy",
  metric: "p50_ms_with_write_good",
  value: round(vale.p50, 3),
  unit: "ms",
  baseline: round(policy.p50, 3),
  ratio: round(vale.p50 / policy.p50, 3),
  note: "default policy plus the write-good Vale style (8 rules on re2js)",
});
