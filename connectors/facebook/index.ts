import { META_ENDPOINTS, type MetaEndpoints } from "../meta/endpoints.js";
import { META_RATE_LIMITS } from "../meta/rateLimits.js";
import type { Connector } from "../types.js";
import { createFacebookClient } from "./api.js";
import { FACEBOOK_SCOPES, facebookOAuth } from "./auth.js";
import { FACEBOOK_METRICS } from "./metrics.js";

const MB = 1024 * 1024;

export function createFacebookConnector(endpoints: MetaEndpoints = META_ENDPOINTS): Connector {
  return {
    id: "facebook",
    displayName: "Facebook Page",
    selfHosted: false,
    capabilities: {
      publishText: true,
      publishMedia: false,
      publishThread: false,
      delete: true,
      readMentions: true,
      readComments: true,
      readDirectMessages: false,
      reply: false,
      metrics: true,
      search: false,
    },
    constraints: {
      text: { maxLength: 63_206, counting: "code-points", optional: false },
      media: {
        required: false,
        maxCount: 10,
        types: { "image/jpeg": 10 * MB, "image/png": 10 * MB, "image/gif": 10 * MB, "video/mp4": 1024 * MB },
      },
    },
    auth: { kind: "oauth2", pkce: false, scopes: FACEBOOK_SCOPES, refresh: "none", appRegistration: "operator" },
    rateLimits: META_RATE_LIMITS.facebook,
    reconciliation: { kind: "lookup" },
    oauth: facebookOAuth(endpoints),
    metrics: FACEBOOK_METRICS,
    createClient: (context) => createFacebookClient(context, endpoints),
  };
}

export const facebookConnector = createFacebookConnector();
