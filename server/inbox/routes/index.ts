import type { FastifyInstance } from "fastify";
import type { Services } from "../../services.js";
import { cannedReplyRoutes } from "../canned/routes.js";
import { contactRoutes } from "../contacts/routes.js";
import { emailChannelRoutes } from "../email/routes.js";
import { inboxConversationRoutes } from "./conversationRoutes.js";
import { inboxRoutingRoutes } from "./routingRoutes.js";

/** Everything under /api/inbox (docs/inbox.md). */
export async function inboxRoutes(app: FastifyInstance, services: Services) {
  await inboxConversationRoutes(app, services);
  await inboxRoutingRoutes(app, services);
  await cannedReplyRoutes(app, services);
  await contactRoutes(app, services);
  await emailChannelRoutes(app, services);
}
