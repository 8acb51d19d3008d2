import { type Caller, createCaller, parseBody } from "../call.js";
import { ConnectorError, isConnectorError } from "../errors.js";
import { createSession } from "../session.js";
import { sameText } from "../text/match.js";
import type { ConnectorClient, ConnectorContext, Credentials, Profile } from "../types.js";
import type { LinkedInEndpoints } from "./endpoints.js";
import { mapLinkedInError } from "./errors.js";
import {
  comments,
  fromCommentary,
  memberProfile,
  organization,
  organizationId,
  organizationProfile,
  posts,
  postUrl,
  toComment,
  toCommentary,
  userinfo,
} from "./mapping.js";
import { readLinkedInMetrics } from "./metrics.js";

export function linkedInCaller(
  context: ConnectorContext,
  endpoints: LinkedInEndpoints,
  refresh?: (c: Credentials) => Promise<Credentials>,
): Caller {
  return createCaller({
    network: "linkedin",
    http: context.http,
    session: createSession(context, refresh),
    authorize: (token) => ({
      headers: { authorization: `Bearer ${token}`, "linkedin-version": endpoints.version, "x-restli-protocol-version": "2.0.0" },
    }),
    mapError: mapLinkedInError,
  });
}

export async function fetchProfile(call: Caller, endpoints: LinkedInEndpoints, authorUrn: string | undefined): Promise<Profile> {
  const orgId = authorUrn ? organizationId(authorUrn) : undefined;
  if (orgId) {
    const res = await call({ method: "GET", url: new URL(`/rest/organizations/${orgId}`, endpoints.api), operation: "verify" });
    return organizationProfile(parseBody(organization, res, "linkedin"));
  }
  const res = await call({ method: "GET", url: new URL("/v2/userinfo", endpoints.api), operation: "verify" });
  return memberProfile(parseBody(userinfo, res, "linkedin"));
}

export function createLinkedInClient(
  context: ConnectorContext,
  endpoints: LinkedInEndpoints,
  refresh: (c: Credentials) => Promise<Credentials>,
): ConnectorClient {
  const call = linkedInCaller(context, endpoints, refresh);
  const rest = (path: string) => new URL(path, endpoints.api);
  const author = () => {
    const urn = context.account.externalId;
    if (!urn)
      throw new ConnectorError("rejected", "A LinkedIn account needs its author URN (urn:li:person:… or urn:li:organization:…).", {
        network: "linkedin",
      });
    return urn;
  };

  return {
    verifyCredentials: () => fetchProfile(call, endpoints, context.account.externalId),
    async publish(post) {
      const json = {
        author: author(),
        commentary: toCommentary(post.text),
        visibility: "PUBLIC",
        distribution: { feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] },
        lifecycleState: "PUBLISHED",
        isReshareDisabledByAuthor: false,
      };
      const res = await call({ method: "POST", url: rest("/rest/posts"), json, operation: "publish" });
      const urn = res.headers["x-restli-id"];
      // Created (201) but no id: the post exists and we cannot point at it.
      if (!urn)
        throw new ConnectorError("unknown_outcome", "LinkedIn created the post but did not say its id.", {
          network: "linkedin",
          status: res.status,
        });
      return { remoteId: urn, url: postUrl(urn) };
    },
    async delete(remoteId) {
      try {
        await call({
          method: "DELETE",
          url: rest(`/rest/posts/${encodeURIComponent(remoteId)}`),
          headers: { "x-restli-method": "DELETE" },
          operation: "delete",
        });
      } catch (error) {
        if (!isConnectorError(error, "not_found")) throw error;
      }
    },
    async findPublished(post) {
      const query = { q: "author", author: author(), count: 20, sortBy: "CREATED" };
      const res = await call({
        method: "GET",
        url: rest("/rest/posts"),
        query,
        headers: { "x-restli-method": "FINDER" },
        operation: "findPublished",
      });
      const found = parseBody(posts, res, "linkedin").elements.find((p) => sameText(fromCommentary(p.commentary ?? ""), post.text));
      return found ? { remoteId: found.id, url: postUrl(found.id) } : null;
    },
    async readComments(postUrn, cursor, options) {
      const count = Math.min(100, options?.limit ?? 20);
      const start = cursor ? Number(cursor) : 0;
      const res = await call({
        method: "GET",
        url: rest(`/rest/socialActions/${encodeURIComponent(postUrn)}/comments`),
        query: { start, count },
        operation: "readComments",
      });
      const page = parseBody(comments, res, "linkedin");
      const next = page.paging.start + page.elements.length;
      const more = page.elements.length > 0 && (page.paging.total === undefined || next < page.paging.total);
      return { items: page.elements.map((c) => toComment(c, postUrn)), nextCursor: more ? String(next) : null };
    },
    readMetrics: async ({ posts }) => readLinkedInMetrics(call, endpoints, author(), posts),
  };
}
