import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-switchboard-signature";
export const TIMESTAMP_HEADER = "x-switchboard-timestamp";

/**
 * The signature of a webhook body: `v1=` and the hex HMAC-SHA256, under the webhook's secret, of
 * `<timestamp>.<body>` (the timestamp in Unix seconds, as sent in the timestamp header). Signing the
 * timestamp with the body lets a receiver reject an old request replayed with its valid signature.
 */
export const signBody = (secret: string, timestamp: number, body: string) =>
  `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;

/** What a receiver does (docs/crisis-detection.md shows it); here for tests and for anyone embedding Switchboard. */
export function verifySignature(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  options: { nowMs?: number; toleranceSeconds?: number } = {},
): "ok" | "missing" | "stale" | "mismatch" {
  if (!headers.signature || !headers.timestamp || !/^\d{1,12}$/.test(headers.timestamp)) return "missing";
  const timestamp = Number(headers.timestamp);
  const now = Math.floor((options.nowMs ?? Date.now()) / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return "stale";
  const expected = Buffer.from(signBody(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? "ok" : "mismatch";
}
