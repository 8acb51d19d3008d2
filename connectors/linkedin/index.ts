import type { Connector } from "../types.js";
import { createLinkedInClient } from "./api.js";
import { linkedInOAuth, refreshLinkedIn } from "./auth.js";
import { LINKEDIN_ENDPOINTS, LINKEDIN_SCOPES, type LinkedInEndpoints } from "./endpoints.js";
import { LINKEDIN_METRICS } from "./metrics.js";

const MB = 1024 * 1024;

export function createLinkedInConnector(endpoints: LinkedInEndpoints = LINKEDIN_ENDPOINTS): Connector {
  return {
    id: "linkedin",
    displayName: "LinkedIn",
    selfHosted: false,
    capabilities: {
      publishText: true,
      publishMedia: false,
      publishThread: false,
      delete: true,
      readMentions: false,
      readComments: true,
      readDirectMessages: false,
      reply: false,
      // Page (organization) statistics; a member profile has none through this API.
      metrics: true,
      search: false,
    },
    constraints: {
      text: { maxLength: 3000, counting: "code-points", optional: false },
      media: {
        required: false,
        maxCount: 20,
        types: { "image/jpeg": 36 * MB, "image/png": 36 * MB, "image/gif": 36 * MB, "video/mp4": 500 * MB },
      },
    },
    auth: { kind: "oauth2", pkce: false, scopes: LINKEDIN_SCOPES, refresh: "reusable", appRegistration: "operator" },
    rateLimits: {
      source: "quota",
      windows: [
        { applies: "POST /rest/posts (per member)", limit: 150, windowSeconds: 86_400, scope: "user" },
        { applies: "POST /rest/posts (per app)", limit: 100_000, windowSeconds: 86_400, scope: "app" },
      ],
      notes: "Daily quotas, reset at midnight UTC, visible only in the Developer Portal's analytics; a 429 carries no reset header.",
    },
    reconciliation: { kind: "lookup" },
    oauth: linkedInOAuth(endpoints),
    metrics: LINKEDIN_METRICS,
    createClient: (context) =>
      createLinkedInClient(context, endpoints, (latest) => refreshLinkedIn(endpoints, context.app, latest, context.http)),
  };
}

export const linkedInConnector = createLinkedInConnector();
