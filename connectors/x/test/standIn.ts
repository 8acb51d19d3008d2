/**
 * A stand-in for the X API v2, written from X's documentation (tests only): OAuth 2.0 with PKCE and
 * rotating refresh tokens, POST/DELETE /2/tweets, GET /2/users/me, /2/users/:id/mentions and
 * /2/users/:id/tweets with next_token paging, problem-document errors and x-rate-limit-* headers; metrics
 * through GET /2/users/:id (public_metrics) and GET /2/tweets?ids= (public_metrics, and non_public_metrics
 * only for the caller's own posts of the last 30 days; others get a per-id error beside the data).
 */
import { randomBytes } from "node:crypto";
import twitterText from "twitter-text";
import { createAuthCodes, createTokenStore } from "../../test/oauthStandIn.js";
import { type Reply, type StandInRequest, startStandIn } from "../../test/standIn.js";

interface Tweet {
  id: string;
  text: string;
  author_id: string;
  created_at: string;
  in_reply_to?: string;
  /** public_metrics and non_public_metrics as X reports them. */
  metrics?: { public: Record<string, number>; private?: Record<string, number> };
}

export const X_CLIENT = { clientId: "x-client-id", clientSecret: "x-client-secret-value" };
export const X_REDIRECT = "http://127.0.0.1/api/accounts/oauth/callback";
const users = [
  { id: "1001", name: "Switchboard HQ", username: "switchboard_hq" },
  { id: "2002", name: "Ada Customer", username: "ada" },
];

const problem = (status: number, title: string, detail: string, type = "about:blank"): Reply => ({
  status,
  json: { title, detail, type, status },
});
const unauthorized = () => problem(401, "Unauthorized", "Unauthorized");
const invalidRequest = (message?: string): Reply => ({
  status: 400,
  json: {
    title: "Invalid Request",
    detail: "One or more parameters to your request was invalid.",
    type: "https://api.twitter.com/2/problems/invalid-request",
    ...(message ? { errors: [{ message }] } : {}),
  },
});

