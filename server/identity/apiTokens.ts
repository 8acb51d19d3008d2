import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { AppError, notFound } from "../errors.js";
import type { Permission } from "./roles.js";
import { randomToken, safeEqual, sha256 } from "./secrets.js";

/**
 * API tokens look like `sbt_<id>_<secret>`. Only a hash of the secret is
 * stored; the whole token is shown once, when it is created. A token carries
 * scopes (a subset of its owner's permissions) and acts with the intersection
 * of its scopes and the owner's current permissions.
 */
const TOKEN_PATTERN = /^sbt_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: Permission[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}

const present = (row: {
  id: string;
  name: string;
  prefix: string;
  scopes: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}): ApiTokenView => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: JSON.parse(row.scopes) as Permission[],
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
  revoked: row.revoked_at !== null,
});

export async function createApiToken(
  db: Database,
  actor: AuditActor,
  owner: { id: string; permissions: Set<Permission> },
  input: { name: string; scopes: Permission[]; expiresInDays?: number | undefined },
): Promise<{ token: string; view: ApiTokenView }> {
  const notHeld = input.scopes.filter((s) => !owner.permissions.has(s));
  if (notHeld.length > 0) {
    throw new AppError(403, "scope_not_held", "A token cannot have permissions its owner does not have.", { details: { scopes: notHeld } });
  }
  const id = randomUUID().replaceAll("-", "");
  const secret = randomToken();
  const now = Date.now();
  const row = {
    id,
    user_id: owner.id,
    name: input.name.trim(),
    secret_hash: sha256(secret),
    prefix: `sbt_${id.slice(0, 8)}`,
    scopes: JSON.stringify([...new Set(input.scopes)].sort()),
    created_at: new Date(now).toISOString(),
    expires_at: input.expiresInDays ? new Date(now + input.expiresInDays * 86_400_000).toISOString() : null,
    last_used_at: null,
    revoked_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("api_tokens").values(row).execute();
    await recordAudit(trx, actor, {
      action: "token.created",
      targetType: "api_token",
      targetId: id,
      summary: `Created API token "${row.name}" (${row.prefix}) with scopes ${input.scopes.join(", ") || "none"}`,
      changes: { name: row.name, scopes: JSON.parse(row.scopes), expiresAt: row.expires_at },
    });
  });
  return { token: `sbt_${id}_${secret}`, view: present(row) };
}

export async function listApiTokens(db: Database, userId: string): Promise<ApiTokenView[]> {
  const rows = await db.selectFrom("api_tokens").selectAll().where("user_id", "=", userId).orderBy("created_at", "desc").execute();
  return rows.map(present);
}

export async function revokeApiToken(db: Database, actor: AuditActor, userId: string, tokenId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("api_tokens").selectAll().where("id", "=", tokenId).where("user_id", "=", userId).executeTakeFirst();
    if (!row) throw notFound("API token", "token_not_found");
    if (row.revoked_at !== null) return;
    await trx.updateTable("api_tokens").set({ revoked_at: new Date().toISOString() }).where("id", "=", tokenId).execute();
    await recordAudit(trx, actor, {
      action: "token.revoked",
      targetType: "api_token",
      targetId: tokenId,
      summary: `Revoked API token "${row.name}" (${row.prefix})`,
    });
  });
}

export type TokenLookup = { status: "valid"; tokenId: string; userId: string; scopes: Permission[] } | { status: "invalid" | "expired" };

const LAST_USED_INTERVAL_MS = 60_000;

export async function resolveApiToken(db: Database, token: string): Promise<TokenLookup> {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return { status: "invalid" };
  const [, id = "", secret = ""] = match;
  const row = await db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || !safeEqual(row.secret_hash, sha256(secret))) return { status: "invalid" };
  const now = Date.now();
  if (row.revoked_at !== null || (row.expires_at !== null && Date.parse(row.expires_at) <= now)) return { status: "expired" };
  if (!row.last_used_at || now - Date.parse(row.last_used_at) > LAST_USED_INTERVAL_MS) {
    await db
      .updateTable("api_tokens")
      .set({ last_used_at: new Date(now).toISOString() })
      .where("id", "=", id)
      .execute();
  }
  return { status: "valid", tokenId: row.id, userId: row.user_id, scopes: JSON.parse(row.scopes) as Permission[] };
}
