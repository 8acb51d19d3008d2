import { parseBody } from "../call.js";
import { graphUrl, type MetaEndpoints } from "../meta/endpoints.js";
import { graphCaller, nextCursor } from "../meta/graph.js";
import { type ListAccounts, metaOAuth } from "../meta/oauth.js";
import { memoryTokenKeeper } from "../tokens.js";
import type { GrantedAccount } from "../types.js";
import { pagesWithInstagram, toProfile } from "./mapping.js";

export const INSTAGRAM_SCOPES = [
  "instagram_basic",
  "instagram_content_publish",
  "instagram_manage_comments",
  // Media insights (views, shares, interactions); without it only like and comment counts are read.
  "instagram_manage_insights",
  "pages_show_list",
  "pages_read_engagement",
] as const;

/** Instagram professional accounts linked to the person's Pages; each acts with its Page's token. */
const listInstagramAccounts =
  (endpoints: MetaEndpoints): ListAccounts =>
  async (userToken, app, http) => {
    const credentials = { accessToken: userToken };
    const call = graphCaller({ account: {}, app, credentials, http, tokens: memoryTokenKeeper(credentials) }, "instagram");
    const accounts: GrantedAccount[] = [];
    let after: string | null = null;
    do {
      const query = { fields: "id,access_token,instagram_business_account{id,username,name}", limit: 100, after: after ?? undefined };
      const res = await call({ method: "GET", url: graphUrl(endpoints, "me/accounts"), query, operation: "oauth.accounts" });
      const body = parseBody(pagesWithInstagram, res, "instagram");
      for (const p of body.data) {
        if (p.instagram_business_account)
          accounts.push({ profile: toProfile(p.instagram_business_account), credentials: { accessToken: p.access_token } });
      }
      after = nextCursor(body.paging);
    } while (after);
    return accounts;
  };

export const instagramOAuth = (endpoints: MetaEndpoints) =>
  metaOAuth("instagram", endpoints, INSTAGRAM_SCOPES, listInstagramAccounts(endpoints));
