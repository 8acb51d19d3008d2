import type { Connector } from "../types.js";
import { createXClient } from "./api.js";
import { refreshX, xOAuth } from "./auth.js";
import { X_ENDPOINTS, X_SCOPES, type XEndpoints } from "./endpoints.js";
import { X_METRICS } from "./metrics.js";

const MB = 1024 * 1024;

export function createXConnector(endpoints: XEndpoints = X_ENDPOINTS): Connector {
  const oauth = xOAuth(endpoints);
  return {
    id: "x",
    displayName: "X (Twitter)",
    selfHosted: false,
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
      metrics: true,
      search: false,
    },
    constraints: {
      text: { maxLength: 280, counting: "x-weighted", optional: false },
      media: {
        required: false,
        maxCount: 4,
        types: { "image/jpeg": 5 * MB, "image/png": 5 * MB, "image/webp": 5 * MB, "image/gif": 15 * MB, "video/mp4": 512 * MB },
        // POST /2/media/metadata: alt_text.text, at most 1,000 characters.
        altText: { maxLength: 1000, required: false },
      },
    },
    auth: { kind: "oauth2", pkce: true, scopes: X_SCOPES, refresh: "rotating", appRegistration: "operator" },
    rateLimits: {
      source: "headers",
      windows: [
        { applies: "POST /2/tweets", limit: 100, windowSeconds: 900, scope: "user" },
        { applies: "GET /2/users/:id/mentions", limit: 300, windowSeconds: 900, scope: "user" },
      ],
      notes:
        "Limits depend on the app's access tier (the Free tier allows a handful of posts a day); x-rate-limit-* headers on every response are authoritative.",
    },
    reconciliation: { kind: "lookup" },
    metrics: X_METRICS,
    oauth,
    createClient: (context) => createXClient(context, endpoints, (latest) => refreshX(endpoints, context.app, latest, context.http)),
  };
}

export const xConnector = createXConnector();
