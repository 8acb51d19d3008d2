import type { Connector } from "../types.js";
import { createRssClient } from "./api.js";

const YEAR_SECONDS = 365 * 24 * 3600;

export const rssConnector: Connector = {
  id: "rss",
  displayName: "RSS / Atom feed",
  // The account's address is the feed to read, whole (path and query); nothing to sign in to.
  selfHosted: false,
  capabilities: {
    publishText: true,
    publishMedia: false,
    publishThread: false,
    delete: true,
    readMentions: true,
    readComments: false,
    readDirectMessages: false,
    reply: false,
    metrics: false,
    search: false,
  },
  constraints: {
    // Items are articles: the first line becomes the title (connectors/text/article.ts).
    text: { maxLength: 100_000, counting: "graphemes", optional: false },
    media: { required: false, maxCount: 0, types: {} },
  },
  auth: { kind: "none" },
  rateLimits: {
    source: "quota",
    windows: [],
    notes:
      "Feeds have no API limits. Reads are conditional (ETag, Last-Modified): an unchanged feed answers 304. A 429 with Retry-After is honoured.",
  },
  // Hosted items are keyed by the idempotency key for as long as they exist.
  reconciliation: { kind: "idempotency-key", windowSeconds: 100 * YEAR_SECONDS },
  createClient: createRssClient,
};
