import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a signed request's timestamp may be from our clock: replays older than this are refused. */
export const SIGNATURE_WINDOW_S = 300;

/** `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<raw body>"), as the website computes it. */
export const signConversion = (secret: string, timestamp: string, body: Buffer | string) =>
  `sha256=${createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex")}`;

export type SignatureCheck = "ok" | "missing" | "stale" | "mismatch";

/** Checks the timestamp window first (cheap), then the signature in constant time. */
export function checkSignature(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  body: Buffer,
  nowMs = Date.now(),
): SignatureCheck {
  if (!timestamp || !signature) return "missing";
  if (!/^\d{1,12}$/.test(timestamp)) return "stale";
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_S) return "stale";
  const expected = Buffer.from(signConversion(secret, timestamp, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? "ok" : "mismatch";
}
