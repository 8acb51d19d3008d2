import type { Connector } from "../types.js";
import { createWordPressClient, siteUrlOf } from "./api.js";

const MB = 1024 * 1024;

export const wordPressConnector: Connector = {
  id: "wordpress",
  displayName: "WordPress",
  selfHosted: true,
  baseUrlOf: siteUrlOf,
  capabilities: {
    publishText: true,
    publishMedia: true,
    publishThread: false,
    delete: true,
    readMentions: false,
    readComments: true,
    readDirectMessages: false,
    // Answers to comments, as comments under the same post.
    reply: true,
    metrics: false,
    search: false,
  },
  constraints: {
    // Posts are articles: no practical limit. The first line becomes the title (connectors/text/article.ts).
    text: { maxLength: 100_000, counting: "graphemes", optional: false },
    // One featured image. The real limit is the site's upload_max_filesize, often lower: the site's refusal is shown.
    media: {
      required: false,
      maxCount: 1,
      types: { "image/jpeg": 8 * MB, "image/png": 8 * MB, "image/gif": 8 * MB, "image/webp": 8 * MB },
    },
  },
  auth: { kind: "app_password" },
  rateLimits: {
    source: "quota",
    windows: [],
    notes: "WordPress itself has no API rate limits. Hosts and security plugins may add their own; a 429 with Retry-After is honoured.",
  },
  // No idempotency key: a post whose publish went unanswered is looked for among the user's recent posts.
  reconciliation: { kind: "lookup" },
  createClient: createWordPressClient,
};
