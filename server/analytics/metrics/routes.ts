import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorResponses } from "../../http/errorBody.js";
import type { Services } from "../../services.js";
import { channelMetrics } from "./channelReport.js";
import { listChannels } from "./channels.js";
import { channelCsv } from "./csv.js";
import { postMetrics } from "./postReport.js";
import { AccountParams, ChannelCsvQuery, ChannelList, ChannelMetrics, MetricsQuery, PostMetrics, PostParams } from "./schema.js";
import { metricsDb } from "./tables.js";

const tags = ["analytics"];

/** Network metrics dashboards: channels, one channel, one post (read-only; collection is a job). */
export async function networkMetricsRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = metricsDb(services.db);

  app.get(
    "/api/analytics/channels",
    {
      config: { permission: "posts.read" },
      schema: {
        tags,
        summary: "Channels with their latest followers and metrics collection status",
        response: { 200: ChannelList, ...errorResponses },
      },
    },
    async () => ({ items: await listChannels(db, services.connectors) }),
  );

  app.get(
    "/api/analytics/channels/:accountId/metrics",
    {
      config: { permission: "posts.read" },
      schema: {
        tags,
        summary: "A channel's network metrics: followers, daily growth against the previous period, top posts, gaps, sync status",
        params: AccountParams,
        querystring: MetricsQuery,
        response: { 200: ChannelMetrics, ...errorResponses },
      },
    },
    async (request) => channelMetrics(db, services.connectors, request.params.accountId, request.query),
  );

  app.get(
    "/api/analytics/channels/:accountId/metrics.csv",
    {
      config: { permission: "posts.read" },
      schema: {
        tags,
        summary: "One of the channel dashboard's tables (daily, posts, gaps) as CSV",
        params: AccountParams,
        querystring: ChannelCsvQuery,
        produces: ["text/csv"],
      },
    },
    async (request, reply) => {
      const { table, ...query } = request.query;
      const report = await channelMetrics(db, services.connectors, request.params.accountId, query);
      const name = `${report.channel.network}-${report.channel.handle}-${table}-${report.range.from}-${report.range.to}`.replace(
        /[^\w.-]+/g,
        "_",
      );
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${name}.csv"`)
        .send(channelCsv(report, table));
    },
  );

  app.get(
    "/api/analytics/posts/:postId/metrics",
    {
      config: { permission: "posts.read" },
      schema: {
        tags,
        summary: "A post's network metrics on each channel it was published to",
        params: PostParams,
        querystring: MetricsQuery,
        response: { 200: PostMetrics, ...errorResponses },
      },
    },
    async (request) => postMetrics(db, services.connectors, request.params.postId, request.query),
  );
}
