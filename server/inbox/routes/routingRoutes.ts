import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import type { Services } from "../../services.js";
import { loadRoutingRules, replaceRoutingRules } from "../routing/store.js";
import { listParkedEvents } from "./parkedEvents.js";
import { ParkedQuery, ParkedView, RoutingRulesBody, RoutingRuleView } from "./schema.js";

const tags = ["inbox"];

export async function inboxRoutingRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const RulesView = z.object({ rules: z.array(RoutingRuleView) });

  app.get(
    "/api/inbox/routing-rules",
    {
      config: { permission: "inbox.manage" },
      schema: { tags, summary: "The routing rules, in the order they apply", response: { 200: RulesView, ...errorResponses } },
    },
    async () => ({ rules: await loadRoutingRules(db) }),
  );

  app.put(
    "/api/inbox/routing-rules",
    {
      config: { permission: "inbox.manage" },
      schema: {
        tags,
        summary: "Replace all routing rules, in order (ids kept when given)",
        body: RoutingRulesBody,
        response: { 200: RulesView, ...errorResponses },
      },
    },
    async (request) => {
      await replaceRoutingRules(db, auditOf(request), request.body.rules);
      return { rules: await loadRoutingRules(db) };
    },
  );

  app.get(
    "/api/inbox/parked",
    {
      config: { permission: "inbox.manage" },
      schema: {
        tags,
        summary: "Events that could not be placed, newest first (kept for a person to look at)",
        querystring: ParkedQuery,
        response: { 200: ParkedView, ...errorResponses },
      },
    },
    async (request) => ({ items: await listParkedEvents(db, request.query.limit) }),
  );
}
