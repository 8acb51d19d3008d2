import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import type { Logger } from "pino";
import type { HttpClient } from "../connectors/http/types.js";
import { accountCsvRoutes } from "./accounts/csvRoutes.js";
import { accountRoutes } from "./accounts/routes.js";
import { advocacyRoutes } from "./advocacy/routes.js";
import { networkMetricsRoutes } from "./analytics/metrics/routes.js";
import { analyticsRoutes } from "./analytics/routes.js";
import { attestationRoutes } from "./attestation/routes.js";
import { auditRoutes } from "./audit/routes.js";
import type { Config } from "./config.js";
import type { ConnectorCatalog } from "./connections/catalog.js";
import { connectionRoutes } from "./connections/routes.js";
import { createServices } from "./createServices.js";
import type { DatabaseHandle } from "./db/database.js";
import { feedRoutes } from "./feeds/routes.js";
import { registerAuth } from "./http/auth.js";
import { registerCsrf } from "./http/csrf.js";
import { registerErrorHandling } from "./http/errors.js";
import { FastPaths, requestIdOf } from "./http/fastPaths.js";
import { healthRoutes } from "./http/health.js";
import { registerOpenApi } from "./http/openapi.js";
import { registerSecurityHeaders } from "./http/security.js";
import { responseSerializer } from "./http/serializer.js";
import { registerStaticWeb } from "./http/staticWeb.js";
import { authRoutes } from "./identity/routes/auth.js";
import { teamRoutes } from "./identity/routes/teams.js";
import { tokenRoutes } from "./identity/routes/tokens.js";
import { userRoutes } from "./identity/routes/users.js";
import { assignmentRoutes } from "./inbox/assignment/routes.js";
import { crisisRoutes } from "./inbox/crisis/mode/routes.js";
import { leadRoutes } from "./inbox/leads/routes.js";
import { replyApprovalRoutes } from "./inbox/reply/approvalRoutes.js";
import { replyRoutes } from "./inbox/reply/routes.js";
import { inboxRoutes } from "./inbox/routes/index.js";
import { inboxSlaRoutes } from "./inbox/sla/routes.js";
import { metaWebhookRoutes } from "./inbox/webhooks/metaWebhook.js";
import { kbRoutes } from "./kb/routes.js";
import { linkRoutes } from "./links/routes.js";
import { listeningRoutes } from "./listening/routes.js";
import { createLogger } from "./logger.js";
import { mediaRoutes } from "./media/routes.js";
import { notificationRoutes } from "./notifications/routes.js";
import { offboardingRoutes } from "./offboarding/routes.js";
import { policyRoutes } from "./policy/service/routes.js";
import { approvalRoutes } from "./posts/approvals/routes.js";
import { reviewRoutes } from "./posts/engine/reviewRoutes.js";
import { pauseRoutes } from "./posts/pause/routes.js";
import { postRoutes } from "./posts/routes.js";
import { queueRoutes } from "./posts/schedule/routes.js";
import { reportRoutes } from "./reports/routes.js";
import { requestRoutes } from "./requests/routes.js";
import type { Services } from "./services.js";
import { trainingRoutes } from "./training/routes.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Works from both the source tree (server/) and the build (dist/server/). */
const PROJECT_ROOT = path.basename(ROOT) === "dist" ? path.dirname(ROOT) : ROOT;
export const VERSION: string = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).version;

export interface BuildOptions {
  logger?: Logger;
  /** Open this database instead of the one the config names (tests). */
  database?: DatabaseHandle;
  webDir?: string;
  /** Connectors to use instead of the registry's (tests point them at local stand-ins). */
  connectors?: ConnectorCatalog;
  /** Registers extra routes before the app is sealed (benchmarks add a bare baseline route). */
  extend?: (app: FastifyInstance) => void | Promise<void>;
  /** The outbound HTTP client to use instead of one built from the config (tests shorten its timeouts). */
  http?: HttpClient;
  /** Check every response against its route's zod schema before writing it (tests). */
  checkResponses?: boolean;
}

export interface SwitchboardApp {
  app: FastifyInstance;
  services: Services;
  close(): Promise<void>;
}

/** The composition root: everything the server is, built from one config. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<SwitchboardApp> {
  const log = options.logger ?? createLogger(config.logLevel);
  const { services, close: closeServices } = await createServices(config, log, VERSION, {
    ...(options.database ? { database: options.database } : {}),
    ...(options.connectors ? { connectors: options.connectors } : {}),
    ...(options.http ? { http: options.http } : {}),
  });

  const fastPaths = new FastPaths();
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: (req) => requestIdOf(req.headers),
    serverFactory: fastPaths.serverFactory,
    routerOptions: { ignoreTrailingSlash: true },
  });
  // JSON only: other bodies get 415 unsupported_media_type instead of a confusing validation error.
  app.removeContentTypeParser(["text/plain"]);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer(options.checkResponses ?? false));
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  app.decorate("fastPaths", fastPaths);
  registerErrorHandling(app);
  await registerSecurityHeaders(app, config.secureCookies);
  await app.register(cookie);
  registerAuth(app, services.db, { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs });
  registerCsrf(app);
  await registerOpenApi(app, VERSION);

  for (const routes of [
    healthRoutes,
    authRoutes,
    userRoutes,
    teamRoutes,
    tokenRoutes,
    auditRoutes,
    accountRoutes,
    accountCsvRoutes,
    offboardingRoutes,
    connectionRoutes,
    notificationRoutes,
    feedRoutes,
    postRoutes,
    mediaRoutes,
    approvalRoutes,
    queueRoutes,
    policyRoutes,
    crisisRoutes,
    replyRoutes,
    replyApprovalRoutes,
    assignmentRoutes,
    inboxSlaRoutes,
    leadRoutes,
    metaWebhookRoutes,
    listeningRoutes,
    pauseRoutes,
    reviewRoutes,
    kbRoutes,
    inboxRoutes,
    linkRoutes,
    analyticsRoutes,
    networkMetricsRoutes,
    requestRoutes,
    trainingRoutes,
    attestationRoutes,
    advocacyRoutes,
    reportRoutes,
  ]) {
    await app.register(async (scope) => routes(scope, services));
  }
  await registerStaticWeb(app, options.webDir ?? path.join(PROJECT_ROOT, "dist", "web"));
  await options.extend?.(app);
  await app.ready();
  await fastPaths.learnCommonHeaders(app, "/api/health");

  return {
    app,
    services,
    async close() {
      await services.jobs.stop();
      await app.close();
      await closeServices();
    },
  };
}
