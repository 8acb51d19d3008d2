import { randomUUID } from "node:crypto";
import type { AppCredentials } from "../../connectors/types.js";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import type { Keyring } from "../vault/keyring.js";
import { putSecret, readSecret } from "../vault/secrets.js";

/** The vault owner of a network app's client secret. */
const secretOwner = (appId: string) => ({ type: "network_app" as const, id: appId });

export interface NetworkAppView {
  id: string;
  network: string;
  baseUrl: string;
  clientId: string;
  hasSecret: boolean;
  /** X: whether the app-only Bearer token its filtered stream needs is in the vault. */
  hasBearerToken: boolean;
  updatedAt: string;
}

/** Records the app registered on a network (client id, and its secret in the vault). */
export async function saveNetworkApp(
  db: Database,
  keyring: Keyring,
  actor: AuditActor | null,
  input: { network: string; baseUrl?: string; clientId: string; clientSecret?: string | undefined; bearerToken?: string | undefined },
): Promise<string> {
  const baseUrl = input.baseUrl ?? "";
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("network_apps")
      .select("id")
      .where("network", "=", input.network)
      .where("base_url", "=", baseUrl)
      .executeTakeFirst();
    const id = existing?.id ?? randomUUID();
    const now = new Date().toISOString();
    if (existing) await trx.updateTable("network_apps").set({ client_id: input.clientId, updated_at: now }).where("id", "=", id).execute();
    else
      await trx
        .insertInto("network_apps")
        .values({ id, network: input.network, base_url: baseUrl, client_id: input.clientId, created_at: now, updated_at: now })
        .execute();
    if (input.clientSecret !== undefined) await putSecret(trx, keyring, secretOwner(id), "client_secret", input.clientSecret);
    if (input.bearerToken !== undefined) await putSecret(trx, keyring, secretOwner(id), "api_key", input.bearerToken);
    if (actor) {
      await recordAudit(trx, actor, {
        action: "network_app.saved",
        targetType: "network_app",
        targetId: id,
        summary: `Saved the ${input.network} app${baseUrl ? ` for ${baseUrl}` : ""} (client id ${input.clientId})`,
        changes: {
          network: input.network,
          baseUrl,
          clientId: input.clientId,
          clientSecret: input.clientSecret === undefined ? "unchanged" : "set",
          ...(input.bearerToken === undefined ? {} : { bearerToken: "set" }),
        },
      });
    }
    return id;
  });
}

export async function loadNetworkApp(db: Database, keyring: Keyring, network: string, baseUrl = ""): Promise<AppCredentials | undefined> {
  const row = await db
    .selectFrom("network_apps")
    .selectAll()
    .where("network", "=", network)
    .where("base_url", "=", baseUrl)
    .executeTakeFirst();
  if (!row) return undefined;
  const clientSecret = await readSecret(db, keyring, secretOwner(row.id), "client_secret");
  return { clientId: row.client_id, ...(clientSecret !== undefined ? { clientSecret } : {}) };
}

export async function listNetworkApps(db: Database): Promise<NetworkAppView[]> {
  const rows = await db.selectFrom("network_apps").selectAll().orderBy("network").orderBy("base_url").execute();
  const secrets = await db.selectFrom("vault_secrets").select(["owner_id", "kind"]).where("owner_type", "=", "network_app").execute();
  const withSecret = new Set(secrets.filter((s) => s.kind === "client_secret").map((s) => s.owner_id));
  const withBearer = new Set(secrets.filter((s) => s.kind === "api_key").map((s) => s.owner_id));
  return rows.map((r) => ({
    id: r.id,
    network: r.network,
    baseUrl: r.base_url,
    clientId: r.client_id,
    hasSecret: withSecret.has(r.id),
    hasBearerToken: withBearer.has(r.id),
    updatedAt: r.updated_at,
  }));
}
