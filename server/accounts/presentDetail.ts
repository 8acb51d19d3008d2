import type { Database } from "../db/database.js";
import { notFound } from "../errors.js";
import type { Actor } from "../identity/actor.js";
import { streamHealthOf } from "../inbox/streams/health.js";
import { listSecretMeta } from "../vault/secrets.js";
import { GRANT_PERMISSIONS } from "./model.js";
import { accountPermissionsOf } from "./policies.js";
import { findAccountRow, listGrants, presentSummary } from "./store.js";

/**
 * One account as the API shows it to this actor. Recovery contact, notes,
 * grants and connection details need view access; nobody ever sees a secret.
 */
export async function presentAccountDetail(db: Database, actor: Actor, id: string) {
  const row = await findAccountRow(db, id);
  if (!row) throw notFound("Account", "account_not_found");
  const yours = await accountPermissionsOf(db, actor, row);
  const canView = yours.has("view");
  const credentials = canView ? await listSecretMeta(db, { type: "account", id }) : [];
  return {
    ...presentSummary(row),
    purpose: row.purpose,
    audience: row.audience,
    recoveryContact: canView ? row.recovery_contact : "",
    notes: canView ? row.notes : "",
    connection: {
      externalId: row.external_id,
      connectedAt: row.connected_at,
      tokenExpiresAt: row.token_expires_at,
      lastSuccessAt: row.last_success_at,
      lastError: canView ? row.last_error : null,
      lastErrorAt: row.last_error_at,
      credentials: credentials.map((c) => ({ kind: c.kind, expiresAt: c.expiresAt, updatedAt: c.updatedAt })),
      stream: presentStream(streamHealthOf(id), canView),
    },
    grants: canView ? await listGrants(db, id) : [],
    yourPermissions: GRANT_PERMISSIONS.filter((p) => yours.has(p)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const presentStream = (h: ReturnType<typeof streamHealthOf>, canView: boolean) =>
  h ? { ...h, lastError: canView ? h.lastError : null } : null;
