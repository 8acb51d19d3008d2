import { AppError } from "../errors.js";

/**
 * A fixed-window counter per key (client address), in this process's memory. The conversion endpoints
 * are public, so this caps what one address can make us do; with several processes each has its own
 * window (the limit is per process: a proxy in front should limit too). Written by hand because it is
 * ten lines and the only public write route that needs it.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Throws 429 `rate_limited` once `key` has used its allowance in the current window. */
  take(key: string, now = Date.now()): void {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.sweep(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    if (w.count > this.max) {
      const retryAfter = Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
      throw new AppError(429, "rate_limited", "Too many conversions from this address. Try again later.", {
        headers: { "retry-after": String(retryAfter) },
        details: { retryAfterSeconds: retryAfter },
      });
    }
  }

  private sweep(now: number) {
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
  }
}
