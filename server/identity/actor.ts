import type { AuditActor } from "../audit/context.js";
import type { MissingRequirements } from "./permissionGates.js";
import type { Permission, Role } from "./roles.js";

/** The signed-in person a request acts for, and how they proved it. */
export interface ActorUser {
  id: string;
  email: string;
  name: string;
  hasPassword: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Actor {
  user: ActorUser;
  roles: Role[];
  permissions: Set<Permission>;
  /** Permissions the roles grant but an unmet training or policy requirement holds back (permissionGates.ts). */
  withheld?: Map<Permission, MissingRequirements>;
  via: "session" | "token";
  sessionId?: string;
  tokenId?: string;
}

export function auditActorOf(actor: Actor | null, ip: string | null, requestId: string | null): AuditActor {
  if (!actor) return { actorId: null, actorLabel: "anonymous", ip, requestId };
  const label = actor.via === "token" ? `${actor.user.email} (API token)` : actor.user.email;
  return { actorId: actor.user.id, actorLabel: label, ip, requestId };
}
