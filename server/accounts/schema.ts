import { z } from "zod";
import { StreamHealthSchema } from "../inbox/streams/schema.js";
import { ACCOUNT_STATUSES, CONNECTION_STATES, GRANT_PERMISSIONS, GRANT_SUBJECTS, TWO_FACTOR_STATES } from "./model.js";

const Text = (max: number) => z.string().trim().max(max);
const Id = z.string().min(1).max(64);

export const AccountInput = z.strictObject({
  network: z.string().min(1).max(40),
  handle: z.string().trim().min(1, "must not be empty").max(200),
  url: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .max(500)
    .nullable()
    .optional(),
  displayName: Text(200).optional(),
  ownerId: Id.nullable().optional(),
  teamId: Id.nullable().optional(),
  purpose: Text(2000).optional(),
  audience: Text(2000).optional(),
  status: z.enum(ACCOUNT_STATUSES).optional(),
  twoFactor: z.enum(TWO_FACTOR_STATES).optional(),
  recoveryContact: Text(500).optional(),
  notes: Text(10_000).optional(),
  lastActivityAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type AccountInputType = z.infer<typeof AccountInput>;
export const AccountPatch = AccountInput.partial();

const Health = z.object({ level: z.enum(["ok", "warning", "problem"]), reasons: z.array(z.string()) });

export const AccountSummarySchema = z
  .object({
    id: z.string(),
    network: z.string(),
    networkName: z.string(),
    handle: z.string(),
    url: z.string().nullable(),
    displayName: z.string(),
    owner: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
    team: z.object({ id: z.string(), name: z.string() }).nullable(),
    status: z.enum(ACCOUNT_STATUSES),
    twoFactor: z.enum(TWO_FACTOR_STATES),
    connectionStatus: z.enum(CONNECTION_STATES),
    lastActivityAt: z.string().nullable(),
    health: Health,
  })
  .meta({ id: "AccountSummary" });

export const GrantSchema = z.object({
  subjectType: z.enum(GRANT_SUBJECTS),
  subjectId: z.string(),
  subjectName: z.string(),
  permissions: z.array(z.enum(GRANT_PERMISSIONS)),
});

export const AccountDetailSchema = AccountSummarySchema.extend({
  purpose: z.string(),
  audience: z.string(),
  recoveryContact: z.string().describe("Shown only to people with view access to the account"),
  notes: z.string(),
  connection: z.object({
    externalId: z.string().nullable(),
    connectedAt: z.string().nullable(),
    tokenExpiresAt: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
    credentials: z
      .array(z.object({ kind: z.string(), expiresAt: z.string().nullable(), updatedAt: z.string() }))
      .describe("What is stored, never the values"),
    stream: StreamHealthSchema.nullable().describe("The live stream (X filtered stream, Mastodon streaming) in this server process"),
  }),
  grants: z.array(GrantSchema),
  yourPermissions: z.array(z.enum(GRANT_PERMISSIONS)),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: "AccountDetail" });

export const AccountListQuery = z.strictObject({
  q: z.string().max(200).optional(),
  network: z.string().max(40).optional(),
  status: z.enum(ACCOUNT_STATUSES).optional(),
  ownerId: Id.optional(),
  teamId: Id.optional(),
  health: z.enum(["ok", "warning", "problem"]).optional(),
});

export const GrantsBody = z.strictObject({
  grants: z
    .array(z.strictObject({ subjectType: z.enum(GRANT_SUBJECTS), subjectId: Id, permissions: z.array(z.enum(GRANT_PERMISSIONS)).min(1) }))
    .max(500),
});

export const NetworkSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(["connector", "planned", "inventory-only", "defunct"]),
  connect: z
    .object({
      kind: z.enum(["oauth2", "app_password", "api_key", "none"]),
      selfHosted: z.boolean().describe("The account's server address is asked for (Mastodon, WordPress, a Bluesky PDS)"),
      appRegistration: z
        .enum(["operator", "per-instance"])
        .nullable()
        .describe("OAuth only: `operator` = an administrator registers the app under Network apps first"),
    })
    .nullable()
    .describe("How an account on this network is connected; null when Switchboard has no connector for it"),
  threads: z.boolean().describe("Switchboard can publish a thread (replies after the first part) here"),
});
