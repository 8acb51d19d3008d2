import type { AccountsTable } from "../db/schema.js";

export type HealthLevel = "ok" | "warning" | "problem";

export interface AccountHealth {
  level: HealthLevel;
  reasons: string[];
}

const DAY = 86_400_000;

/**
 * A quick answer to "is this account in order?", from what the inventory
 * knows: connection, token expiry, ownership, 2FA and activity.
 */
export function accountHealth(
  a: Pick<
    AccountsTable,
    "status" | "connection_status" | "owner_id" | "two_factor" | "token_expires_at" | "last_error" | "last_activity_at"
  >,
  now = Date.now(),
): AccountHealth {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (a.status === "reported_rogue") problems.push("Reported as a rogue or fake account");
  if (a.connection_status === "needs_reconnect") problems.push("Needs to be reconnected");
  if (a.connection_status === "error") problems.push(a.last_error ? `Connection error: ${a.last_error}` : "Connection error");
  const live = a.status === "active" || a.status === "dormant";
  if (live && !a.owner_id) problems.push("Nobody owns this account");
  if (live && a.two_factor === "disabled") problems.push("Two-factor authentication is off");
  if (live && a.two_factor === "unknown") warnings.push("Two-factor status unknown");
  if (a.token_expires_at && a.connection_status === "connected") {
    const left = Date.parse(a.token_expires_at) - now;
    if (left < 7 * DAY) warnings.push(left <= 0 ? "Access token expired" : "Access token expires within 7 days");
  }
  if (a.status === "active" && a.last_activity_at && now - Date.parse(a.last_activity_at) > 90 * DAY) {
    warnings.push("No activity for 90 days");
  }
  if (problems.length > 0) return { level: "problem", reasons: [...problems, ...warnings] };
  if (warnings.length > 0) return { level: "warning", reasons: warnings };
  return { level: "ok", reasons: [] };
}
