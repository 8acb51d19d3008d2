// npm run bench:vault — AES-256-GCM seal + open round trips per second through
// the vault's own code path (keyring lookup, fresh nonce, AAD), median of runs.
import { randomBytes } from "node:crypto";
import { loadConfig } from "../server/config.js";
import { open, seal } from "../server/vault/cipher.js";
import { Keyring } from "../server/vault/keyring.js";
import { median, report, round } from "./lib.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PER_RUN = Number(process.env.BENCH_ITERATIONS ?? 100_000);

const { keyring } = Keyring.open(loadConfig({ VAULT_KEY: randomBytes(32).toString("base64") }).vault);
// A typical OAuth access token is 100–200 characters.
const token = randomBytes(96).toString("base64url");
const aad = "account:3f1c9a2e-0000-4000-8000-000000000000:access_token";

for (let i = 0; i < 10_000; i++) open(keyring, seal(keyring, token, aad), aad); // warm-up

const rates: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  for (let i = 0; i < PER_RUN; i++) {
    if (open(keyring, seal(keyring, token, aad), aad) !== token) throw new Error("round trip changed the value");
  }
  rates.push(PER_RUN / ((performance.now() - started) / 1000));
}
report({
  bench: "vault",
  metric: "round_trips_per_s",
  value: round(median(rates), 0),
  unit: "ops/s",
  note: `median of ${RUNS} runs of ${PER_RUN}; target >= 50000`,
});
