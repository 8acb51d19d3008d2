/**
 * The shapes the API answers with, written from server/identity/schema.ts,
 * server/audit/routes.ts, server/accounts/schema.ts, server/offboarding/routes.ts,
 * server/connections/routes.ts and server/notifications/routes.ts
 * (the same as GET /api/openapi.json describes).
 */

export type Role = "admin" | "lead" | "contributor" | "approver" | "agent" | "employee" | "viewer";
export type Permission =
  | "users.read"
  | "users.manage"
  | "teams.read"
  | "teams.manage"
  | "audit.read"
  | "tokens.manage"
  | "accounts.read"
  | "accounts.manage"
  | "posts.read"
  | "posts.write"
  | "posts.review"
  | "publishing.pause"
  | "policy.check"
  | "policy.manage"
  | "kb.manage"
  | "inbox.read"
  | "inbox.work"
  | "inbox.manage"
  | "requests.work"
  | "requests.manage"
  | "training.manage"
  | "attestation.manage"
  | "advocacy.share"
  | "advocacy.manage";

export interface User {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  teams: { id: string; name: string; role: string }[];
  disabled: boolean;
  hasPassword: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Me {
  user: User;
  permissions: Permission[];
  authMethod: "session" | "token";
}

export interface RoleInfo {
  role: Role;
  description: string;
  permissions: Permission[];
}

export interface RolesCatalogue {
  roles: RoleInfo[];
  permissions: Permission[];
}

export type TeamMemberRole = "member" | "lead";

export interface TeamMember {
  userId: string;
  name: string;
  email: string;
  role: TeamMemberRole;
}

export interface Team {
  id: string;
  name: string;
  description: string;
  members: TeamMember[];
  createdAt: string;
  updatedAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  scopes: Permission[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}

export interface AuditEvent {
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: string;
  changes: unknown;
  ip: string | null;
  requestId: string | null;
  hash: string;
}

export interface AuditPage {
  events: AuditEvent[];
  nextBefore: number | null;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBad?: { seq: number; reason: string };
}

export type NetworkStatus = "connector" | "planned" | "inventory-only" | "defunct";

export interface Network {
  id: string;
  name: string;
  status: NetworkStatus;
  /** How an account on the network is connected; null when there is no connector. */
  connect: {
    kind: "oauth2" | "app_password" | "api_key" | "none";
    selfHosted: boolean;
    appRegistration: "operator" | "per-instance" | null;
  } | null;
  /** Switchboard can publish a thread here. */
  threads: boolean;
}

export type AccountStatus = "active" | "dormant" | "retired" | "reported_rogue";
export type TwoFactorState = "enabled" | "disabled" | "unknown";
export type ConnectionStatus = "not_connected" | "connected" | "needs_reconnect" | "error";
export type HealthLevel = "ok" | "warning" | "problem";
/** `manage` implies all the others; draft, publish and reply each imply view. */
export type GrantPermission = "view" | "draft" | "publish" | "reply" | "manage";
export type GrantSubject = "user" | "team";

export interface AccountSummary {
  id: string;
  network: string;
  networkName: string;
  handle: string;
  url: string | null;
  displayName: string;
  owner: { id: string; name: string; email: string } | null;
  team: { id: string; name: string } | null;
  status: AccountStatus;
  twoFactor: TwoFactorState;
  connectionStatus: ConnectionStatus;
  lastActivityAt: string | null;
  health: { level: HealthLevel; reasons: string[] };
}

export interface AccountGrant {
  subjectType: GrantSubject;
  subjectId: string;
  subjectName: string;
  permissions: GrantPermission[];
}

/** Recovery contact, notes, grants and the last error are blank unless `yourPermissions` includes "view". */
export interface AccountDetail extends AccountSummary {
  purpose: string;
  audience: string;
  recoveryContact: string;
  notes: string;
  connection: {
    externalId: string | null;
    connectedAt: string | null;
    tokenExpiresAt: string | null;
    lastSuccessAt: string | null;
    lastError: string | null;
    lastErrorAt: string | null;
    /** What is stored in the vault, never the values. */
    credentials: { kind: string; expiresAt: string | null; updatedAt: string }[];
    /** The live stream (X, Mastodon) as the server process sees it; null when there is none. */
    stream: {
      network: string;
      state: "connecting" | "connected" | "reconnecting" | "off";
      since: string;
      nextAttemptAt: string | null;
      lastError: string | null;
      failures: number;
      received: number;
      malformed: number;
    } | null;
  };
  grants: AccountGrant[];
  yourPermissions: GrantPermission[];
  createdAt: string;
  updatedAt: string;
}

export interface ImportRow {
  /** 1-based line in the file; the header is line 1. */
  line: number;
  handle: string;
  status: "created" | "updated" | "unchanged" | "failed";
  errors: { field: string; message: string }[];
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  ignoredColumns: string[];
  rows: ImportRow[];
}

export interface ChecklistItem {
  area: string;
  title: string;
  detail: string;
  accountId?: string;
  done: boolean;
  /** The email (or token label) of whoever ticked it. */
  doneBy?: string;
  doneAt?: string;
}

export interface Offboarding {
  id: string;
  userId: string;
  userEmail: string;
  /** User ids; the API does not name them. */
  reassignedTo: string | null;
  performedBy: string | null;
  summary: string[];
  checklist: ChecklistItem[];
  createdAt: string;
}

/** POST /api/accounts/:id/connect: where to sign in (OAuth), or the account, connected (app password or key). */
export interface ConnectResult {
  authorizationUrl: string | null;
  account: AccountDetail | null;
}

/** An app Switchboard is registered as on a network; the client secret itself never leaves the vault. */
export interface NetworkApp {
  id: string;
  network: string;
  /** The server, for self-hosted networks (one app per Mastodon server); "" otherwise. */
  baseUrl: string;
  clientId: string;
  hasSecret: boolean;
  /** X: whether the Bearer token for its live stream is stored. */
  hasBearerToken: boolean;
  updatedAt: string;
}

export interface NetworkApps {
  /** The callback address to register on each network's side. */
  redirectUri: string;
  apps: NetworkApp[];
}

export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** A path in this app, e.g. /accounts/<id>. */
  link: string | null;
  createdAt: string;
  read: boolean;
}

export interface NotificationList {
  unread: number;
  notifications: AppNotification[];
}
