import type { AccountStatus, ConnectionStatus, GrantPermission, HealthLevel, TwoFactorState } from "../../api/types.js";

/** How the inventory's vocabulary reads in the UI, and which colour each value gets. */

export const STATUS_LABELS: Record<AccountStatus, string> = {
  active: "Active",
  dormant: "Dormant",
  retired: "Retired",
  reported_rogue: "Reported rogue",
};

export const STATUS_HINTS: Record<AccountStatus, string> = {
  active: "In use.",
  dormant: "Kept, but not posting.",
  retired: "No longer used; kept on record.",
  reported_rogue: "Fake or unauthorised, reported to the network.",
};

export const STATUS_BADGES: Record<AccountStatus, string> = {
  active: "badge badge-ok",
  dormant: "badge",
  retired: "badge badge-quiet",
  reported_rogue: "badge badge-danger",
};

export const TWO_FACTOR_LABELS: Record<TwoFactorState, string> = { enabled: "On", disabled: "Off", unknown: "Unknown" };

export const TWO_FACTOR_CLASSES: Record<TwoFactorState, string> = {
  enabled: "status",
  disabled: "status status-bad",
  unknown: "status status-off",
};

export const CONNECTION_LABELS: Record<ConnectionStatus, string> = {
  not_connected: "Not connected",
  connected: "Connected",
  needs_reconnect: "Needs reconnecting",
  error: "Error",
};

export const CONNECTION_CLASSES: Record<ConnectionStatus, string> = {
  not_connected: "status status-off",
  connected: "status",
  needs_reconnect: "status status-bad",
  error: "status status-bad",
};

export const HEALTH_LABELS: Record<HealthLevel, string> = { ok: "OK", warning: "Warning", problem: "Problem" };

export const HEALTH_CLASSES: Record<HealthLevel, string> = { ok: "status", warning: "status status-warn", problem: "status status-bad" };

export const GRANT_PERMISSIONS: readonly GrantPermission[] = ["view", "draft", "publish", "reply", "manage"];

export const PERMISSION_LABELS: Record<GrantPermission, string> = {
  view: "View",
  draft: "Draft",
  publish: "Publish",
  reply: "Reply",
  manage: "Manage",
};

export const PERMISSION_HINTS: Record<GrantPermission, string> = {
  view: "See the account, its recovery contact and notes",
  draft: "Write drafts for it",
  publish: "Publish posts on it",
  reply: "Answer comments and messages",
  manage: "Edit it and decide who has access",
};
