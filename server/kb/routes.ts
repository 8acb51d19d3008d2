import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../errors.js";
import { actorOf } from "../http/auth.js";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import { IdParams } from "../identity/schema.js";
import type { Services } from "../services.js";
import { categoryRoutes } from "./categoryRoutes.js";
import { type Visibility, visibleTo } from "./model.js";
import { presentArticle } from "./presentArticle.js";
import { publicRoutes } from "./publicRoutes.js";
import { renderMarkdown, slugify } from "./render.js";
import { createArticle, deleteArticle, restoreVersion, updateArticle } from "./saveArticle.js";
import {
  ArticleCreateBody,
  ArticleListQuery,
  ArticleSummaryView,
  ArticleUpdateBody,
  ArticleView,
  PreviewBody,
  PreviewView,
  SearchQuery,
  SearchResultView,
  SlugParams,
  VersionBody,
  VersionParams,
  VersionSummaryView,
  VersionView,
  VoteBody,
  VoteView,
} from "./schema.js";
import { searchArticles } from "./search.js";
import { installStarterArticles } from "./starter.js";
import { articleById, articleBySlug, listArticles, listVersions, versionOf, voteCounts } from "./store.js";
import { suggestionRoutes } from "./suggestionRoutes.js";
import { voteOnArticle } from "./vote.js";

const tags = ["knowledge base"];

