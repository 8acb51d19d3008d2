import { createCaller, parseBody } from "../call.js";
import { ConnectorError, isConnectorError } from "../errors.js";
import { createSession } from "../session.js";
import { textToHtml, toArticle } from "../text/article.js";
import { htmlToText } from "../text/html.js";
import type { ConnectorClient, ConnectorContext, OutgoingPost } from "../types.js";
import { mapWordPressError } from "./errors.js";
import { uploadFeaturedImage } from "./featuredImage.js";
import { comment, comments, post as postSchema, posts, toComment, toProfile, user } from "./mapping.js";

/** The user must be able to publish their own posts and upload images (the Author role or above). */
const REQUIRED_CAPABILITIES = ["publish_posts", "upload_files"] as const;
/** How far back `findPublished` looks before `since`, for a site clock that is behind ours. */
const CLOCK_SKEW_MS = 10 * 60_000;
const MAX_PER_PAGE = 100;

export function requireSite(baseUrl: string | undefined): string {
  if (!baseUrl) throw new ConnectorError("rejected", "A WordPress account needs its site's address.", { network: "wordpress" });
  return baseUrl.replace(/\/+$/, "");
}

/** Keeps the path: a WordPress site may live in a folder ("https://example.org/blog"). */
export const siteUrlOf = (url: URL): string => `${url.origin}${url.pathname}`.replace(/\/+$/, "");

/** Application passwords are shown in groups of four ("abcd efgh …"); WordPress ignores the spaces. */
const compact = (password: string) => password.replace(/[^A-Za-z0-9]/g, "");

function requirePostId(remoteId: string): string {
  if (!/^\d+$/.test(remoteId))
    throw new ConnectorError("rejected", `WordPress post ids are numbers, not "${remoteId}".`, { network: "wordpress" });
  return remoteId;
}

function basicAuthorization(login: string | undefined, password: string): string {
  if (!login)
    throw new ConnectorError("rejected", "A WordPress account needs the user name its application password belongs to.", {
      network: "wordpress",
    });
  return `Basic ${Buffer.from(`${login}:${password}`).toString("base64")}`;
}

/** What a post's text and title come down to, to compare ours with what the site stored. */
const comparable = (html: string) => htmlToText(html).replace(/\s+/g, " ").trim();

export function createWordPressClient(context: ConnectorContext): ConnectorClient {
  const site = requireSite(context.account.baseUrl);
  const login = context.credentials.identifier ?? context.account.handle;
  // Application passwords do not expire and cannot be refreshed: a refused one means reconnecting.
  const session = createSession(context);
  const call = createCaller({
    network: "wordpress",
    http: context.http,
    session,
    authorize: (password) => ({ headers: { authorization: basicAuthorization(login, password) } }),
    mapError: (res, idempotent, secrets) => mapWordPressError(res, idempotent, [...secrets, compact(context.credentials.accessToken)]),
  });
  const api = (path: string) => new URL(`${site}/wp-json/${path}`);

  async function me() {
    const res = await call({ method: "GET", url: api("wp/v2/users/me"), query: { context: "edit" }, operation: "verify" });
    return parseBody(user, res, "wordpress");
  }

  async function replyToComment(commentId: string, text: string) {
    const parentRes = await call({ method: "GET", url: api(`wp/v2/comments/${requirePostId(commentId)}`), operation: "readComments" });
    const parent = parseBody(comment, parentRes, "wordpress");
    const res = await call({
      method: "POST",
      url: api("wp/v2/comments"),
      // Plain text as paragraphs, as an article's body is written.
      json: { post: parent.post, parent: parent.id, content: textToHtml(text.trim()) },
      operation: "reply",
    });
    const created = parseBody(comment, res, "wordpress", "unknown_outcome");
    return { remoteId: String(created.id), url: created.link ?? `${site}/?p=${parent.post}#comment-${created.id}` };
  }

  return {
    async verifyCredentials() {
      const found = await me();
      const missing = REQUIRED_CAPABILITIES.filter((c) => found.capabilities?.[c] !== true);
      if (missing.length > 0) {
        throw new ConnectorError(
          "auth_expired",
          `WordPress: ${found.username} may not ${missing.join(" or ")} (roles: ${found.roles?.join(", ") || "none"}). Connect a user with the Author role or above.`,
          { network: "wordpress", networkCode: "missing_capability" },
        );
      }
      return toProfile(found);
    },

    async publish(post, _options) {
      // An answer to a comment (from the inbox) is a comment under the same post, its parent the comment.
      if (post.inReplyTo) return replyToComment(post.inReplyTo, post.text);
      // WordPress has no idempotency key: an unknown outcome is settled by findPublished (reconciliation: lookup).
      const article = toArticle(post.text);
      const image = post.media?.[0];
      const featured = image ? await uploadFeaturedImage(call, context.http, api, image) : undefined;
      const res = await call({
        method: "POST",
        url: api("wp/v2/posts"),
        json: { title: article.title, content: article.html, status: "publish", ...(featured ? { featured_media: featured } : {}) },
        operation: "publish",
      });
      const created = parseBody(postSchema, res, "wordpress", "unknown_outcome");
      return { remoteId: String(created.id), url: created.link };
    },

    async delete(remoteId) {
      // To the trash, not erased: the site's editors can restore it for 30 days (EMPTY_TRASH_DAYS), then WordPress erases it.
      try {
        await call({ method: "DELETE", url: api(`wp/v2/posts/${requirePostId(remoteId)}`), operation: "delete" });
      } catch (error) {
        // 404: never there or erased; 410 `rest_already_trashed`: deleted before.
        if (!isConnectorError(error, "not_found")) throw error;
      }
    },

    async findPublished(post: OutgoingPost, { since }) {
      const article = toArticle(post.text);
      const author = context.account.externalId ?? String((await me()).id);
      const res = await call({
        method: "GET",
        url: api("wp/v2/posts"),
        query: {
          author,
          after: new Date(since.getTime() - CLOCK_SKEW_MS).toISOString(),
          context: "edit",
          status: "publish,future,draft,pending,private",
          orderby: "date",
          order: "desc",
          per_page: MAX_PER_PAGE,
        },
        operation: "findPublished",
      });
      const wanted = { title: comparable(article.title), content: comparable(article.html) };
      const match = parseBody(posts, res, "wordpress").find(
        (p) =>
          comparable(p.title.raw ?? p.title.rendered) === wanted.title &&
          comparable(p.content.raw ?? p.content.rendered) === wanted.content,
      );
      return match ? { remoteId: String(match.id), url: match.link } : null;
    },

    async readComments(remoteId, cursor, options) {
      const page = cursor ? Number(cursor) : 1;
      if (!Number.isInteger(page) || page < 1)
        throw new ConnectorError("rejected", "This comments cursor is not valid.", { network: "wordpress" });
      const res = await call({
        method: "GET",
        url: api("wp/v2/comments"),
        query: {
          post: requirePostId(remoteId),
          page,
          per_page: Math.min(MAX_PER_PAGE, options?.limit ?? 50),
          orderby: "date_gmt",
          order: "desc",
        },
        operation: "readComments",
      });
      const items = parseBody(comments, res, "wordpress").map(toComment);
      const totalPages = Number(res.headers["x-wp-totalpages"] ?? 0);
      return { items, nextCursor: page < totalPages ? String(page + 1) : null };
    },
  };
}
