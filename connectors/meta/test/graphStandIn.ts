/**
 * A stand-in for Meta's Graph API, written from Meta's documentation (tests only): Facebook Login
 * (code → short-lived → long-lived user token → Page tokens), Page feed, tagged and comments, the
 * Instagram two-step publishing flow, metric fields and insights (metricsRoutes.ts),
 * `{ error: { message, type, code, error_subcode, fbtrace_id } }`
 * bodies, cursor paging, appsecret_proof checks and X-App-Usage / X-Business-Use-Case-Usage headers.
 */
import { createHmac, randomBytes } from "node:crypto";
import { createAuthCodes } from "../../test/oauthStandIn.js";
import { type Reply, type StandInRequest, startStandIn } from "../../test/standIn.js";
import { graphError, invalidToken, missingObject } from "./graphErrors.js";
import { createGraphState, type GraphState, META_APP, META_REDIRECT, type PostMetrics, pageOf } from "./graphState.js";
import { instagramRoute } from "./instagramRoutes.js";
import { metricFields, summaryOf } from "./metricsRoutes.js";

const usage = (pageId: string, percent: number, minutes = 0) => ({
  "x-app-usage": JSON.stringify({ call_count: Math.min(percent, 100), total_cputime: 1, total_time: 1 }),
  "x-business-use-case-usage": JSON.stringify({
    [pageId]: [{ type: "pages", call_count: percent, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: minutes }],
  }),
});

function oauth(state: GraphState, codes: ReturnType<typeof createAuthCodes>, req: StandInRequest, path: string): Reply {
  const q = req.query;
  if (path === "dialog/oauth") {
    if (q.get("client_id") !== META_APP.clientId || q.get("redirect_uri") !== META_REDIRECT) return { status: 400, text: "URL Blocked" };
    const code = codes.issue({
      clientId: META_APP.clientId,
      redirectUri: META_REDIRECT,
      scope: q.get("scope") ?? "",
      codeChallenge: null,
      subject: "user",
    });
    return { status: 302, headers: { location: `${META_REDIRECT}?code=${code}&state=${encodeURIComponent(q.get("state") ?? "")}` } };
  }
  if (q.get("client_id") !== META_APP.clientId || q.get("client_secret") !== META_APP.clientSecret)
    return graphError(1, "Error validating client secret.");
  const issue = (kind: "short" | "user", expires: number): Reply => {
    const token = `EAA${randomBytes(12).toString("hex")}`;
    state.tokens.set(token, { kind });
    return { status: 200, json: { access_token: token, token_type: "bearer", expires_in: expires } };
  };
  if (q.get("grant_type") === "fb_exchange_token") {
    return state.tokens.get(q.get("fb_exchange_token") ?? "")?.kind === "short" ? issue("user", 5_183_944) : invalidToken();
  }
  const grant = codes.redeem(q.get("code") ?? "", q.get("redirect_uri") ?? "", null);
  if (grant === "invalid") return graphError(100, "This authorization code has been used.", { subcode: 36009 });
  return issue("short", 5_400);
}

