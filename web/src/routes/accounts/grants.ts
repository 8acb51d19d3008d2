import type { GrantInput } from "../../api/accounts.js";
import type { GrantPermission } from "../../api/types.js";
import { GRANT_PERMISSIONS } from "./labels.js";

const IMPLY_VIEW: readonly GrantPermission[] = ["draft", "publish", "reply"];

/** Everything a set of chosen permissions allows: manage includes all; draft, publish and reply include view. */
export function effectivePermissions(chosen: readonly GrantPermission[]): GrantPermission[] {
  if (chosen.includes("manage")) return [...GRANT_PERMISSIONS];
  const all = new Set(chosen);
  if (all.size > 0) all.add("view");
  return GRANT_PERMISSIONS.filter((p) => all.has(p));
}

/** Whether `permission` is already given by another chosen one (its box shows ticked and locked). */
export function isImplied(permission: GrantPermission, chosen: readonly GrantPermission[]): boolean {
  if (permission === "manage") return false;
  if (chosen.includes("manage")) return true;
  return permission === "view" && chosen.some((p) => IMPLY_VIEW.includes(p));
}

/** The smallest list that grants the same: what is stored is then what was meant. */
export function minimalPermissions(chosen: readonly GrantPermission[]): GrantPermission[] {
  return GRANT_PERMISSIONS.filter((p) => chosen.includes(p) && !isImplied(p, chosen));
}

export interface DraftGrant extends GrantInput {
  subjectName: string;
}
