import type { RateLimit } from "./types.js";

type Headers = Readonly<Record<string, string>>;

const num = (value: string | undefined) => {
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};

/** A reset given as epoch seconds, epoch milliseconds, seconds from now, or a date (Mastodon sends ISO 8601). */
export function parseReset(value: string | undefined, now: number): Date | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const n = num(value);
  if (n === undefined) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : new Date(t);
  }
  if (n > 1e12) return new Date(n);
  if (n > 1e9) return new Date(n * 1000);
  return new Date(now + n * 1000);
}

function family(headers: Headers, prefix: string, now: number): RateLimit | null {
  const limit = num(headers[`${prefix}limit`]);
  const remaining = num(headers[`${prefix}remaining`]);
  const resetAt = parseReset(headers[`${prefix}reset`], now);
  if (limit === undefined && remaining === undefined && resetAt === undefined) return null;
  return { limit, remaining, resetAt };
}

interface MetaUsage {
  call_count?: number;
  total_cputime?: number;
  total_time?: number;
  estimated_time_to_regain_access?: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Meta's X-App-Usage / X-Business-Use-Case-Usage: percentages of a rolling quota, and minutes until access returns. */
function metaUsage(headers: Headers, now: number): RateLimit | null {
  const entries: MetaUsage[] = [];
  for (const name of ["x-app-usage", "x-page-usage", "x-business-use-case-usage"]) {
    const raw = headers[name];
    if (!raw) continue;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!isRecord(parsed)) continue;
      if (name === "x-business-use-case-usage") {
        for (const list of Object.values(parsed)) if (Array.isArray(list)) entries.push(...list.filter(isRecord));
      } else entries.push(parsed);
    } catch {
      // A malformed usage header tells us nothing; ignore it rather than fail the request.
    }
  }
  if (entries.length === 0) return null;
  const usedPercent = Math.max(...entries.map((e) => Math.max(e.call_count ?? 0, e.total_cputime ?? 0, e.total_time ?? 0)));
  const waitMinutes = Math.max(...entries.map((e) => e.estimated_time_to_regain_access ?? 0));
  return { usedPercent, resetAt: waitMinutes > 0 ? new Date(now + waitMinutes * 60_000) : undefined };
}

/** Reads whichever rate-limit headers a network sent into one shape; `null` when it sent none. */
export function parseRateLimit(headers: Headers, now = Date.now()): RateLimit | null {
  const found =
    family(headers, "x-rate-limit-", now) ??
    family(headers, "x-ratelimit-", now) ??
    family(headers, "ratelimit-", now) ??
    metaUsage(headers, now);
  const retryAfter = parseRetryAfter(headers["retry-after"], now);
  if (!found) return retryAfter ? { resetAt: retryAfter } : null;
  if (retryAfter && !found.resetAt) return { ...found, resetAt: retryAfter };
  return found;
}

function parseRetryAfter(value: string | undefined, now: number): Date | undefined {
  if (value === undefined) return undefined;
  const seconds = num(value);
  if (seconds !== undefined) return new Date(now + seconds * 1000);
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t);
}