function feed(state: GraphState, req: StandInRequest, path: string, base: string, pageId: string): Reply | undefined {
  const [head, edge] = path.split("/");
  const page = state.pages.find((p) => p.id === head);
  if (page && req.method === "GET" && !edge) {
    const followers = state.followers.get(page.id);
    const asked = (req.query.get("fields") ?? "").split(",");
    return {
      status: 200,
      json: {
        id: page.id,
        name: page.name,
        username: page.username,
        link: `https://www.facebook.com/${page.username}`,
        ...(asked.includes("followers_count") && followers !== undefined ? { followers_count: followers } : {}),
      },
    };
  }
  if (page && page.id !== pageId) return graphError(200, "(#200) The user hasn't authorized the application to perform this action");
  if (page && req.method === "POST" && edge === "feed") {
    const message = req.form().get("message") ?? "";
    if (!message) return graphError(100, "(#100) Missing message or attachment");
    if (state.posts.some((p) => p.pageId === page.id && p.message === message)) return graphError(506, "(#506) Duplicate status message");
    const post = {
      id: `${page.id}_${state.id()}`,
      pageId: page.id,
      message,
      created_time: new Date().toISOString(),
      from: { id: page.id, name: page.name },
    };
    state.posts.push(post);
    return { status: 200, json: { id: post.id } };
  }
  if (page && req.method === "GET" && edge === "tagged") return { status: 200, json: pageOf(state.tagged, req.query, base) };
  if (page && req.method === "GET" && edge === "published_posts") {
    const since = Number(req.query.get("since") ?? 0) * 1000;
    return {
      status: 200,
      json: pageOf(
        [...state.posts].reverse().filter((p) => Date.parse(p.created_time) >= since),
        req.query,
        base,
      ),
    };
  }
  const post = state.posts.find((p) => p.id === head);
  if (post && req.method === "GET" && !edge) {
    const m: PostMetrics = state.postMetrics.get(post.id) ?? {
      reactions: 0,
      comments: 0,
      insights: { post_impressions: 0, post_clicks_by_type: {} },
    };
    const counts: Record<string, unknown> = {
      message: post.message,
      created_time: post.created_time,
      comments: summaryOf(m.comments),
      reactions: summaryOf(m.reactions),
      ...(m.shares ? { shares: { count: m.shares } } : {}),
    };
    return metricFields(req, "facebook", { id: post.id, counts, insights: m.insights }, state.knobs);
  }
  if (req.method === "DELETE" && !edge && /^\d+_\d+$/.test(head ?? "")) {
    if (!post) return missingObject(head ?? "");
    state.posts.splice(state.posts.indexOf(post), 1);
    return { status: 200, json: { success: true } };
  }
  if (post && req.method === "GET" && edge === "comments")
    return { status: 200, json: pageOf(state.comments.get(post.id) ?? [], req.query, base) };
  return undefined;
}

export async function startGraphStandIn() {
  const state = createGraphState();
  const codes = createAuthCodes();
  let calls = 0;
  const base = await startStandIn(
    (req) => {
      const match = /^\/(v\d+\.\d+)\/(.*)$/.exec(req.path);
      if (!match?.[2]) return graphError(2500, "Unknown path components", { type: "OAuthException" });
      const path = match[2];
      if (path === "dialog/oauth" || path === "oauth/access_token") return oauth(state, codes, req, path);
      const token = req.bearer() ?? req.query.get("access_token") ?? "";
      const holder = state.tokens.get(token);
      if (!holder) return invalidToken();
      const proof = req.query.get("appsecret_proof");
      if (proof && proof !== createHmac("sha256", META_APP.clientSecret).update(token).digest("hex")) {
        return graphError(100, "Invalid appsecret_proof provided in the API argument", { type: "GraphMethodException" });
      }
      const self = `${origin}${req.path}`;
      if (path === "me/accounts" && holder.kind === "user") {
        const pages = state.pages.map((p) => {
          const pageToken = `EAAP${p.id}${randomBytes(6).toString("hex")}`;
          state.tokens.set(pageToken, { kind: "page", pageId: p.id });
          return {
            id: p.id,
            name: p.name,
            username: p.username,
            access_token: pageToken,
            ...(p.ig ? { instagram_business_account: p.ig } : {}),
          };
        });
        return { status: 200, json: pageOf(pages, req.query, self) };
      }
      const pageId = holder.pageId ?? "";
      const reply = feed(state, req, path, self, pageId) ?? instagramRoute(state, req, path, self) ?? missingObject(path);
      return { ...reply, headers: { ...usage(pageId, ++calls), ...reply.headers } };
    },
    {
      rateLimited: (resetAt) => ({
        ...graphError(80_001, "There have been too many calls to this Page account. Wait a bit and try again."),
        headers: usage("5550001", 100, Math.ceil((resetAt.getTime() - Date.now()) / 60_000)),
      }),
      serverError: () =>
        graphError(2, "An unexpected error has occurred. Please retry your request later.", { transient: true, status: 500 }),
    },
  );
  const origin = base.url;
  return {
    ...base,
    state,
    /** Invalidate every token, as a password change does. */
    revokeAll: () => state.tokens.clear(),
  };
}

export type GraphStandIn = Awaited<ReturnType<typeof startGraphStandIn>>;
