/**
 * Adds up the time spent in network calls (each call's own duration, also when calls overlap). The
 * engine's own cost is the rest of the time its work took: what the benchmark reports as overhead,
 * and what an operator reads in the worker's log.
 */
export class NetworkClock {
  /** Milliseconds spent in network calls, summed over calls. */
  callMs = 0;

  async time<T>(call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await call();
    } finally {
      this.callMs += performance.now() - started;
    }
  }
}
