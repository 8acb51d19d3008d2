import type { RateLimitModel } from "../types.js";

/** Meta reports usage as percentages (X-App-Usage, X-Business-Use-Case-Usage) rather than counts. */
export const META_RATE_LIMITS: Record<"facebook" | "instagram", RateLimitModel> = {
  facebook: {
    source: "usage",
    windows: [{ applies: "Page calls (business use case)", limit: 4800, windowSeconds: 86_400, scope: "page" }],
    notes:
      "Page calls are limited to 4,800 × the Page's engaged users per rolling 24 h; app calls to 200 × users per hour. Responses carry usage percentages and, when throttled, minutes until access returns.",
  },
  instagram: {
    source: "usage",
    windows: [
      { applies: "posts published through the API", limit: 100, windowSeconds: 86_400, scope: "account" },
      { applies: "Graph calls", limit: 200, windowSeconds: 3600, scope: "account" },
    ],
    notes:
      "100 API-published posts per rolling 24 h (GET /{ig-user-id}/content_publishing_limit); calls limited per account per hour; usage headers as for Facebook.",
  },
};
