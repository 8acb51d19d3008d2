import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../http/auth.js";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import { IdParams } from "../identity/schema.js";
import type { Services } from "../services.js";
import { visibleTo } from "./model.js";
import { ClickBody, SearchHitView, SessionCreateBody, SessionUpdateBody, SessionView, SolvedBody, SuggestQuery } from "./schema.js";
import { searchArticles } from "./search.js";
import {
  getSuggestionSession,
  markSuggestionClicked,
  markSuggestionSolved,
  type SuggestionSession,
  startSuggestionSession,
  updateSuggestionSession,
} from "./suggestions.js";

const tags = ["knowledge base"];

const view = ({ userId: _userId, ...session }: SuggestionSession) => session;

/**
 * Suggestions while someone describes a problem (the request form): a cheap, side-effect-free GET
 * for every pause in typing, and a session the form keeps up to date with what was shown, opened,
 * and how it ended.
 */
export async function suggestionRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, capabilities } = services;

  app.get(
    "/api/kb/suggest",
    {
      config: { auth: "user" },
      schema: {
        tags,
        summary: "The articles that best match what someone is typing (any word counts; the last word as a prefix)",
        querystring: SuggestQuery,
        response: { 200: z.object({ articles: z.array(SearchHitView) }), ...errorResponses },
      },
    },
    async (request) => {
      const { q, limit } = request.query;
      const found = await searchArticles(db, capabilities, {
        query: q,
        // Suggestions are answers for employees: drafts are never suggested, even to editors.
        visibilities: visibleTo(request.actor).filter((v) => v !== "draft"),
        limit,
        prefix: true,
        mode: "any",
      });
      return { articles: found.hits };
    },
  );

  const one = { params: IdParams, response: { 200: SessionView, ...errorResponses } };

  app.post(
    "/api/kb/suggestion-sessions",
    {
      config: { auth: "user" },
      schema: {
        tags,
        summary: "Start a suggestion session with what was shown",
        body: SessionCreateBody,
        response: { 201: SessionView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const session = await startSuggestionSession(db, auditOf(request), actorOf(request).user.id, request.body);
      return reply.code(201).send(view(session));
    },
  );

  app.get(
    "/api/kb/suggestion-sessions/:id",
    { config: { auth: "user" }, schema: { tags, summary: "One of your suggestion sessions", ...one } },
    async (request) => view(await getSuggestionSession(db, request.params.id, actorOf(request).user.id)),
  );

  app.patch(
    "/api/kb/suggestion-sessions/:id",
    {
      config: { auth: "user" },
      schema: { tags, summary: "Record a new query and what it showed (added to what was shown before)", body: SessionUpdateBody, ...one },
    },
    async (request) => view(await updateSuggestionSession(db, auditOf(request), request.params.id, actorOf(request).user.id, request.body)),
  );

  app.post(
    "/api/kb/suggestion-sessions/:id/clicks",
    { config: { auth: "user" }, schema: { tags, summary: "Record that a suggested article was opened", body: ClickBody, ...one } },
    async (request) =>
      view(await markSuggestionClicked(db, auditOf(request), request.params.id, actorOf(request).user.id, request.body.articleId)),
  );

  app.post(
    "/api/kb/suggestion-sessions/:id/solved",
    { config: { auth: "user" }, schema: { tags, summary: "“This solved it”", body: SolvedBody, ...one } },
    async (request) =>
      view(await markSuggestionSolved(db, auditOf(request), request.params.id, actorOf(request).user.id, request.body.articleId)),
  );
}
