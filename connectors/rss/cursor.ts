import { createHash } from "node:crypto";
import { z } from "zod";
import { ConnectorError } from "../errors.js";
import type { Validators } from "./fetchFeed.js";

/**
 * Where a reader of a feed left off. A feed has no older pages: the cursor says what was seen, so the
 * next poll returns only what is new, and carries the feed's ETag/Last-Modified for a conditional GET.
 */
const cursorSchema = z.object({
  v: z.literal(1),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** Short hashes of the ids of items already returned (or present when reading began). */
  seen: z.array(z.string()).max(1000),
});
export type FeedCursor = z.infer<typeof cursorSchema>;

/** Feeds list tens of items; a few hundred ids cover the longest. */
const MAX_SEEN = 500;

export const seenKey = (id: string) => createHash("sha256").update(id).digest("base64url").slice(0, 12);

export function encodeCursor(seen: Iterable<string>, validators: Validators): string {
  const cursor: FeedCursor = { v: 1, ...validators, seen: [...new Set(seen)].slice(0, MAX_SEEN) };
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(cursor: string | null): FeedCursor | null {
  if (cursor === null) return null;
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new ConnectorError("rejected", "RSS: this feed cursor is not valid; start reading again without one.", { network: "rss" });
  }
}
