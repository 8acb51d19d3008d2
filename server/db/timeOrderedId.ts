import { randomFillSync } from "node:crypto";

let lastMs = 0;
let sequence = 0;
/** The id's first 14 characters for `lastMs` ("tttttttt-tttt-"), made once per millisecond. */
let timePart = "";

// Random hex drawn in bulk, 16 characters (8 bytes) an id: one crypto call per 512 ids instead of one per id.
const POOL_IDS = 512;
const pool = Buffer.alloc(POOL_IDS * 8);
let hex = "";
let used = POOL_IDS;

function randomHex16(): string {
  if (used === POOL_IDS) {
    hex = randomFillSync(pool).toString("hex");
    used = 0;
  }
  const at = used++ * 16;
  return hex.slice(at, at + 16);
}

const VARIANT = ["8", "9", "a", "b"];

/**
 * A UUID version 7 (RFC 9562): the time in milliseconds first, then a counter within the millisecond,
 * then random bits. Rows inserted in time order land at the end of the primary-key index instead of at
 * random places in it, which keeps bulk inserts (the inbox takes thousands a second) fast.
 */
export function timeOrderedId(now = Date.now()): string {
  if (now <= lastMs) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) {
      lastMs++;
      timePart = "";
    }
  } else {
    lastMs = now;
    sequence = 0;
    timePart = "";
  }
  if (timePart === "") {
    const time = lastMs.toString(16).padStart(12, "0");
    timePart = `${time.slice(0, 8)}-${time.slice(8, 12)}-`;
  }
  // 62 random bits: 2 in the variant's character (10xx), 60 in the 15 hex characters after it.
  const random = randomHex16();
  const variant = VARIANT[Number.parseInt(random[0] as string, 16) & 3] as string;
  return `${timePart}7${sequence.toString(16).padStart(3, "0")}-${variant}${random.slice(1, 4)}-${random.slice(4, 16)}`;
}
