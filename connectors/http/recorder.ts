import type { RequestRecord } from "./types.js";

/** A bounded ring of request records, plus an optional callback (e.g. the server's debug log). */
export function createRecorder(limit: number, onRecord?: (record: RequestRecord) => void) {
  const ring: RequestRecord[] = [];
  let next = 0;
  return {
    add(record: RequestRecord) {
      if (limit > 0) {
        if (ring.length < limit) ring.push(record);
        else ring[next] = record;
        next = (next + 1) % limit;
      }
      onRecord?.(record);
    },
    recent(): readonly RequestRecord[] {
      return ring.length < limit ? [...ring] : [...ring.slice(next), ...ring.slice(0, next)];
    },
  };
}
