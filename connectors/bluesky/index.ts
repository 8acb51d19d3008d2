import type { Connector } from "../types.js";
import { createBlueskyClient } from "./api.js";
import { serviceUrlOf } from "./endpoints.js";
import { IMAGE_TYPES, MAX_IMAGE_BYTES, MAX_IMAGES } from "./media.js";
import { BLUESKY_METRICS } from "./metrics.js";

const YEAR_SECONDS = 365 * 24 * 3600;

export const blueskyConnector: Connector = {
  id: "bluesky",
  displayName: "Bluesky",
  // Accounts live on a PDS: Bluesky's own (https://bsky.social, the default) or one the organisation runs.
  selfHosted: true,
  baseUrlOf: (url) => serviceUrlOf(url),
  capabilities: {
    publishText: true,
    publishMedia: true,
    publishThread: true,
    delete: true,
    // Notifications (mentions, replies, quotes) and search come from Bluesky's AppView, through the account's PDS.
    readMentions: true,
    // Replies under the account's posts, read from the post's thread (getPostThread).
    readComments: true,
    readDirectMessages: false,
    // An answer to anyone's post is a post with `inReplyTo`, as a thread's parts are (the PDS fetches a
    // post on another PDS from the AppView to learn its thread's root).
    reply: true,
    // Followers, likes, replies, reposts and quotes: counts without impressions.
    metrics: true,
    search: true,
  },
  constraints: {
    // Not optional: an image without text is fine (checkPost asks for text only when there is no media).
    text: { maxLength: 300, counting: "graphemes", optional: false },
    media: {
      required: false,
      maxCount: MAX_IMAGES,
      types: Object.fromEntries(IMAGE_TYPES.map((type) => [type, MAX_IMAGE_BYTES])),
      // The Bluesky app's limit (the lexicon sets none).
      altText: { maxLength: 2000, required: false },
    },
  },
  auth: { kind: "app_password" },
  rateLimits: {
    source: "headers",
    windows: [
      { applies: "com.atproto.server.createSession (signing in)", limit: 30, windowSeconds: 300, scope: "account" },
      { applies: "com.atproto.server.createSession (signing in)", limit: 300, windowSeconds: 86_400, scope: "account" },
      { applies: "record writes (create 3, update 2, delete 1 points)", limit: 5000, windowSeconds: 3600, scope: "account" },
      { applies: "record writes (create 3, update 2, delete 1 points)", limit: 35_000, windowSeconds: 86_400, scope: "account" },
      { applies: "all requests from one IP address", limit: 3000, windowSeconds: 300, scope: "app" },
    ],
    notes:
      "Limits of Bluesky's PDS; a self-hosted PDS may differ. RateLimit-Limit/-Remaining/-Reset on responses are authoritative; sessions are kept in memory so jobs do not sign in each time.",
  },
  // The record key is derived from the idempotency key: publishing again finds the post already there, for as long as it exists.
  reconciliation: { kind: "idempotency-key", windowSeconds: YEAR_SECONDS },
  metrics: BLUESKY_METRICS,
  createClient: createBlueskyClient,
};
