/** Where X lives. Tests point these at a local stand-in; nothing else should change them. */
export interface XEndpoints {
  api: string;
  authorize: string;
}

export const X_ENDPOINTS: XEndpoints = { api: "https://api.x.com", authorize: "https://x.com/i/oauth2/authorize" };

export const X_SCOPES = ["tweet.read", "tweet.write", "users.read", "offline.access"] as const;
