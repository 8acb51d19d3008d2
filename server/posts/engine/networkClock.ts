/**
 * Time during which at least one network call was in flight. The engine's own cost is the rest of a
 * pass: what the benchmark reports as overhead, and what an operator reads in the worker's log.
 */
export class NetworkClock {
  private inFlight = 0;
  private since = 0;
  /** Milliseconds with a network call outstanding, since this clock was made. */
  busyMs = 0;

  async time<T>(call: () => Promise<T>): Promise<T> {
    if (this.inFlight++ === 0) this.since = performance.now();
    try {
      return await call();
    } finally {
      if (--this.inFlight === 0) this.busyMs += performance.now() - this.since;
    }
  }
}
