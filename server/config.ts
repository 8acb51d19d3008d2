import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The one validated configuration. Every setting comes from the environment;
 * a secret may instead come from a file named by `<NAME>_FILE` (Docker/Kubernetes
 * secrets). Validation collects every problem before failing, so an operator
 * fixes them all in one go.
 */
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .optional(),
  BASE_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  SESSION_IDLE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  SESSION_MAX_DAYS: z.coerce.number().positive().max(365).default(30),
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  JOBS_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  PUBLISH_MISSED_AFTER_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
  PUBLISH_LEASE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .default(300),
  PUBLISH_IN_SERVER: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  VAULT_KEY: z.string().optional(),
  HTTP_PROXY: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  HTTPS_PROXY: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  NO_PROXY: z.string().optional(),
  VAULT_PREVIOUS_KEYS: z.string().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  SMTP_FROM: z.string().min(3).default("Switchboard <switchboard@localhost>"),
});

/** Settings that may be given as `<NAME>_FILE` because they can carry credentials. */
const FILE_SETTINGS = ["DATABASE_URL", "REDIS_URL", "VAULT_KEY", "VAULT_PREVIOUS_KEYS", "SMTP_URL"] as const;

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  baseUrl: string;
  secureCookies: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  sessionIdleMs: number;
  sessionMaxMs: number;
  trustProxy: boolean;
  jobsPollMs: number;
  /** Where notification emails go out (may carry credentials: never log it); none: in-app only. */
  smtp: { url: string; from: string } | undefined;
  /** A post not sent this long after its time is marked missed instead of going out late. */
  publishMissedAfterMs: number;
  /**
   * How long a worker's claim on a variant lasts unless renewed (a live worker renews its claims while
   * it sends). A claim not renewed in time belonged to a crashed worker and is recovered.
   */
  publishLeaseMs: number;
  /** Whether the server runs the publish loop itself; off when only `switchboard worker` processes publish. */
  publishInServer: boolean;
  vault: VaultKeyConfig;
  /** Outbound proxy for every connector (corporate proxies); the lower-case variants work too. */
  proxy: { httpProxy?: string; httpsProxy?: string; noProxy?: string };
};

/**
 * Where the vault's master keys come from: given by the operator (VAULT_KEY,
 * with VAULT_PREVIOUS_KEYS still accepted for decryption during a rotation),
 * or a key file Switchboard manages in DATA_DIR.
 */
export type VaultKeyConfig = { source: "config"; active: Buffer; previous: Buffer[] } | { source: "data-dir"; file: string };

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

function resolveFileSettings(env: Env, problems: string[]): Env {
  const resolved: Env = { ...env };
  for (const name of FILE_SETTINGS) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name]) {
      problems.push(`${name} and ${name}_FILE are both set; set only one`);
      continue;
    }
    try {
      resolved[name] = readFileSync(file, "utf8").trim();
    } catch {
      problems.push(`${name}_FILE: cannot read file ${file}`);
    }
  }
  return resolved;
}

/** Reads and validates configuration; throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const resolved = resolveFileSettings(env, problems);
  // Empty strings mean "unset", as in most shells' `VAR=` usage; proxy variables are often lower-case.
  const input = Object.fromEntries(
    Object.keys(schema.shape).map((key) => {
      const value = resolved[key] ?? (key.endsWith("PROXY") ? resolved[key.toLowerCase()] : undefined);
      return [key, value === "" ? undefined : value];
    }),
  );
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${issue.path.join(".")}: ${issue.message}`);
    }
  }
  const vaultKeys = parsed.success ? parseVaultKeys(parsed.data, problems) : undefined;
  if (problems.length > 0 || !parsed.success || !vaultKeys) throw new ConfigError(problems);
  const c = parsed.data;
  const baseUrl = (c.BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, "");
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    redisUrl: c.REDIS_URL,
    baseUrl,
    secureCookies: baseUrl.startsWith("https://"),
    logLevel: c.LOG_LEVEL,
    sessionIdleMs: c.SESSION_IDLE_HOURS * 3_600_000,
    sessionMaxMs: c.SESSION_MAX_DAYS * 86_400_000,
    trustProxy: c.TRUST_PROXY,
    jobsPollMs: c.JOBS_POLL_MS,
    smtp: c.SMTP_URL ? { url: c.SMTP_URL, from: c.SMTP_FROM } : undefined,
    publishMissedAfterMs: c.PUBLISH_MISSED_AFTER_MINUTES * 60_000,
    publishLeaseMs: c.PUBLISH_LEASE_SECONDS * 1000,
    publishInServer: c.PUBLISH_IN_SERVER,
    proxy: {
      ...(c.HTTP_PROXY ? { httpProxy: c.HTTP_PROXY } : {}),
      ...(c.HTTPS_PROXY ? { httpsProxy: c.HTTPS_PROXY } : {}),
      ...(c.NO_PROXY ? { noProxy: c.NO_PROXY } : {}),
    },
    vault: vaultKeys === "data-dir" ? { source: "data-dir", file: path.join(path.resolve(c.DATA_DIR), "vault.key") } : vaultKeys,
  };
}

/** A master key is 32 bytes, written as 64 hex digits or 44 base64 characters. */
export function decodeVaultKey(text: string): Buffer | undefined {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const key = Buffer.from(value, value.includes("-") || value.includes("_") ? "base64url" : "base64");
    return key.length === 32 ? key : undefined;
  }
  return undefined;
}

function parseVaultKeys(
  c: { VAULT_KEY?: string | undefined; VAULT_PREVIOUS_KEYS?: string | undefined },
  problems: string[],
): Exclude<VaultKeyConfig, { source: "data-dir" }> | "data-dir" | undefined {
  if (!c.VAULT_KEY) {
    if (c.VAULT_PREVIOUS_KEYS) problems.push("VAULT_PREVIOUS_KEYS: set only together with VAULT_KEY");
    return "data-dir";
  }
  const active = decodeVaultKey(c.VAULT_KEY);
  // Never echo the value: it is the key.
  if (!active) problems.push("VAULT_KEY: must be 32 bytes as 64 hex digits or base64 (generate one: openssl rand -base64 32)");
  const previous: Buffer[] = [];
  for (const [i, part] of (c.VAULT_PREVIOUS_KEYS ?? "")
    .split(/[,\s]+/)
    .filter(Boolean)
    .entries()) {
    const key = decodeVaultKey(part);
    if (key) previous.push(key);
    else problems.push(`VAULT_PREVIOUS_KEYS: entry ${i + 1} is not a 32-byte key`);
  }
  return active ? { source: "config", active, previous } : undefined;
}
