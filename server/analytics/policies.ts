import type { FastifyRequest } from "fastify";
import { AppError } from "../errors.js";

/**
 * The analytics settings (reporting currency, earned-media figures, the pixel switch, the website's
 * signing secret) are an admin's: the route asks for `accounts.manage` (which an API token can be scoped
 * to), and this asks that the person also be an admin. Cost entries need `accounts.manage` only (leads
 * run campaigns); dashboards need `posts.read`.
 */
export function assertAnalyticsAdmin(request: FastifyRequest): void {
  if (!request.actor?.roles.includes("admin")) {
    throw new AppError(403, "admin_only", "Only an admin can change the analytics settings.");
  }
}