export async function startXStandIn() {
  const codes = createAuthCodes();
  const tokens = createTokenStore({ rotate: true });
  const tweets: Tweet[] = [];
  const pageTokens = new Map<string, number>();
  let nextId = 1_800_000_000_000_000_000n;
  let remaining = 100;
  /** followers_count per user id; a user left out has no public_metrics.followers_count (withdrawn). */
  const followers = new Map<string, number>([["1001", 1200]]);
  const rateHeaders = () => ({
    "x-rate-limit-limit": "100",
    "x-rate-limit-remaining": String(Math.max(0, --remaining)),
    "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 900),
  });

  const addTweet = (author_id: string, text: string, in_reply_to?: string) => {
    nextId += 1n;
    const tweet = { id: String(nextId), text, author_id, created_at: new Date().toISOString(), in_reply_to };
    tweets.push(tweet);
    return tweet;
  };

  function page(list: Tweet[], req: StandInRequest): Reply {
    const max = Number(req.query.get("max_results") ?? 10);
    if (max < 5 || max > 100) return invalidRequest();
    const token = req.query.get("pagination_token");
    const start = token ? (pageTokens.get(token) ?? 0) : 0;
    const slice = [...list].reverse().slice(start, start + max);
    const meta: Record<string, unknown> = { result_count: slice.length };
    if (start + max < list.length) {
      const next = randomBytes(16).toString("hex");
      pageTokens.set(next, start + max);
      meta.next_token = next;
    }
    if (slice.length === 0) return { status: 200, json: { meta } };
    const data = slice.map((t) => ({
      id: t.id,
      text: t.text,
      author_id: t.author_id,
      created_at: t.created_at,
      ...(t.in_reply_to ? { referenced_tweets: [{ type: "replied_to", id: t.in_reply_to }] } : {}),
    }));
    const authors = users.filter((u) => slice.some((t) => t.author_id === u.id));
    return { status: 200, json: { data, includes: { users: authors }, meta } };
  }

  /** GET /2/tweets?ids=: up to 100 ids; the ones X cannot show come back in `errors`, the request still succeeds. */
  function lookup(req: StandInRequest, subject: string): Reply {
    const ids = (req.query.get("ids") ?? "").split(",").filter(Boolean);
    if (ids.length === 0 || ids.length > 100) return invalidRequest("The `ids` query parameter value [] is not between 1 and 100");
    const fields = (req.query.get("tweet.fields") ?? "").split(",");
    const data: Record<string, unknown>[] = [];
    const errors: Record<string, unknown>[] = [];
    const notFound = (id: string) => ({
      value: id,
      detail: `Could not find tweet with ids: [${id}].`,
      title: "Not Found Error",
      resource_type: "tweet",
      parameter: "ids",
      resource_id: id,
      type: "https://api.twitter.com/2/problems/resource-not-found",
    });
    for (const id of ids) {
      const t = tweets.find((x) => x.id === id);
      if (!t) {
        errors.push(notFound(id));
        continue;
      }
      const old = Date.now() - Date.parse(t.created_at) > 30 * 86_400_000;
      if (fields.includes("non_public_metrics") && (t.author_id !== subject || old)) {
        errors.push({
          value: id,
          detail: "Sorry, you are not authorized to see the non_public_metrics field on this Tweet.",
          title: "Field Authorization Error",
          resource_type: "tweet",
          field: "non_public_metrics",
          parameter: "tweet.fields",
          resource_id: id,
          type: "https://api.twitter.com/2/problems/not-authorized-for-field",
        });
        continue;
      }
      const pub = t.metrics?.public ?? {
        retweet_count: 0,
        reply_count: 0,
        like_count: 0,
        quote_count: 0,
        bookmark_count: 0,
        impression_count: 0,
      };
      data.push({
        id: t.id,
        text: t.text,
        edit_history_tweet_ids: [t.id],
        ...(fields.includes("public_metrics") ? { public_metrics: pub } : {}),
        ...(fields.includes("non_public_metrics")
          ? { non_public_metrics: t.metrics?.private ?? { impression_count: 0, url_link_clicks: 0, user_profile_clicks: 0 } }
          : {}),
      });
    }
    return { status: 200, json: { ...(data.length > 0 ? { data } : {}), ...(errors.length > 0 ? { errors } : {}) } };
  }

  function token(req: StandInRequest): Reply {
    const form = req.form();
    const basic = `Basic ${Buffer.from(`${X_CLIENT.clientId}:${X_CLIENT.clientSecret}`).toString("base64")}`;
    if (req.headers.authorization !== basic)
      return { status: 401, json: { error: "unauthorized_client", error_description: "Missing valid authorization header" } };
    const issue = (t: { accessToken: string; refreshToken: string; scope: string }): Reply => ({
      status: 200,
      json: { token_type: "bearer", expires_in: 7200, access_token: t.accessToken, scope: t.scope, refresh_token: t.refreshToken },
    });
    if (form.get("grant_type") === "authorization_code") {
      const grant = codes.redeem(form.get("code") ?? "", form.get("redirect_uri") ?? "", form.get("code_verifier"));
      if (grant === "invalid")
        return {
          status: 400,
          json: { error: "invalid_request", error_description: "Value passed for the authorization code was invalid." },
        };
      return issue(tokens.issue(grant.subject, grant.scope));
    }
    if (form.get("grant_type") === "refresh_token") {
      const issued = tokens.redeemRefresh(form.get("refresh_token") ?? "");
      if (!issued) return { status: 400, json: { error: "invalid_request", error_description: "Value passed for the token was invalid." } };
      return issue(issued);
    }
    return { status: 400, json: { error: "unsupported_grant_type", error_description: "Grant type is not supported." } };
  }

  function authorize(req: StandInRequest): Reply {
    const q = req.query;
    if (q.get("client_id") !== X_CLIENT.clientId || q.get("redirect_uri") !== X_REDIRECT)
      return { status: 400, text: "Something went wrong" };
    if (q.get("response_type") !== "code" || q.get("code_challenge_method") !== "S256" || !q.get("code_challenge"))
      return { status: 400, text: "Something went wrong" };
    const code = codes.issue({
      clientId: X_CLIENT.clientId,
      redirectUri: X_REDIRECT,
      scope: q.get("scope") ?? "",
      codeChallenge: q.get("code_challenge"),
      subject: "1001",
    });
    const back = new URL(X_REDIRECT);
    back.search = new URLSearchParams({ state: q.get("state") ?? "", code }).toString();
    return { status: 302, headers: { location: back.href } };
  }

  function api(req: StandInRequest, subject: string): Reply {
    const me = users.find((u) => u.id === subject);
    if (req.method === "GET" && req.path === "/2/users/me") return { status: 200, json: { data: me } };
    if (req.method === "POST" && req.path === "/2/tweets") {
      const body = req.json() as { text?: string; reply?: { in_reply_to_tweet_id?: string } };
      const text = body.text ?? "";
      if (!twitterText.parseTweet(text).valid) return invalidRequest("The `text` field is invalid or too long.");
      if (tweets.some((t) => t.author_id === subject && t.text === text))
        return problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.");
      const replyTo = body.reply?.in_reply_to_tweet_id;
      if (replyTo && !tweets.some((t) => t.id === replyTo))
        return invalidRequest(`The \`in_reply_to_tweet_id\` query parameter value [${replyTo}] does not exist`);
      const t = addTweet(subject, text, replyTo);
      return { status: 201, json: { data: { id: t.id, text: t.text, edit_history_tweet_ids: [t.id] } } };
    }
    const del = /^\/2\/tweets\/(\d+)$/.exec(req.path);
    if (req.method === "DELETE" && del) {
      const index = tweets.findIndex((t) => t.id === del[1] && t.author_id === subject);
      if (index < 0)
        return problem(
          404,
          "Not Found Error",
          `Could not find tweet with id: [${del[1]}].`,
          "https://api.twitter.com/2/problems/resource-not-found",
        );
      tweets.splice(index, 1);
      return { status: 200, json: { data: { deleted: true } } };
    }
    if (req.method === "GET" && req.path === "/2/tweets") return lookup(req, subject);
    const one = /^\/2\/users\/(\d+)$/.exec(req.path);
    if (req.method === "GET" && one) {
      const user = users.find((u) => u.id === one[1]);
      if (!user) return problem(404, "Not Found Error", "Could not find user.", "https://api.twitter.com/2/problems/resource-not-found");
      const count = followers.get(user.id);
      const fields = (req.query.get("user.fields") ?? "").split(",");
      const metrics = fields.includes("public_metrics")
        ? {
            public_metrics: {
              following_count: 10,
              tweet_count: 5,
              listed_count: 1,
              ...(count === undefined ? {} : { followers_count: count }),
            },
          }
        : {};
      return { status: 200, json: { data: { ...user, ...metrics } } };
    }
    const timeline = /^\/2\/users\/(\d+)\/(mentions|tweets)$/.exec(req.path);
    if (req.method === "GET" && timeline) {
      const user = users.find((u) => u.id === timeline[1]);
      if (!user) return problem(404, "Not Found Error", "Could not find user.", "https://api.twitter.com/2/problems/resource-not-found");
      const list =
        timeline[2] === "tweets"
          ? tweets.filter((t) => t.author_id === user.id)
          : tweets.filter((t) => t.text.includes(`@${user.username}`));
      return page(list, req);
    }
    return problem(404, "Not Found Error", "Not found");
  }

  const base = await startStandIn(
    (req) => {
      if (req.path === "/i/oauth2/authorize") return authorize(req);
      if (req.path === "/2/oauth2/token" && req.method === "POST") return token(req);
      const subject = tokens.subjectOf(req.bearer());
      const reply = subject ? api(req, subject) : unauthorized();
      return { ...reply, headers: { ...rateHeaders(), ...reply.headers } };
    },
    {
      rateLimited: (resetAt) => ({
        ...problem(429, "Too Many Requests", "Too Many Requests"),
        headers: {
          "x-rate-limit-limit": "100",
          "x-rate-limit-remaining": "0",
          "x-rate-limit-reset": String(Math.floor(resetAt.getTime() / 1000)),
        },
      }),
      serverError: () => problem(503, "Service Unavailable", "Service Unavailable"),
    },
  );
  return {
    ...base,
    tokens,
    tweets,
    followers,
    authorizeUrl: `${base.url}/i/oauth2/authorize`,
    /** Someone else mentions the account. */
    mention: (text: string) => addTweet("2002", text),
  };
}

export type XStandIn = Awaited<ReturnType<typeof startXStandIn>>;