/** The knowledge base: articles, search, categories, versions, votes, suggestions, public pages. */
export async function kbRoutes(base: FastifyInstance, services: Services) {
  // Shipped articles are installed at the first start that finds them missing (starter.ts).
  await installStarterArticles(services.db, services.capabilities);
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, capabilities } = services;
  const authorOf = (request: Parameters<typeof actorOf>[0]) => {
    const actor = actorOf(request);
    return { id: actor.user.id, label: actor.user.name || actor.user.email };
  };

  /** The article by id, if the caller may read it; anything else is "not found", revealing nothing. */
  const readable = async (id: string, visibilities: readonly Visibility[]) => {
    const article = await articleById(db, id);
    if (!article || !visibilities.includes(article.visibility as Visibility)) throw notFound("Article", "kb_article_not_found");
    return article;
  };

  app.get(
    "/api/kb/articles",
    {
      config: { auth: "user" },
      schema: {
        tags,
        summary: "Articles you may read, by title (drafts only for editors)",
        querystring: ArticleListQuery,
        response: { 200: z.object({ articles: z.array(ArticleSummaryView), nextOffset: z.number().nullable() }), ...errorResponses },
      },
    },
    async (request) => {
      const { limit, offset, categoryId, uncategorised } = request.query;
      const rows = await listArticles(db, {
        visibilities: visibleTo(request.actor),
        categoryId,
        uncategorised: uncategorised === "true",
        limit: limit + 1,
        offset,
      });
      return { articles: rows.slice(0, limit), nextOffset: rows.length > limit ? offset + limit : null };
    },
  );

  app.get(
    "/api/kb/search",
    {
      config: { auth: "user" },
      schema: {
        tags,
        summary: "Full-text search over the articles you may read; title matches rank above body matches",
        querystring: SearchQuery,
        response: { 200: SearchResultView, ...errorResponses },
      },
    },
    async (request) => {
      const { q, categoryId, limit, offset, mode } = request.query;
      const found = await searchArticles(db, capabilities, {
        query: q,
        visibilities: visibleTo(request.actor),
        categoryId,
        limit,
        offset,
        mode,
      });
      return { results: found.hits, matched: found.matched };
    },
  );

  app.get(
    "/api/kb/articles/:slug",
    {
      config: { auth: "user" },
      schema: {
        tags,
        summary: "One article by its address (an old address after a rename still finds it)",
        params: SlugParams,
        response: { 200: ArticleView, ...errorResponses },
      },
    },
    async (request) => {
      const found = await articleBySlug(db, request.params.slug);
      if (!found || !visibleTo(request.actor).includes(found.article.visibility as Visibility)) {
        throw notFound("Article", "kb_article_not_found");
      }
      return presentArticle(db, request.actor, found.article, found.redirectedFrom);
    },
  );

  app.post(
    "/api/kb/articles",
    {
      config: { permission: "kb.manage" },
      schema: {
        tags,
        summary: "Write an article (its first version)",
        body: ArticleCreateBody,
        response: { 201: ArticleView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { slug, ...rest } = request.body;
      const fields = { ...rest, slug: slug ?? (slugify(rest.title) || "article") };
      const id = await createArticle(db, capabilities, auditOf(request), authorOf(request), fields);
      const article = await articleById(db, id);
      if (!article) throw notFound("Article", "kb_article_not_found");
      return reply.code(201).send(await presentArticle(db, request.actor, article));
    },
  );

  app.put(
    "/api/kb/articles/:id",
    {
      config: { permission: "kb.manage" },
      schema: {
        tags,
        summary: "Save an edit as a new version (409 kb_article_changed if someone saved since `version`)",
        params: IdParams,
        body: ArticleUpdateBody,
        response: { 200: ArticleView, ...errorResponses },
      },
    },
    async (request) => {
      const { version, note, ...fields } = request.body;
      await updateArticle(db, capabilities, auditOf(request), authorOf(request), request.params.id, version, fields, { note });
      const article = await articleById(db, request.params.id);
      if (!article) throw notFound("Article", "kb_article_not_found");
      return presentArticle(db, request.actor, article);
    },
  );

  app.delete(
    "/api/kb/articles/:id",
    {
      config: { permission: "kb.manage" },
      schema: {
        tags,
        summary: "Delete an article and its history",
        params: IdParams,
        querystring: z.strictObject({ version: z.coerce.number().int().min(1).describe("The version you are deleting") }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteArticle(db, capabilities, auditOf(request), request.params.id, request.query.version);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/kb/articles/:id/versions",
    {
      config: { permission: "kb.manage" },
      schema: {
        tags,
        summary: "An article's history, newest first",
        params: IdParams,
        response: { 200: z.object({ versions: z.array(VersionSummaryView) }), ...errorResponses },
      },
    },
    async (request) => {
      await readable(request.params.id, visibleTo(request.actor));
      return { versions: await listVersions(db, request.params.id) };
    },
  );

  app.get(
    "/api/kb/articles/:id/versions/:version",
    {
      config: { permission: "kb.manage" },
      schema: { tags, summary: "One old version, rendered", params: VersionParams, response: { 200: VersionView, ...errorResponses } },
    },
    async (request) => {
      const row = await versionOf(db, request.params.id, request.params.version);
      if (!row) throw notFound("That version", "kb_version_not_found");
      return {
        version: row.version,
        title: row.title,
        slug: row.slug,
        summary: row.summary,
        body: row.body,
        html: renderMarkdown(row.body).html,
        visibility: row.visibility as Visibility,
        categoryId: row.category_id,
        author: row.author_label,
        note: row.note,
        createdAt: row.created_at,
      };
    },
  );

  app.post(
    "/api/kb/articles/:id/versions/:version/restore",
    {
      config: { permission: "kb.manage" },
      schema: {
        tags,
        summary: "Restore an old version: it is saved again as the newest (body: the current version)",
        params: VersionParams,
        body: VersionBody,
        response: { 200: ArticleView, ...errorResponses },
      },
    },
    async (request) => {
      const { id, version } = request.params;
      await restoreVersion(db, capabilities, auditOf(request), authorOf(request), id, version, request.body.version);
      const article = await articleById(db, id);
      if (!article) throw notFound("Article", "kb_article_not_found");
      return presentArticle(db, request.actor, article);
    },
  );

  app.post(
    "/api/kb/preview",
    {
      config: { permission: "kb.manage" },
      schema: {
        tags,
        summary: "Render Markdown exactly as saving would, without saving",
        body: PreviewBody,
        response: { 200: PreviewView, ...errorResponses },
      },
    },
    async (request) => {
      const { html, headings } = renderMarkdown(request.body.body);
      return { html, headings };
    },
  );

  app.put(
    "/api/kb/articles/:id/vote",
    {
      config: { auth: "user" },
      schema: {
        tags,
        summary: "Was this helpful? One answer per person, which they may change",
        params: IdParams,
        body: VoteBody,
        response: { 200: VoteView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const article = await readable(request.params.id, visibleTo(actor));
      await voteOnArticle(db, auditOf(request), article.id, actor.user.id, request.body.helpful);
      return { myVote: request.body.helpful, votes: actor.permissions.has("kb.manage") ? await voteCounts(db, article.id) : null };
    },
  );

  await categoryRoutes(app, services);
  await suggestionRoutes(app, services);
  await publicRoutes(app, services);
}
