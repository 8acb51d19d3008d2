import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { renderSVG } from "uqr";
import { z } from "zod";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import { IdParams } from "../identity/schema.js";
import type { Services } from "../services.js";
import { createLink } from "./createLink.js";
import { registerRedirect } from "./redirect.js";
import { startLinkRuntime } from "./runtime.js";
import {
  CampaignParams,
  ClickSeries,
  ClicksQuery,
  CreateLinkBody,
  LinkList,
  LinkListQuery,
  LinkView,
  QrQuery,
  ShortenBody,
  ShortenResult,
  UpdateLinkBody,
  UtmInput,
  UtmPresetView,
} from "./schema.js";
import { shortenPostLinks } from "./shortenPostLinks.js";
import { clickSeries, getLinkView, listLinks } from "./store.js";
import { linksDb } from "./tables.js";
import { updateLink } from "./updateLink.js";
import { getUtmPreset, saveUtmPreset } from "./utmPresets.js";

const tags = ["links"];

/**
 * Tracked links: the public redirector at /l/:code and the API behind the Links page. Anyone who may
 * write posts may make links (they are part of writing a post); anyone who may read posts sees them
 * and their clicks; campaign UTM presets belong to whoever manages campaigns (accounts.manage).
 */
export async function linkRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = linksDb(services.db);
  const { baseUrl } = services.config;
  const runtime = await startLinkRuntime(services.db, services.capabilities, app.log);
  app.addHook("onClose", async () => runtime.close());
  await runtime.salts.refresh();
  registerRedirect(app, runtime, baseUrl, services.config.trustProxy);

  app.get(
    "/api/links",
    {
      config: { permission: "posts.read" },
      schema: {
        tags,
        summary: "Short links, newest first, with their click counts",
        querystring: LinkListQuery,
        response: { 200: LinkList, ...errorResponses },
      },
    },
    async (request) => listLinks(db, baseUrl, request.query),
  );

  app.post(
    "/api/links",
    {
      config: { permission: "posts.write" },
      schema: { tags, summary: "Make a short link", body: CreateLinkBody, response: { 201: LinkView, ...errorResponses } },
    },
    async (request, reply) => {
      const link = await createLink(db, auditOf(request), request.body, baseUrl);
      return reply.code(201).send(await getLinkView(db, baseUrl, link.id));
    },
  );

  app.get(
    "/api/links/:id",
    {
      config: { permission: "posts.read" },
      schema: { tags, summary: "One short link", params: IdParams, response: { 200: LinkView, ...errorResponses } },
    },
    async (request) => getLinkView(db, baseUrl, request.params.id),
  );

  app.patch(
    "/api/links/:id",
    {
      config: { permission: "posts.write" },
      schema: {
        tags,
        summary: "Change a link's destination, expiry or UTM values, or archive it",
        params: IdParams,
        body: UpdateLinkBody,
        response: { 200: LinkView, ...errorResponses },
      },
    },
    async (request) => {
      const code = await updateLink(db, auditOf(request), request.params.id, request.body, baseUrl);
      runtime.cache.invalidate(code);
      return getLinkView(db, baseUrl, request.params.id);
    },
  );

  app.get(
    "/api/links/:id/clicks",
    {
      config: { permission: "posts.read" },
      schema: {
        tags,
        summary: "Counted clicks per hour or per day (from the hourly rollup, up to a minute behind)",
        params: IdParams,
        querystring: ClicksQuery,
        response: { 200: ClickSeries, ...errorResponses },
      },
    },
    async (request) => clickSeries(db, request.params.id, request.query),
  );

  app.get(
    "/api/links/:id/qr.svg",
    {
      config: { permission: "posts.read" },
      schema: { tags, summary: "The link's QR code as SVG (`?download=1` to save it)", params: IdParams, querystring: QrQuery },
    },
    async (request, reply) => {
      const link = await getLinkView(db, baseUrl, request.params.id);
      const svg = renderSVG(link.shortUrl, { border: 2, ecc: "M" });
      reply.header("content-type", "image/svg+xml; charset=utf-8").header("cache-control", "private, max-age=3600");
      if (request.query.download) reply.header("content-disposition", `attachment; filename="link-${link.code}.svg"`);
      return reply.send(svg);
    },
  );

  app.get(
    "/api/links/campaigns/:campaignId/utm",
    {
      config: { permission: "posts.read" },
      schema: { tags, summary: "A campaign's UTM preset", params: CampaignParams, response: { 200: UtmPresetView, ...errorResponses } },
    },
    async (request) => ({ campaignId: request.params.campaignId, ...(await getUtmPreset(db, request.params.campaignId)) }),
  );

  app.put(
    "/api/links/campaigns/:campaignId/utm",
    {
      config: { permission: "accounts.manage" },
      schema: {
        tags,
        summary: "Set a campaign's UTM preset; values may use {network}, {account} and {campaign}",
        params: CampaignParams,
        body: z.strictObject({ utm: UtmInput }),
        response: { 200: UtmPresetView, ...errorResponses },
      },
    },
    async (request) => {
      await saveUtmPreset(db, auditOf(request), request.params.campaignId, request.body.utm);
      return { campaignId: request.params.campaignId, ...(await getUtmPreset(db, request.params.campaignId)) };
    },
  );

  app.post(
    "/api/links/shorten",
    {
      config: { permission: "posts.write" },
      schema: {
        tags,
        summary: "Replace every http(s) address in a post's text with a tracked link for that post, channel and campaign",
        body: ShortenBody,
        response: { 200: ShortenResult, ...errorResponses },
      },
    },
    async (request) => shortenPostLinks(db, auditOf(request), request.body, baseUrl),
  );
}
