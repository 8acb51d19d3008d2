import { isConnectorError } from "../../connectors/errors.js";
import { findNetwork } from "../../connectors/registry.js";
import type { Profile } from "../../connectors/types.js";
import type { AuditActor } from "../audit/context.js";
import { systemActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { notify } from "../notifications/notify.js";

/** The network as people call it ("Mastodon", not "mastodon"). */
const networkName = (id: string) => findNetwork(id)?.name ?? id;

/** After a connect: the account is connected as this profile. */
export async function markConnected(db: Database, actor: AuditActor, accountId: string, profile: Profile): Promise<void> {
  const now = new Date().toISOString();
  const account = await db.selectFrom("accounts").select(["network", "handle"]).where("id", "=", accountId).executeTakeFirstOrThrow();
  await db
    .updateTable("accounts")
    .set({
      connection_status: "connected",
      external_id: profile.externalId,
      connected_at: now,
      last_success_at: now,
      last_error: null,
      last_error_at: null,
      updated_at: now,
    })
    .where("id", "=", accountId)
    .execute();
  await recordAudit(db, actor, {
    action: "account.connected",
    targetType: "account",
    targetId: accountId,
    summary: `Connected ${networkName(account.network)} account ${account.handle} as ${profile.handle} (${profile.externalId})`,
    changes: { externalId: profile.externalId, handle: profile.handle },
  });
}

/** A call to the network worked: the connection is healthy. */
export async function recordSuccess(db: Database, accountId: string): Promise<void> {
  const now = new Date().toISOString();
  await db
    .updateTable("accounts")
    .set({ last_success_at: now, connection_status: "connected", last_error: null })
    .where("id", "=", accountId)
    .execute();
}

/**
 * A call to the network failed. Refused credentials mean the account needs
 * reconnecting: it is marked, audited, and its owner is told. Other failures
 * are recorded for the health view and leave the connection as it was.
 */
export async function recordFailure(db: Database, accountId: string, error: unknown): Promise<void> {
  const now = new Date().toISOString();
  const message = error instanceof Error ? error.message.slice(0, 500) : "unknown error";
  if (!isConnectorError(error, "auth_expired")) {
    await db.updateTable("accounts").set({ last_error: message, last_error_at: now }).where("id", "=", accountId).execute();
    return;
  }
  await db.transaction().execute(async (trx) => {
    const account = await trx
      .selectFrom("accounts")
      .select(["network", "handle", "owner_id", "connection_status"])
      .where("id", "=", accountId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("accounts")
      .set({ connection_status: "needs_reconnect", last_error: message, last_error_at: now, updated_at: now })
      .where("id", "=", accountId)
      .execute();
    if (account.connection_status === "needs_reconnect") return;
    await recordAudit(trx, systemActor("connections"), {
      action: "account.needs_reconnect",
      targetType: "account",
      targetId: accountId,
      summary: `${networkName(account.network)} refused the credentials of ${account.handle}: ${message}`,
    });
    await notify(trx, [account.owner_id], {
      kind: "account.needs_reconnect",
      title: `Reconnect ${account.handle} on ${networkName(account.network)}`,
      body: `The network no longer accepts Switchboard's access (${message}). Nothing can be published or read until it is reconnected.`,
      link: `/accounts/${accountId}`,
    });
  });
}
