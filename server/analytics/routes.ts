import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../errors.js";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import type { Services } from "../services.js";
import { addCost } from "./addCost.js";
import { registerBestTimeRoutes } from "./bestTime/routes.js";
import { registerConversionRoutes } from "./conversionRoutes.js";
import { conversionSecretMeta, rotateConversionSecret } from "./conversionSecret.js";
import { listCosts } from "./costs.js";
import { deleteCost } from "./deleteCost.js";
import { assertAnalyticsAdmin } from "./policies.js";
import { registerPracticeRoutes } from "./practice/routes.js";
import { buildReport, resolveRange } from "./report.js";
import { CampaignParams, CostBody, CostParams, CostView, Report, ReportQuery, SecretResult, SettingsBody, SettingsView } from "./schema.js";
import { serviceReport } from "./service.js";
import { ServiceReport } from "./serviceSchema.js";
import { readSettings, saveSettings } from "./settings.js";
import { analyticsDb } from "./tables.js";

const tags = ["analytics"];
const minor = (v: number | null | undefined) => (v === null || v === undefined ? v : Math.round(v * 100));

/** Dashboards (read from the daily rollup), campaign costs, the analytics settings, and the website's conversion endpoints. */
export async function analyticsRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = analyticsDb(services.db);
  await registerConversionRoutes(app, services);
  await registerBestTimeRoutes(app, services);
  await registerPracticeRoutes(app, services);

  const settingsView = async () => {
    const s = await readSettings(db);
    return {
      currency: s.currency,
      cpm: s.cpmMinor === null ? null : s.cpmMinor / 100,
      cpc: s.cpcMinor === null ? null : s.cpcMinor / 100,
      pixelEnabled: s.pixelEnabled,
      signingSecret: await conversionSecretMeta(services.db),
      updatedAt: s.updatedAt,
    };
  };

  app.get(
    "/api/analytics/report",
    {
      config: { permission: "posts.read" },
      schema: {
        tags,
        summary: "A dashboard: totals against the previous period, a daily series, and tables per campaign, channel, post and link",
        querystring: ReportQuery,
        response: { 200: Report, ...errorResponses },
      },
    },
    async (request) => buildReport(db, request.query),
  );

  app.get(
    "/api/analytics/service",
    {
      config: { permission: "inbox.read" },
      schema: {
        tags,
        summary: "Inbox and help desk response times per team, queue and agent",
        querystring: ReportQuery.pick({ from: true, to: true }),
        response: { 200: ServiceReport, ...errorResponses },
      },
    },
    async (request) => {
      const range = resolveRange(request.query);
      return serviceReport(db, range.from, range.to);
    },
  );

  app.get(
    "/api/analytics/settings",
    {
      config: { permission: "posts.read" },
      schema: {
        tags,
        summary: "Reporting currency, modelled-value figures, pixel switch",
        response: { 200: SettingsView, ...errorResponses },
      },
    },
    settingsView,
  );

  app.patch(
    "/api/analytics/settings",
    {
      config: { permission: "accounts.manage" },
      schema: {
        tags,
        summary: "Change the analytics settings (admins)",
        body: SettingsBody,
        response: { 200: SettingsView, ...errorResponses },
      },
    },
    async (request) => {
      assertAnalyticsAdmin(request);
      const { currency, cpm, cpc, pixelEnabled } = request.body;
      await saveSettings(db, auditOf(request), {
        ...(currency !== undefined ? { currency } : {}),
        ...(cpm !== undefined ? { cpmMinor: minor(cpm) } : {}),
        ...(cpc !== undefined ? { cpcMinor: minor(cpc) } : {}),
        ...(pixelEnabled !== undefined ? { pixelEnabled } : {}),
      });
      return settingsView();
    },
  );

  app.post(
    "/api/analytics/conversion-secret",
    {
      config: { permission: "accounts.manage" },
      schema: {
        tags,
        summary: "Make a new signing secret for website conversions (shown once; the old one stops working)",
        response: { 200: SecretResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      assertAnalyticsAdmin(request);
      const secret = await rotateConversionSecret(services.db, services.keyring, auditOf(request));
      reply.header("cache-control", "no-store");
      return { secret };
    },
  );

  app.get(
    "/api/analytics/campaigns/:campaignId/costs",
    {
      config: { permission: "posts.read" },
      schema: {
        tags,
        summary: "A campaign's cost entries",
        params: CampaignParams,
        response: { 200: z.object({ items: z.array(CostView) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listCosts(db, request.params.campaignId) }),
  );

  app.post(
    "/api/analytics/campaigns/:campaignId/costs",
    {
      config: { permission: "accounts.manage" },
      schema: {
        tags,
        summary: "Add a cost to a campaign: money, or hours × an hourly rate, in the reporting currency",
        params: CampaignParams,
        body: CostBody,
        response: { 201: CostView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await addCost(db, auditOf(request), request.params.campaignId, request.body);
      const cost = (await listCosts(db, request.params.campaignId)).find((c) => c.id === id);
      if (!cost) throw notFound("That cost", "cost_not_found");
      return reply.code(201).send(cost);
    },
  );

  app.delete(
    "/api/analytics/campaigns/:campaignId/costs/:costId",
    {
      config: { permission: "accounts.manage" },
      schema: { tags, summary: "Remove a cost entry", params: CostParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await deleteCost(db, auditOf(request), request.params.campaignId, request.params.costId);
      return reply.code(204).send(null);
    },
  );
}
