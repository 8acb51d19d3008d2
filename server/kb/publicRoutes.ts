import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { notFound } from "../errors.js";
import { errorResponses } from "../http/errorBody.js";
import type { Services } from "../services.js";
import { presentArticle } from "./presentArticle.js";
import { ArticleView, SearchQuery, SearchResultView, SlugParams } from "./schema.js";
import { searchArticles } from "./search.js";
import { articleBySlug } from "./store.js";

const tags = ["knowledge base"];

/** Public articles, for anyone, signed in or not (the web app shows them at /help/<slug>). */
export async function publicRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, capabilities } = services;

  app.get(
    "/api/kb/public/articles/:slug",
    {
      config: { auth: "public" },
      schema: { tags, summary: "A public article (no sign-in)", params: SlugParams, response: { 200: ArticleView, ...errorResponses } },
    },
    async (request) => {
      const found = await articleBySlug(db, request.params.slug);
      if (found?.article.visibility !== "public") throw notFound("Article", "kb_article_not_found");
      // Shown as to an anonymous reader, whoever asks: no Markdown, no counts, no vote.
      return presentArticle(db, null, found.article, found.redirectedFrom);
    },
  );

  app.get(
    "/api/kb/public/search",
    {
      config: { auth: "public" },
      schema: {
        tags,
        summary: "Search the public articles (no sign-in)",
        querystring: SearchQuery,
        response: { 200: SearchResultView, ...errorResponses },
      },
    },
    async (request) => {
      const { q, categoryId, limit, offset, mode } = request.query;
      const found = await searchArticles(db, capabilities, { query: q, visibilities: ["public"], categoryId, limit, offset, mode });
      return { results: found.hits, matched: found.matched };
    },
  );
}
