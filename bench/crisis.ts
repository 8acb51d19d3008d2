// npx tsx bench/crisis.ts (npm run bench:crisis once the script is wired) — the crisis detector
// alone on a realistic stream: the labelled airline mentions (../shared/data/airline-mentions.csv)
// in time order, each in its airline's series and, when negative, its airline+reason series,
// repeated back to back (shifted by the file's span) until BENCH_MESSAGES messages. Reports the
// median of BENCH_ROUNDS rounds, each on a fresh detector, with the same loop counting messages
// per series in a Map as the baseline (the least any per-series detector must do).
// Env: BENCH_MESSAGES (1000000), BENCH_ROUNDS (5), BENCH_DATA (path to airline-mentions.csv).
import path from "node:path";
import { createCrisisDetector } from "../server/inbox/crisis/detector.js";
import { airlineObservations, readAirlineMentions } from "../server/inbox/crisis/replay/airlineMentions.js";
import type { CrisisObservation } from "../server/inbox/crisis/types.js";
import { median, report, round } from "./lib.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const DATA = process.env.BENCH_DATA ?? path.join(ROOT, "../shared/data/airline-mentions.csv");
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DAY_MS = 86_400_000;

function stream(): CrisisObservation[] {
  const once = airlineObservations(readAirlineMentions(DATA), { reasons: true });
  const first = Number(once[0]?.at ?? 0);
  const span = Math.ceil((Number(once.at(-1)?.at ?? 0) - first) / DAY_MS + 1) * DAY_MS;
  const out: CrisisObservation[] = [];
  for (let copy = 0; out.length < MESSAGES; copy++) {
    for (const o of once) {
      if (out.length === MESSAGES) break;
      out.push({ ...o, at: Number(o.at) + copy * span, id: `${o.id}-${copy}` });
    }
  }
  return out;
}

function timeDetector(messages: CrisisObservation[]) {
  const detector = createCrisisDetector();
  let alerts = 0;
  const started = process.hrtime.bigint();
  for (const m of messages) alerts += detector.observe(m).length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: messages.length / seconds, alerts };
}

function timeCounting(messages: CrisisObservation[]) {
  const counts = new Map<string, number>();
  const started = process.hrtime.bigint();
  for (const m of messages) for (const s of m.series) counts.set(s, (counts.get(s) ?? 0) + (m.negative ? 1 : 0));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return messages.length / seconds;
}

const messages = stream();
const detectorRates: number[] = [];
const countingRates: number[] = [];
let alerts = 0;
for (let round = 0; round < ROUNDS; round++) {
  const run = timeDetector(messages);
  detectorRates.push(run.perSecond);
  alerts = run.alerts;
  countingRates.push(timeCounting(messages));
}
const rate = median(detectorRates);
const baseline = median(countingRates);
report({
  bench: "crisis",
  metric: "messages_per_s",
  value: Math.round(rate),
  unit: "messages/s",
  baseline: Math.round(baseline),
  ratio: round(rate / baseline, 3),
  note: `${messages.length} messages, ${round(1e6 / rate, 3)} µs each, ${alerts} alerts per round; baseline: a Map count per series`,
});
