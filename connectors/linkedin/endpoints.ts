/** Where LinkedIn lives. Tests point these at a local stand-in. */
export interface LinkedInEndpoints {
  api: string;
  oauth: string;
  /**
   * The Posts API version (LinkedIn-Version: YYYYMM). LinkedIn keeps a version for about a year, so this is
   * raised at least yearly; an expired one answers 426 NONEXISTENT_VERSION.
   */
  version: string;
}

export const LINKEDIN_ENDPOINTS: LinkedInEndpoints = {
  api: "https://api.linkedin.com",
  oauth: "https://www.linkedin.com/oauth/v2",
  version: "202601",
};

/** Member posting (Share on LinkedIn, Sign In with LinkedIn) and Page posting (Community Management API). */
export const LINKEDIN_SCOPES = [
  "openid",
  "profile",
  "w_member_social",
  "w_organization_social",
  "r_organization_social",
  "rw_organization_admin",
] as const;
