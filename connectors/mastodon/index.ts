import type { Connector } from "../types.js";
import { createMastodonClient } from "./api.js";
import { MASTODON_SCOPES, mastodonOAuth } from "./auth.js";
import { MASTODON_METRICS } from "./metrics.js";

const MB = 1024 * 1024;

export const mastodonConnector: Connector = {
  id: "mastodon",
  displayName: "Mastodon",
  selfHosted: true,
  capabilities: {
    publishText: true,
    publishMedia: false,
    publishThread: true,
    delete: true,
    readMentions: true,
    readComments: false,
    readDirectMessages: false,
    // An answer to anyone's post is a post with \`inReplyTo\`, as a thread's parts are.
    reply: true,
    // Followers, favourites, replies and boosts: counts without impressions.
    metrics: true,
    // Hashtag timelines, and full-text search where the server offers it.
    search: true,
  },
  constraints: {
    // The default limit; servers can raise it (instance configuration: statuses.max_characters).
    text: { maxLength: 500, counting: "mastodon", optional: false },
    media: {
      required: false,
      maxCount: 4,
      types: { "image/jpeg": 16 * MB, "image/png": 16 * MB, "image/gif": 16 * MB, "image/webp": 16 * MB, "video/mp4": 99 * MB },
      // The media description's default limit (instance configuration: media_attachments.description_limit).
      altText: { maxLength: 1500, required: false },
    },
  },
  auth: { kind: "oauth2", pkce: true, scopes: MASTODON_SCOPES, refresh: "none", appRegistration: "per-instance" },
  rateLimits: {
    source: "headers",
    windows: [
      { applies: "all authenticated requests", limit: 300, windowSeconds: 300, scope: "account" },
      { applies: "DELETE /api/v1/statuses/:id", limit: 30, windowSeconds: 1800, scope: "account" },
      { applies: "POST /api/v2/media", limit: 30, windowSeconds: 1800, scope: "account" },
    ],
    notes: "Mastodon's defaults; each server may differ. X-RateLimit-* headers on every response are authoritative.",
  },
  reconciliation: { kind: "idempotency-key", windowSeconds: 3600 },
  metrics: MASTODON_METRICS,
  oauth: mastodonOAuth,
  createClient: createMastodonClient,
};
