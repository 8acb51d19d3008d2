// npm run bench:classify — inbox classification speed (issue 6): classify() with the shipped model on
// real tweets (../shared/data/airline-mentions.csv), single-threaded, several rounds of at least a
// second each; reports the median rate, the model's load time and its size.
// Env: BENCH_ROUNDS (7), BENCH_DATA (path to airline-mentions.csv).
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { TriageClassifier } from "../server/inbox/classify/classifier.js";
import { loadModel, SHIPPED_MODEL_PATH } from "../server/inbox/classify/loadModel.js";
import { median, report, round } from "./lib.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const DATA = process.env.BENCH_DATA ?? path.join(ROOT, "../shared/data/airline-mentions.csv");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

const texts = (parse(readFileSync(DATA, "utf8"), { columns: true }) as { text: string }[]).map((r) => r.text);

const loads: number[] = [];
let classifier: TriageClassifier | undefined;
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  classifier = new TriageClassifier(loadModel(SHIPPED_MODEL_PATH));
  loads.push(performance.now() - started);
}
if (!classifier) throw new Error("no model");
const model = classifier;

/** Messages per second over at least `ms` of whole passes, of wall time and of this process's CPU time. */
function rate(run: (text: string) => unknown, ms: number): { wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  let done = 0;
  while (performance.now() - started < ms) {
    for (const text of texts) run(text);
    done += texts.length;
  }
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpuStart);
  return { wall: done / wall, cpu: done / ((used.user + used.system) / 1e6) };
}

const classify = (t: string) => model.classify(t);
const sentimentOnly = (t: string) => model.sentimentIndex(t);
rate(classify, 1000); // warm-up
const full: { wall: number; cpu: number }[] = [];
const bare: { wall: number; cpu: number }[] = [];
for (let r = 0; r < ROUNDS; r++) {
  full.push(rate(classify, 1000));
  bare.push(rate(sentimentOnly, 1000));
}
const note = `classify() (sentiment, topic, intent) vs sentiment alone; ${texts.length} real tweets, median of ${ROUNDS} rounds; target >= 150000`;
for (const kind of ["wall", "cpu"] as const) {
  const value = median(full.map((r) => r[kind]));
  const baseline = median(bare.map((r) => r[kind]));
  report({
    bench: "classify",
    metric: kind === "wall" ? "messages_per_s" : "messages_per_cpu_s",
    value: Math.round(value),
    unit: "messages/s",
    baseline: Math.round(baseline),
    ratio: round(value / baseline, 3),
    note: kind === "wall" ? note : "the same per second of this process's CPU time (time descheduled on a shared machine is not ours)",
  });
}
report({
  bench: "classify",
  metric: "model_load_ms",
  value: round(median(loads), 1),
  unit: "ms",
  note: "read, gunzip, parse, expand; median of 5",
});
report({ bench: "classify", metric: "model_bytes", value: statSync(SHIPPED_MODEL_PATH).size, unit: "bytes" });
