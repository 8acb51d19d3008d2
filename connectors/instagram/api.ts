import { parseBody } from "../call.js";
import { ConnectorError } from "../errors.js";
import { graphUrl, type MetaEndpoints } from "../meta/endpoints.js";
import { graphCaller, nextCursor, unixSeconds } from "../meta/graph.js";
import { sameText } from "../text/match.js";
import type { ConnectorClient, ConnectorContext } from "../types.js";
import { commentList, igUser, mediaList, toComment, toMention, toProfile } from "./mapping.js";
import { readInstagramMetrics } from "./metrics.js";
import { publishToInstagram } from "./publish.js";

/** No delete: the Instagram Graph API documents no way to delete published media. */
export function createInstagramClient(context: ConnectorContext, endpoints: MetaEndpoints): ConnectorClient {
  const call = graphCaller(context, "instagram");
  const url = (path: string) => graphUrl(endpoints, path);
  const igUserId = () => {
    const id = context.account.externalId;
    if (!id) throw new ConnectorError("rejected", "An Instagram account needs its Instagram user id.", { network: "instagram" });
    return id;
  };

  return {
    async verifyCredentials() {
      const res = await call({ method: "GET", url: url(igUserId()), query: { fields: "id,username,name" }, operation: "verify" });
      return toProfile(parseBody(igUser, res, "instagram"));
    },
    publish: (post) => publishToInstagram(call, endpoints, igUserId(), post),
    async findPublished(post, { since }) {
      const query = { fields: "id,caption,permalink,timestamp", since: unixSeconds(since), limit: 25 };
      const res = await call({ method: "GET", url: url(`${igUserId()}/media`), query, operation: "findPublished" });
      const found = parseBody(mediaList, res, "instagram").data.find((m) => sameText(m.caption ?? "", post.text));
      return found ? { remoteId: found.id, url: found.permalink ?? null } : null;
    },
    async readMentions(cursor, options) {
      const query = { fields: "id,caption,permalink,timestamp,username", limit: options?.limit ?? 25, after: cursor ?? undefined };
      const res = await call({ method: "GET", url: url(`${igUserId()}/tags`), query, operation: "readMentions" });
      const body = parseBody(mediaList, res, "instagram");
      return { items: body.data.map(toMention), nextCursor: nextCursor(body.paging) };
    },
    async readComments(mediaId, cursor, options) {
      const query = { fields: "id,text,timestamp,username,from", limit: options?.limit ?? 25, after: cursor ?? undefined };
      const res = await call({ method: "GET", url: url(`${encodeURIComponent(mediaId)}/comments`), query, operation: "readComments" });
      const body = parseBody(commentList, res, "instagram");
      return { items: body.data.map((c) => toComment(c, mediaId)), nextCursor: nextCursor(body.paging) };
    },
    readMetrics: async ({ posts }) => readInstagramMetrics(call, url, igUserId(), posts),
  };
}
