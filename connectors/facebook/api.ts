import { parseBody } from "../call.js";
import { ConnectorError, isConnectorError } from "../errors.js";
import { graphUrl, type MetaEndpoints } from "../meta/endpoints.js";
import { graphCaller, nextCursor, unixSeconds } from "../meta/graph.js";
import { sameText } from "../text/match.js";
import type { ConnectorClient, ConnectorContext } from "../types.js";
import { createdPost, entries, page, postUrl, toInbound, toProfile } from "./mapping.js";
import { readFacebookMetrics } from "./metrics.js";

const ENTRY_FIELDS = "id,message,created_time,from,permalink_url";

export function createFacebookClient(context: ConnectorContext, endpoints: MetaEndpoints): ConnectorClient {
  const call = graphCaller(context, "facebook");
  const url = (path: string) => graphUrl(endpoints, path);
  const pageId = () => {
    const id = context.account.externalId;
    if (!id) throw new ConnectorError("rejected", "A Facebook account needs its Page id.", { network: "facebook" });
    return id;
  };

  return {
    async verifyCredentials() {
      const res = await call({ method: "GET", url: url(pageId()), query: { fields: "id,name,username,link" }, operation: "verify" });
      return toProfile(parseBody(page, res, "facebook"));
    },
    async publish(post) {
      const res = await call({ method: "POST", url: url(`${pageId()}/feed`), form: { message: post.text }, operation: "publish" });
      const { id } = parseBody(createdPost, res, "facebook", "unknown_outcome");
      return { remoteId: id, url: postUrl(id) };
    },
    async delete(remoteId) {
      try {
        await call({ method: "DELETE", url: url(encodeURIComponent(remoteId)), operation: "delete" });
      } catch (error) {
        if (!isConnectorError(error, "not_found")) throw error;
      }
    },
    async findPublished(post, { since }) {
      const query = { fields: ENTRY_FIELDS, since: unixSeconds(since), limit: 25 };
      const res = await call({ method: "GET", url: url(`${pageId()}/published_posts`), query, operation: "findPublished" });
      const found = parseBody(entries, res, "facebook").data.find((e) => sameText(e.message ?? "", post.text));
      return found ? { remoteId: found.id, url: found.permalink_url ?? postUrl(found.id) } : null;
    },
    /** Posts by others that tag the Page. */
    async readMentions(cursor, options) {
      const query = { fields: ENTRY_FIELDS, limit: options?.limit ?? 25, after: cursor ?? undefined };
      const res = await call({ method: "GET", url: url(`${pageId()}/tagged`), query, operation: "readMentions" });
      const body = parseBody(entries, res, "facebook");
      return { items: body.data.map((e) => toInbound(e, "mention", null)), nextCursor: nextCursor(body.paging) };
    },
    async readComments(remoteId, cursor, options) {
      const query = { fields: ENTRY_FIELDS, order: "reverse_chronological", limit: options?.limit ?? 25, after: cursor ?? undefined };
      const res = await call({ method: "GET", url: url(`${encodeURIComponent(remoteId)}/comments`), query, operation: "readComments" });
      const body = parseBody(entries, res, "facebook");
      return { items: body.data.map((e) => toInbound(e, "comment", remoteId)), nextCursor: nextCursor(body.paging) };
    },
    readMetrics: async ({ posts }) => readFacebookMetrics(call, url, pageId(), posts),
  };
}
