/**
 * A stand-in for a Mastodon server, written from Mastodon's API documentation (tests only): app
 * registration, OAuth (Doorkeeper, PKCE), statuses with Idempotency-Key, notifications paged by Link
 * headers, status search (GET /api/v2/search, type=statuses, paged by max_id) and hashtag timelines
 * (GET /api/v1/timelines/tag/:hashtag, paged by Link headers), `{ error }` bodies and X-RateLimit-*
 * headers (reset as ISO 8601); counts on statuses (favourites, replies, reblogs), followers_count, and
 * GET /api/v1/statuses?id[]= (Mastodon 4.3+, at most 20, deleted ones left out) beside GET /api/v1/statuses/:id.
 */
import { randomBytes } from "node:crypto";
import { createAuthCodes, createTokenStore } from "../../test/oauthStandIn.js";
import { type Reply, type StandInRequest, startStandIn } from "../../test/standIn.js";

export const MASTODON_REDIRECT = "http://127.0.0.1/api/accounts/oauth/callback";

interface Status {
  id: string;
  text: string;
  accountId: string;
  created_at: string;
  in_reply_to_id: string | null;
  counts?: { favourites_count: number; replies_count: number; reblogs_count: number };
}

const accounts = [
  { id: "109", username: "switchboard", acct: "switchboard", display_name: "Switchboard" },
  { id: "207", username: "ada", acct: "ada@other.example", display_name: "Ada" },
];
const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const error = (status: number, message: string): Reply => ({ status, json: { error: message } });

