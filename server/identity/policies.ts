import { forbidden } from "../errors.js";
import type { Actor } from "./actor.js";
import type { Permission } from "./roles.js";

/**
 * Who may do what in the identity area. Each area has a policies.ts like this
 * one; routes call these, never check roles themselves.
 */
export const can = (actor: Actor, permission: Permission) => actor.permissions.has(permission);

export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden();
}

export const canManageUsers = (actor: Actor) => can(actor, "users.manage");
export const canManageTeams = (actor: Actor) => can(actor, "teams.manage");
export const canReadAudit = (actor: Actor) => can(actor, "audit.read");

/** A user may change their own profile name; email, roles and status need users.manage. */
export function authorizeUserUpdate(
  actor: Actor,
  targetUserId: string,
  fields: { roles?: unknown; email?: unknown; disabled?: unknown },
): void {
  if (canManageUsers(actor)) return;
  if (actor.user.id === targetUserId && fields.roles === undefined && fields.email === undefined && fields.disabled === undefined) return;
  throw forbidden();
}
