/**
 * Roles of PRODUCT.md and the permissions each grants. Later areas add their
 * permissions here and to the roles that should hold them; resource-level
 * rules (e.g. "may publish to this account") live in each area's policies.ts.
 */
export const ROLES = ["admin", "lead", "contributor", "approver", "agent", "employee", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "users.read",
  "users.manage",
  "teams.read",
  "teams.manage",
  "audit.read",
  "tokens.manage",
  "accounts.read",
  "accounts.manage",
  "posts.read",
  "posts.write",
  "posts.review",
  "publishing.pause",
  "policy.check",
  "policy.manage",
  "kb.manage",
  "inbox.read",
  "inbox.work",
  "inbox.manage",
  "requests.work",
  "requests.manage",
  "training.manage",
  "attestation.manage",
  "advocacy.share",
  "advocacy.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Everyone may see the inventory: "who owns our Facebook page?" must have an answer.
const EVERYONE: Permission[] = ["users.read", "teams.read", "tokens.manage", "accounts.read", "policy.check", "advocacy.share"];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  lead: [
    ...EVERYONE,
    "teams.manage",
    "accounts.manage",
    "posts.read",
    "posts.write",
    "posts.review",
    "publishing.pause",
    "kb.manage",
    "inbox.read",
    "inbox.work",
    "inbox.manage",
    "requests.work",
    "requests.manage",
    "training.manage",
    "attestation.manage",
    "advocacy.manage",
  ],
  contributor: [...EVERYONE, "posts.read", "posts.write", "posts.review"],
  approver: [...EVERYONE, "posts.read", "posts.review"],
  agent: [...EVERYONE, "inbox.read", "inbox.work", "requests.work"],
  employee: EVERYONE,
  viewer: [...EVERYONE, "posts.read", "inbox.read"],
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "IT: users and teams, the account vault, policies, audit, backups",
  lead: "Social lead / community manager: calendar, campaigns, approvals, analytics",
  contributor: "Drafts posts and replies; publishes what permissions and training allow",
  approver: "PR, legal, compliance or operations: reviews what is routed to them",
  agent: "Customer support: works the inbox",
  employee: "Asks for help, reads the knowledge base, takes training, shares approved content",
  viewer: "Executives: dashboards and reports",
};

export function permissionsForRoles(roles: readonly string[]): Set<Permission> {
  const set = new Set<Permission>();
  for (const role of roles) {
    for (const p of ROLE_PERMISSIONS[role as Role] ?? []) set.add(p);
  }
  return set;
}
