/** The vocabulary of the account inventory. */
export const ACCOUNT_STATUSES = ["active", "dormant", "retired", "reported_rogue"] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const TWO_FACTOR_STATES = ["enabled", "disabled", "unknown"] as const;
export type TwoFactorState = (typeof TWO_FACTOR_STATES)[number];

export const CONNECTION_STATES = ["not_connected", "connected", "needs_reconnect", "error"] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/**
 * What a grant allows on one account. `manage` implies all the others; each
 * of draft, publish and reply implies view.
 */
export const GRANT_PERMISSIONS = ["view", "draft", "publish", "reply", "manage"] as const;
export type GrantPermission = (typeof GRANT_PERMISSIONS)[number];

export const GRANT_SUBJECTS = ["user", "team"] as const;
export type GrantSubject = (typeof GRANT_SUBJECTS)[number];

export function expandGrant(permissions: Iterable<GrantPermission>): Set<GrantPermission> {
  const set = new Set<GrantPermission>(permissions);
  if (set.has("manage")) return new Set(GRANT_PERMISSIONS);
  if (set.size > 0) set.add("view");
  return set;
}

export const normaliseHandle = (handle: string) => handle.trim().replace(/^@/, "").toLowerCase();
