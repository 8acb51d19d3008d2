import { META_ENDPOINTS, type MetaEndpoints } from "../meta/endpoints.js";
import { META_RATE_LIMITS } from "../meta/rateLimits.js";
import type { Connector } from "../types.js";
import { createInstagramClient } from "./api.js";
import { INSTAGRAM_SCOPES, instagramOAuth } from "./auth.js";
import { INSTAGRAM_METRICS } from "./metrics.js";

const MB = 1024 * 1024;

export function createInstagramConnector(endpoints: MetaEndpoints = META_ENDPOINTS): Connector {
  return {
    id: "instagram",
    displayName: "Instagram",
    selfHosted: false,
    capabilities: {
      publishText: false,
      publishMedia: true,
      publishThread: false,
      delete: false,
      readMentions: true,
      readComments: true,
      readDirectMessages: false,
      reply: false,
      metrics: true,
      search: false,
    },
    constraints: {
      text: { maxLength: 2200, counting: "code-points", optional: true },
      // JPEG only, fetched by Instagram from a public URL; up to 10 in a carousel. (Video and reels: not yet.)
      media: { required: true, maxCount: 10, types: { "image/jpeg": 8 * MB } },
      maxHashtags: 30,
      maxMentions: 20,
    },
    auth: { kind: "oauth2", pkce: false, scopes: INSTAGRAM_SCOPES, refresh: "none", appRegistration: "operator" },
    rateLimits: META_RATE_LIMITS.instagram,
    reconciliation: { kind: "lookup" },
    oauth: instagramOAuth(endpoints),
    metrics: INSTAGRAM_METRICS,
    createClient: (context) => createInstagramClient(context, endpoints),
  };
}

export const instagramConnector = createInstagramConnector();
