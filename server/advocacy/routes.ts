import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { notFound } from "../errors.js";
import { actorOf } from "../http/auth.js";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import { IdParams } from "../identity/schema.js";
import type { Services } from "../services.js";
import { checkShare } from "./checkShare.js";
import { cancelShare, confirmShare } from "./confirmShare.js";
import { prepareShare } from "./prepareShare.js";
import { createItem, expireItem, updateItem } from "./saveItem.js";
import {
  CheckBody,
  CheckView,
  ItemBody,
  ItemList,
  ItemQuery,
  ItemSharesView,
  ItemView,
  PeopleView,
  ShareBody,
  ShareView,
} from "./schema.js";
import { getItem, getShare, itemShares, listItems, peopleTotals, sharesCsv } from "./store.js";
import { advocacyDb } from "./tables.js";

const tags = ["advocacy"];

/**
 * Employee advocacy: leads (advocacy.manage) curate items; everyone (advocacy.share) reads the active
 * ones, checks their text and shares through the network's share intent, each share with its own link.
 */
export async function advocacyRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = advocacyDb(services.db);
  const { baseUrl } = services.config;
  const me = (request: FastifyRequest) => actorOf(request).user.id;
  const userAudit = (request: FastifyRequest) => ({ ...auditOf(request), actorId: me(request) });
  /** An expired item is the managers' business; to everyone else it no longer exists. */
  const visibleItem = async (request: FastifyRequest, id: string) => {
    const item = await getItem(db, me(request), id);
    if (item.status === "expired" && !actorOf(request).permissions.has("advocacy.manage")) {
      throw notFound("That item", "advocacy_item_not_found");
    }
    return item;
  };

  app.get(
    "/api/advocacy/items",
    {
      config: { permission: "advocacy.share" },
      schema: {
        tags,
        summary: "Items to share, newest first (expired ones and `status=all` for advocacy managers)",
        querystring: ItemQuery,
        response: { 200: ItemList, ...errorResponses },
      },
    },
    async (request) => {
      const manager = actorOf(request).permissions.has("advocacy.manage");
      return listItems(db, me(request), { ...request.query, status: manager ? request.query.status : "active" });
    },
  );

  app.get(
    "/api/advocacy/items/:id",
    {
      config: { permission: "advocacy.share" },
      schema: { tags, summary: "One item", params: IdParams, response: { 200: ItemView, ...errorResponses } },
    },
    async (request) => visibleItem(request, request.params.id),
  );

  app.post(
    "/api/advocacy/items",
    {
      config: { permission: "advocacy.manage" },
      schema: { tags, summary: "Curate an item for employees to share", body: ItemBody, response: { 201: ItemView, ...errorResponses } },
    },
    async (request, reply) => {
      const id = await createItem(services, auditOf(request), request.body);
      return reply.code(201).send(await getItem(db, me(request), id));
    },
  );

  app.put(
    "/api/advocacy/items/:id",
    {
      config: { permission: "advocacy.manage" },
      schema: {
        tags,
        summary: "Change an item (links already shared keep their destination)",
        params: IdParams,
        body: ItemBody,
        response: { 200: ItemView, ...errorResponses },
      },
    },
    async (request) => {
      await updateItem(services, auditOf(request), request.params.id, request.body);
      return getItem(db, me(request), request.params.id);
    },
  );

  app.post(
    "/api/advocacy/items/:id/expire",
    {
      config: { permission: "advocacy.manage" },
      schema: { tags, summary: "Stop sharing an item now", params: IdParams, response: { 200: ItemView, ...errorResponses } },
    },
    async (request) => {
      await expireItem(services, auditOf(request), request.params.id);
      return getItem(db, me(request), request.params.id);
    },
  );

  app.get(
    "/api/advocacy/items/:id/shares",
    {
      config: { permission: "advocacy.manage" },
      schema: {
        tags,
        summary: "Every share of an item with its clicks, and totals per person",
        params: IdParams,
        response: { 200: ItemSharesView, ...errorResponses },
      },
    },
    async (request) => itemShares(db, me(request), request.params.id, baseUrl),
  );

  app.get(
    "/api/advocacy/people",
    {
      config: { permission: "advocacy.manage" },
      schema: {
        tags,
        summary: "Everyone who has shared: shares, items and clicks across all items",
        response: { 200: PeopleView, ...errorResponses },
      },
    },
    async () => peopleTotals(db),
  );

  app.get(
    "/api/advocacy/shares.csv",
    {
      config: { permission: "advocacy.manage" },
      schema: { tags, summary: "Every share as CSV: item, employee, network, status, times, short link, clicks", produces: ["text/csv"] },
    },
    async (_request, reply) => {
      const date = new Date().toISOString().slice(0, 10);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="switchboard-advocacy-${date}.csv"`)
        .send(await sharesCsv(db, baseUrl));
    },
  );

  app.post(
    "/api/advocacy/items/:id/check",
    {
      config: { permission: "advocacy.share" },
      schema: {
        tags,
        summary: "Check your text for an item: the policy's findings and, per network, length and where the disclosure shows",
        params: IdParams,
        body: CheckBody,
        response: { 200: CheckView, ...errorResponses },
      },
    },
    async (request) => {
      const item = await visibleItem(request, request.params.id);
      return checkShare(services, item, item.networks, request.body.text, baseUrl);
    },
  );

  app.post(
    "/api/advocacy/items/:id/shares",
    {
      config: { permission: "advocacy.share" },
      schema: {
        tags,
        summary: "Share an item: checks the text (no override), makes the share's short link, answers the network's compose URL",
        params: IdParams,
        body: ShareBody,
        response: { 201: ShareView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await prepareShare(services, userAudit(request), request.params.id, request.body);
      return reply.code(201).send(await getShare(db, me(request), id, baseUrl));
    },
  );

  app.get(
    "/api/advocacy/shares/:id",
    {
      config: { permission: "advocacy.share" },
      schema: { tags, summary: "One of your shares", params: IdParams, response: { 200: ShareView, ...errorResponses } },
    },
    async (request) => getShare(db, me(request), request.params.id, baseUrl),
  );

  app.post(
    "/api/advocacy/shares/:id/confirm",
    {
      config: { permission: "advocacy.share" },
      schema: { tags, summary: "I posted it: the share counts", params: IdParams, response: { 200: ShareView, ...errorResponses } },
    },
    async (request) => {
      await confirmShare(services.db, userAudit(request), request.params.id);
      return getShare(db, me(request), request.params.id, baseUrl);
    },
  );

  app.post(
    "/api/advocacy/shares/:id/cancel",
    {
      config: { permission: "advocacy.share" },
      schema: { tags, summary: "I did not post it after all", params: IdParams, response: { 200: ShareView, ...errorResponses } },
    },
    async (request) => {
      await cancelShare(services.db, userAudit(request), request.params.id);
      return getShare(db, me(request), request.params.id, baseUrl);
    },
  );
}
