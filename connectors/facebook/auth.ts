import { parseBody } from "../call.js";
import { graphUrl, type MetaEndpoints } from "../meta/endpoints.js";
import { graphCaller, nextCursor } from "../meta/graph.js";
import { type ListAccounts, metaOAuth } from "../meta/oauth.js";
import { memoryTokenKeeper } from "../tokens.js";
import type { GrantedAccount } from "../types.js";
import { managedPages, toProfile } from "./mapping.js";

/** read_insights: post impressions and clicks (metrics); without it only the public counts are read. */
export const FACEBOOK_SCOPES = [
  "pages_show_list",
  "pages_manage_posts",
  "pages_read_engagement",
  "pages_read_user_content",
  "read_insights",
] as const;

/** Every Page the person manages, each with its own (non-expiring) Page token. */
export const listPages =
  (endpoints: MetaEndpoints): ListAccounts =>
  async (userToken, app, http) => {
    const credentials = { accessToken: userToken };
    const call = graphCaller({ account: {}, app, credentials, http, tokens: memoryTokenKeeper(credentials) }, "facebook");
    const accounts: GrantedAccount[] = [];
    let after: string | null = null;
    do {
      const query = { fields: "id,name,username,link,access_token", limit: 100, after: after ?? undefined };
      const res = await call({ method: "GET", url: graphUrl(endpoints, "me/accounts"), query, operation: "oauth.accounts" });
      const body = parseBody(managedPages, res, "facebook");
      for (const p of body.data) accounts.push({ profile: toProfile(p), credentials: { accessToken: p.access_token } });
      after = nextCursor(body.paging);
    } while (after);
    return accounts;
  };

export const facebookOAuth = (endpoints: MetaEndpoints) => metaOAuth("facebook", endpoints, FACEBOOK_SCOPES, listPages(endpoints));
