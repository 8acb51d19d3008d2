import { createHash } from "node:crypto";

/** atproto's base32-sortable alphabet (https://atproto.com/specs/tid). */
const ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";
/** Derived times fall in [2023-01-01, +2^46 µs ≈ 2.2 years): in the past, so no key looks like a post from the future. */
const BASE_MICROS = BigInt(Date.UTC(2023, 0, 1)) * 1000n;
const SPAN_MICROS = 1n << 46n;

/**
 * The post's record key, derived from the publish attempt's idempotency key: a retry of the same attempt
 * writes to the same key, so the PDS can refuse a second copy (see `publish`). Posts need a TID-shaped key
 * (53-bit microsecond time, 10-bit clock id). The spec allows any value ("these keys can be specified by the
 * end user"); the post's real time is its `createdAt`. Written by hand: @atproto/api does not export the TID codec.
 */
export function recordKeyFor(idempotencyKey: string): string {
  const digest = createHash("sha256").update(`switchboard:bluesky:${idempotencyKey}`).digest();
  const bits = digest.readBigUInt64BE(0);
  const micros = BASE_MICROS + ((bits >> 10n) % SPAN_MICROS);
  return encodeTid(micros, bits & 1023n);
}

export function encodeTid(micros: bigint, clockId: bigint): string {
  let value = (micros << 10n) | clockId;
  let out = "";
  for (let i = 0; i < 13; i++) {
    out = ALPHABET.charAt(Number(value & 31n)) + out;
    value >>= 5n;
  }
  return out;
}