export async function startMastodonStandIn() {
  const apps = new Map<string, { secret: string; redirect: string; scopes: string }>();
  const codes = createAuthCodes();
  const tokens = createTokenStore({ rotate: false });
  const statuses: Status[] = [];
  const mentions: string[] = []; // status ids, oldest first
  const idempotency = new Map<string, string>();
  let nextId = 110_000_000_000_000_000n;
  let origin = "";
  /** A server older than 4.3 has no batch lookup (GET /api/v1/statuses answers 404). */
  const server = { batchLookup: true, followers: 321 as number | undefined };

  const newStatus = (accountId: string, text: string, in_reply_to_id: string | null) => {
    nextId += 1n;
    const s = { id: String(nextId), text, accountId, created_at: new Date().toISOString(), in_reply_to_id };
    statuses.push(s);
    return s;
  };
  const render = (s: Status) => {
    const a = accounts.find((x) => x.id === s.accountId) ?? accounts[0];
    return {
      id: s.id,
      uri: `${origin}/users/${a?.username}/statuses/${s.id}`,
      url: `${origin}/@${a?.username}/${s.id}`,
      content: `<p>${escapeHtml(s.text)}</p>`,
      created_at: s.created_at,
      in_reply_to_id: s.in_reply_to_id,
      account: a,
      ...(s.counts ?? { favourites_count: 0, replies_count: 0, reblogs_count: 0 }),
    };
  };

  function oauth(req: StandInRequest): Reply {
    if (req.path === "/api/v1/apps") {
      const f = req.form();
      if (!f.get("client_name")) return error(422, "Validation failed: Application name can't be blank");
      const id = randomBytes(8).toString("hex");
      apps.set(id, { secret: randomBytes(16).toString("hex"), redirect: f.get("redirect_uris") ?? "", scopes: f.get("scopes") ?? "read" });
      return {
        status: 200,
        json: {
          id: "1",
          name: f.get("client_name"),
          redirect_uri: f.get("redirect_uris"),
          client_id: id,
          client_secret: apps.get(id)?.secret,
        },
      };
    }
    if (req.path === "/oauth/authorize") {
      const q = req.query;
      const app = apps.get(q.get("client_id") ?? "");
      if (!app || app.redirect !== q.get("redirect_uri")) return { status: 400, text: "The redirect uri included is not valid." };
      const code = codes.issue({
        clientId: q.get("client_id") ?? "",
        redirectUri: app.redirect,
        scope: q.get("scope") ?? "",
        codeChallenge: q.get("code_challenge"),
        subject: "109",
      });
      return { status: 302, headers: { location: `${app.redirect}?code=${code}&state=${encodeURIComponent(q.get("state") ?? "")}` } };
    }
    const f = req.form();
    const app = apps.get(f.get("client_id") ?? "");
    if (!app || app.secret !== f.get("client_secret")) {
      return {
        status: 401,
        json: {
          error: "invalid_client",
          error_description:
            "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
        },
      };
    }
    const grant = codes.redeem(f.get("code") ?? "", f.get("redirect_uri") ?? "", f.get("code_verifier"));
    if (grant === "invalid") {
      return {
        status: 400,
        json: {
          error: "invalid_grant",
          error_description:
            "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
        },
      };
    }
    const t = tokens.issue(grant.subject, grant.scope);
    return {
      status: 200,
      json: { access_token: t.accessToken, token_type: "Bearer", scope: t.scope, created_at: Math.floor(Date.now() / 1000) },
    };
  }

  function api(req: StandInRequest, accountId: string): Reply {
    if (req.method === "GET" && req.path === "/api/v1/accounts/verify_credentials") {
      const followers = server.followers === undefined ? {} : { followers_count: server.followers };
      return { status: 200, json: { ...accounts[0], url: `${origin}/@switchboard`, ...followers } };
    }
    if (req.method === "GET" && req.path === "/api/v1/statuses") {
      if (!server.batchLookup) return error(404, "Record not found");
      const ids = req.query.getAll("id[]");
      if (ids.length > 20) return error(422, "Validation failed: too many ids");
      return { status: 200, json: statuses.filter((s) => ids.includes(s.id)).map(render) };
    }
    const one = /^\/api\/v1\/statuses\/(\d+)$/.exec(req.path);
    if (req.method === "GET" && one) {
      const s = statuses.find((x) => x.id === one[1]);
      return s ? { status: 200, json: render(s) } : error(404, "Record not found");
    }
    if (req.method === "POST" && req.path === "/api/v1/statuses") {
      const body = req.json() as { status?: string; in_reply_to_id?: string };
      const key = req.headers["idempotency-key"];
      const seen = typeof key === "string" ? idempotency.get(`${accountId}:${key}`) : undefined;
      const existing = statuses.find((s) => s.id === seen);
      if (existing) return { status: 200, json: render(existing) };
      if (!body.status) return error(422, "Validation failed: Text can't be blank");
      if ([...body.status].length > 500) return error(422, "Validation failed: Text character limit of 500 exceeded");
      const s = newStatus(accountId, body.status, body.in_reply_to_id ?? null);
      if (typeof key === "string") idempotency.set(`${accountId}:${key}`, s.id);
      return { status: 200, json: render(s) };
    }
    const del = /^\/api\/v1\/statuses\/(\d+)$/.exec(req.path);
    if (req.method === "DELETE" && del) {
      const i = statuses.findIndex((s) => s.id === del[1] && s.accountId === accountId);
      if (i < 0) return error(404, "Record not found");
      const [removed] = statuses.splice(i, 1);
      return { status: 200, json: removed ? { ...render(removed), text: removed.text } : {} };
    }
    if (req.method === "GET" && req.path === "/api/v1/notifications") {
      const types = req.query.getAll("types[]");
      const limit = Math.min(80, Number(req.query.get("limit") ?? 40));
      const maxId = req.query.get("max_id");
      const list = (types.length === 0 || types.includes("mention") ? [...mentions] : [])
        .reverse()
        .filter((id) => !maxId || BigInt(id) < BigInt(maxId));
      const page = list.slice(0, limit).map((id) => {
        const s = statuses.find((x) => x.id === id);
        return { id, type: "mention", created_at: s?.created_at, account: accounts[1], status: s ? render(s) : null };
      });
      const last = page.at(-1);
      const first = page[0];
      const link =
        last && first
          ? `<${origin}/api/v1/notifications?max_id=${last.id}&types%5B%5D=mention>; rel="next", <${origin}/api/v1/notifications?min_id=${first.id}&types%5B%5D=mention>; rel="prev"`
          : undefined;
      return { status: 200, json: page, headers: link ? { link } : {} };
    }
    if (req.method === "GET" && req.path === "/api/v2/search") {
      const q = (req.query.get("q") ?? "").trim().toLowerCase();
      const type = req.query.get("type");
      if (!q) return error(400, "Validation failed: q is missing");
      // Full-text search matches whole words (Elasticsearch's standard analyser), every word of the query.
      const words = q.split(/\s+/).map((w) => new RegExp(`(^|[^\\p{L}\\p{N}_])${escapeRegExp(w)}(?![\\p{L}\\p{N}_])`, "iu"));
      const found =
        type && type !== "statuses" ? [] : newestFirst(req.query.get("max_id")).filter((s) => words.every((w) => w.test(s.text)));
      return { status: 200, json: { accounts: [], statuses: found.slice(0, pageLimit(req, 20)).map(render), hashtags: [] } };
    }
    const tag = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(req.path);
    if (req.method === "GET" && tag?.[1]) {
      const name = escapeRegExp(decodeURIComponent(tag[1]).toLowerCase());
      const tagged = new RegExp(`(^|[^\\p{L}\\p{N}_])#${name}(?![\\p{L}\\p{N}_])`, "iu");
      const page = newestFirst(req.query.get("max_id"))
        .filter((s) => tagged.test(s.text))
        .slice(0, pageLimit(req, 20));
      const last = page.at(-1);
      const link = last ? `<${origin}/api/v1/timelines/tag/${encodeURIComponent(name)}?max_id=${last.id}>; rel="next"` : undefined;
      return { status: 200, json: page.map(render), headers: link ? { link } : {} };
    }
    return error(404, "Record not found");
  }

  const pageLimit = (req: StandInRequest, fallback: number) => Math.min(40, Number(req.query.get("limit") ?? fallback));
  const newestFirst = (maxId: string | null) => [...statuses].reverse().filter((s) => !maxId || BigInt(s.id) < BigInt(maxId));

  let remaining = 300;
  const base = await startStandIn(
    (req) => {
      if (req.path === "/api/v1/apps" || req.path.startsWith("/oauth/")) return oauth(req);
      const subject = tokens.subjectOf(req.bearer());
      const reply = subject ? api(req, subject) : error(401, "The access token is invalid");
      const reset = new Date(Math.ceil(Date.now() / 300_000) * 300_000).toISOString();
      return {
        ...reply,
        headers: { "x-ratelimit-limit": "300", "x-ratelimit-remaining": String(--remaining), "x-ratelimit-reset": reset, ...reply.headers },
      };
    },
    {
      rateLimited: (resetAt) => ({
        ...error(429, "Too many requests"),
        headers: { "x-ratelimit-limit": "300", "x-ratelimit-remaining": "0", "x-ratelimit-reset": resetAt.toISOString() },
      }),
      serverError: () => ({ status: 503, text: "<html><body>Service Unavailable</body></html>", headers: { "content-type": "text/html" } }),
    },
  );
  origin = base.url;
  return {
    ...base,
    tokens,
    statuses,
    server,
    mention(text: string) {
      mentions.push(newStatus("207", text, null).id);
    },
    /** A public post by someone else (Ada), not addressed to the account: found only by search. */
    post(text: string, createdAt?: Date) {
      const s = newStatus("207", text, null);
      if (createdAt) s.created_at = createdAt.toISOString();
      return s.id;
    },
  };
}

export type MastodonStandIn = Awaited<ReturnType<typeof startMastodonStandIn>>;
