/**
 * A stand-in for LinkedIn, written from LinkedIn's documentation (tests only): 3-legged OAuth with
 * programmatic refresh tokens (same refresh token, shrinking lifetime), /v2/userinfo, organizationAcls,
 * organizations, the versioned Posts API (x-restli-id), socialActions comments paged by start/count,
 * networkSizes (Page followers) and organizationalEntityShareStatistics (lifetime totals per share URN,
 * unknown URNs left out),
 * `{ status, serviceErrorCode, code, message }` errors and no rate-limit headers.
 */
import { createAuthCodes, createTokenStore } from "../../test/oauthStandIn.js";
import { type Reply, type StandInRequest, startStandIn } from "../../test/standIn.js";

export const LINKEDIN_CLIENT = { clientId: "li-client", clientSecret: "li-client-secret-value" };
export const LINKEDIN_REDIRECT = "http://127.0.0.1/api/accounts/oauth/callback";
export const MEMBER = "urn:li:person:abc123";
export const PAGE = "urn:li:organization:2414183";

const fail = (status: number, message: string, code?: string, serviceErrorCode?: number): Reply => ({
  status,
  json: { status, message, code, serviceErrorCode },
});

export async function startLinkedInStandIn() {
  const codes = createAuthCodes();
  const tokens = createTokenStore({ rotate: false });
  const posts: { urn: string; author: string; commentary: string }[] = [];
  const comments = new Map<string, { id: string; actor: string; text: string; time: number }[]>();
  let nextId = 7_100_000_000_000_000_000n;
  const refreshExpiry = Date.now() + 365 * 86_400_000;
  /** Lifetime totalShareStatistics per post URN (zeros when unset), and the Page's follower count. */
  const statistics = new Map<string, Record<string, number>>();
  const page = { followers: 5120 };

  function oauth(req: StandInRequest): Reply {
    if (req.path === "/oauth/v2/authorization") {
      const q = req.query;
      if (q.get("client_id") !== LINKEDIN_CLIENT.clientId || q.get("redirect_uri") !== LINKEDIN_REDIRECT)
        return { status: 400, text: "Bummer, something went wrong." };
      const code = codes.issue({
        clientId: LINKEDIN_CLIENT.clientId,
        redirectUri: LINKEDIN_REDIRECT,
        scope: q.get("scope") ?? "",
        codeChallenge: null,
        subject: "abc123",
      });
      return { status: 302, headers: { location: `${LINKEDIN_REDIRECT}?code=${code}&state=${encodeURIComponent(q.get("state") ?? "")}` } };
    }
    const f = req.form();
    if (f.get("client_id") !== LINKEDIN_CLIENT.clientId || f.get("client_secret") !== LINKEDIN_CLIENT.clientSecret) {
      return { status: 401, json: { error: "invalid_client", error_description: "Client authentication failed" } };
    }
    const issue = (t: { accessToken: string; refreshToken: string; scope: string }): Reply => ({
      status: 200,
      json: {
        access_token: t.accessToken,
        expires_in: 5_184_000,
        refresh_token: t.refreshToken,
        refresh_token_expires_in: Math.floor((refreshExpiry - Date.now()) / 1000),
        scope: t.scope.split(" ").join(","),
      },
    });
    if (f.get("grant_type") === "refresh_token") {
      const t = tokens.redeemRefresh(f.get("refresh_token") ?? "");
      return t ? issue(t) : { status: 400, json: { error: "invalid_request", error_description: "The provided refresh token is invalid" } };
    }
    const grant = codes.redeem(f.get("code") ?? "", f.get("redirect_uri") ?? "", null);
    if (grant === "invalid") {
      return {
        status: 400,
        json: {
          error: "invalid_request",
          error_description:
            "Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired.",
        },
      };
    }
    return issue(tokens.issue(grant.subject, grant.scope));
  }

  function api(req: StandInRequest, subject: string): Reply {
    if (req.path === "/v2/userinfo")
      return { status: 200, json: { sub: subject, name: "Grace Hopper", given_name: "Grace", family_name: "Hopper" } };
    const version = req.headers["linkedin-version"];
    if (!version)
      return fail(400, "A version must be present. Please specify a version by adding the LinkedIn-Version header.", "VERSION_MISSING");
    if (!/^20\d{4}$/.test(String(version))) return fail(426, `Requested version ${version} is not active`, "NONEXISTENT_VERSION");
    if (req.path === "/rest/organizationAcls")
      return {
        status: 200,
        json: {
          elements: [{ organization: PAGE, role: "ADMINISTRATOR", state: "APPROVED", roleAssignee: MEMBER }],
          paging: { start: 0, count: 10 },
        },
      };
    if (req.path === "/rest/organizations/2414183")
      return { status: 200, json: { id: 2414183, localizedName: "Switchboard Inc.", vanityName: "switchboard" } };
    if (req.path === "/rest/posts" && req.method === "POST") {
      if (req.headers["x-restli-protocol-version"] !== "2.0.0") return fail(400, "Invalid Rest.li protocol version");
      const body = req.json() as { author?: string; commentary?: string; lifecycleState?: string };
      if (body.author !== MEMBER && body.author !== PAGE)
        return fail(403, `Not enough permissions to access: partnerApiPostsExternal.CREATE.${version}`, "ACCESS_DENIED", 100);
      if (!body.commentary) return fail(422, "ERROR :: /commentary :: field is required but not found and has no default value");
      const dup = posts.find((p) => p.author === body.author && p.commentary === body.commentary);
      if (dup) return fail(422, `Content is a duplicate of ${dup.urn}`, "DUPLICATE_POST");
      nextId += 1n;
      const urn = `urn:li:share:${nextId}`;
      posts.push({ urn, author: body.author, commentary: body.commentary });
      return { status: 201, headers: { "x-restli-id": urn } };
    }
    if (req.path === "/rest/posts" && req.method === "GET") {
      const mine = posts.filter((p) => p.author === req.query.get("author")).reverse();
      return {
        status: 200,
        json: { elements: mine.map((p) => ({ id: p.urn, author: p.author, commentary: p.commentary })), paging: { start: 0, count: 20 } },
      };
    }
    const one = /^\/rest\/posts\/(.+)$/.exec(req.path);
    if (one?.[1] && req.method === "DELETE") {
      const i = posts.findIndex((p) => p.urn === decodeURIComponent(one[1] ?? ""));
      if (i < 0) return fail(404, "Not Found");
      posts.splice(i, 1);
      return { status: 204 };
    }
    const size = /^\/rest\/networkSizes\/(.+)$/.exec(req.path);
    if (size?.[1] && req.method === "GET") {
      if (req.query.get("edgeType") !== "COMPANY_FOLLOWED_BY_MEMBER") return fail(400, "Invalid edgeType");
      if (decodeURIComponent(size[1]) !== PAGE)
        return fail(403, "Not enough permissions to access: networkSizes.GET", "ACCESS_DENIED", 100);
      return { status: 200, json: { firstDegreeSize: page.followers } };
    }
    if (req.path === "/rest/organizationalEntityShareStatistics" && req.method === "GET") {
      if (req.query.get("q") !== "organizationalEntity") return fail(400, "Invalid query parameters passed to request");
      if (req.query.get("organizationalEntity") !== PAGE)
        return fail(
          403,
          "Not enough permissions to access: organizationalEntityShareStatistics.FINDER-organizationalEntity",
          "ACCESS_DENIED",
          100,
        );
      const list = (name: string) => {
        const raw = req.query.get(name);
        if (raw === null) return [];
        const inner = /^List\((.*)\)$/.exec(raw)?.[1];
        return inner === undefined ? null : inner.split(",").filter(Boolean);
      };
      const shares = list("shares");
      const ugcPosts = list("ugcPosts");
      if (!shares || !ugcPosts) return fail(400, "Invalid Rest.li list syntax");
      const zero = {
        impressionCount: 0,
        uniqueImpressionsCount: 0,
        clickCount: 0,
        likeCount: 0,
        commentCount: 0,
        shareCount: 0,
        engagement: 0,
      };
      const known = (urn: string) => posts.some((p) => p.urn === urn && p.author === PAGE);
      const element = (key: "share" | "ugcPost", urn: string) => ({
        organizationalEntity: PAGE,
        [key]: urn,
        totalShareStatistics: statistics.get(urn) ?? zero,
      });
      const elements = [
        ...shares.filter(known).map((urn) => element("share", urn)),
        ...ugcPosts.filter(known).map((urn) => element("ugcPost", urn)),
      ];
      return { status: 200, json: { elements, paging: { start: 0, count: 10, links: [] } } };
    }
    const social = /^\/rest\/socialActions\/(.+)\/comments$/.exec(req.path);
    if (social?.[1] && req.method === "GET") {
      const all = comments.get(decodeURIComponent(social[1])) ?? [];
      const start = Number(req.query.get("start") ?? 0);
      const count = Number(req.query.get("count") ?? 10);
      const elements = all
        .slice(start, start + count)
        .map((c) => ({ id: c.id, actor: c.actor, message: { text: c.text }, created: { time: c.time } }));
      return { status: 200, json: { elements, paging: { start, count, total: all.length, links: [] } } };
    }
    return fail(404, "Not Found");
  }

  const base = await startStandIn(
    (req) => {
      if (req.path.startsWith("/oauth/v2/")) return oauth(req);
      const subject = tokens.subjectOf(req.bearer());
      return subject ? api(req, subject) : fail(401, "Invalid access token", "INVALID_ACCESS_TOKEN", 65600);
    },
    {
      // LinkedIn's throttles are daily and its 429 carries no reset header.
      rateLimited: () =>
        fail(429, "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.", "TOO_MANY_REQUESTS", 101),
      serverError: () => fail(500, "Internal Server Error"),
    },
  );
  return {
    ...base,
    tokens,
    posts,
    statistics,
    page,
    comment(postUrn: string, text: string) {
      const list = comments.get(postUrn) ?? [];
      list.push({ id: String(6_000 + list.length), actor: "urn:li:person:zz9", text, time: Date.now() });
      comments.set(postUrn, list);
    },
  };
}

export type LinkedInStandIn = Awaited<ReturnType<typeof startLinkedInStandIn>>;
