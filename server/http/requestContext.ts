import type { FastifyRequest } from "fastify";
import type { AuditActor } from "../audit/context.js";
import { auditActorOf } from "../identity/actor.js";

/** The audit identity of a request: who, from which address, which request. */
export const auditOf = (request: FastifyRequest): AuditActor => auditActorOf(request.actor, request.ip, request.id);

export const clientMeta = (request: FastifyRequest) => ({
  ip: request.ip ?? null,
  userAgent: request.headers["user-agent"] ?? null,
  requestId: request.id,
});
