import { describe, expect, it } from "vitest";
import { parseRateLimit } from "./rateLimit.js";

const now = Date.UTC(2026, 0, 1);

describe("parseRateLimit", () => {
  it("reads X's x-rate-limit-* (reset in epoch seconds)", () => {
    expect(parseRateLimit({ "x-rate-limit-limit": "100", "x-rate-limit-remaining": "3", "x-rate-limit-reset": "1767226500" }, now)).toEqual(
      {
        limit: 100,
        remaining: 3,
        resetAt: new Date(1_767_226_500_000),
      },
    );
  });

  it("reads Mastodon's X-RateLimit-* (reset as ISO 8601)", () => {
    const rl = parseRateLimit(
      { "x-ratelimit-limit": "300", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "2026-01-01T00:05:00.000Z" },
      now,
    );
    expect(rl).toEqual({ limit: 300, remaining: 0, resetAt: new Date("2026-01-01T00:05:00.000Z") });
  });

  it("reads Retry-After in seconds or as a date", () => {
    expect(parseRateLimit({ "retry-after": "30" }, now)).toEqual({ resetAt: new Date(now + 30_000) });
    expect(parseRateLimit({ "retry-after": "Thu, 01 Jan 2026 00:01:00 GMT" }, now)?.resetAt).toEqual(new Date(now + 60_000));
  });

  it("reads Meta's usage headers as a percentage and minutes to regain access", () => {
    const buc = JSON.stringify({
      "1234": [{ type: "pages", call_count: 100, total_cputime: 12, total_time: 20, estimated_time_to_regain_access: 5 }],
    });
    expect(
      parseRateLimit({ "x-business-use-case-usage": buc, "x-app-usage": '{"call_count":40,"total_cputime":1,"total_time":2}' }, now),
    ).toEqual({
      usedPercent: 100,
      resetAt: new Date(now + 5 * 60_000),
    });
    expect(parseRateLimit({ "x-app-usage": "not json" }, now)).toBeNull();
  });

  it("returns null when a network sends nothing", () => {
    expect(parseRateLimit({ "content-type": "application/json" }, now)).toBeNull();
  });
});
