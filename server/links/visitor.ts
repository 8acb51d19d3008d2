import { createHmac, hash } from "node:crypto";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The UTC day a salt belongs to, as YYYY-MM-DD. */
export const dayOf = (ms: number) => new Date(ms - (ms % DAY_MS)).toISOString().slice(0, 10);
export const hourStart = (ms: number) => ms - (ms % HOUR_MS);

/**
 * Who clicked, without keeping who they are: HMAC-SHA256 keyed with the day's random salt over the IP
 * address, the user agent and the organisation (our base URL, so two installations never share a
 * visitor). The salt is deleted after two days; from then on no hash can be tied to an address, not
 * even by trying every IPv4 address. 128 bits of it are kept.
 */
export function visitorHash(salt: Buffer, ip: string, userAgent: string, organisation: string): string {
  return createHmac("sha256", salt).update(`${ip}\n${userAgent}\n${organisation}`).digest("hex").slice(0, 32);
}

/**
 * The click's id, derived from (visitor, link, hour) so the same visitor's clicks within the hour are one
 * row (the insert of a repeat does nothing) and get the same id on the destination, where a conversion
 * may quote it. It is shaped as a UUIDv7 whose time is the hour, so rows land near the end of the
 * primary-key index; the rest is hash.
 */
export function clickId(visitor: string, linkId: string, hourMs: number): string {
  const h = hash("sha256", `${visitor}\n${linkId}\n${hourMs}`, "hex");
  const variant = VARIANT[Number.parseInt(h[3] ?? "0", 16) & 0x3];
  return `${timePrefix(hourMs)}-7${h.slice(0, 3)}-${variant}${h.slice(4, 7)}-${h.slice(7, 19)}`;
}

const VARIANT = ["8", "9", "a", "b"];
let prefixHour = Number.NaN;
let prefix = "";
/** The UUID's time fields for the hour (the same for every click of the hour, so made once an hour). */
function timePrefix(hourMs: number): string {
  if (hourMs !== prefixHour) {
    const time = hourMs.toString(16).padStart(12, "0");
    prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}`;
    prefixHour = hourMs;
  }
  return prefix;
}
