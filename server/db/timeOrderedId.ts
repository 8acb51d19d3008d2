import { randomUUID } from "node:crypto";

let lastMs = 0;
let sequence = 0;

/**
 * A UUID version 7 (RFC 9562): the time in milliseconds first, then a counter within the millisecond,
 * then random bits. Rows inserted in time order land at the end of the primary-key index instead of at
 * random places in it, which keeps bulk inserts (the inbox takes thousands a second) fast.
 */
export function timeOrderedId(now = Date.now()): string {
  if (now <= lastMs) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMs++;
  } else {
    lastMs = now;
    sequence = 0;
  }
  const time = lastMs.toString(16).padStart(12, "0");
  // randomUUID draws from a pooled buffer: far cheaper than randomBytes per id. Its last 17
  // characters keep their variant bits and random payload.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${sequence.toString(16).padStart(3, "0")}-${randomUUID().slice(19)}`;
}
