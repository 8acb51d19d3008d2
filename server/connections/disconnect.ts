import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { notFound } from "../errors.js";
import { flagPostsOfLostChannel } from "../posts/channelLost.js";
import { deleteSecrets } from "../vault/secrets.js";

/** Forgets an account's credentials. Access granted on the network itself must be revoked there too. */
export async function disconnectAccount(db: Database, actor: AuditActor, accountId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const account = await trx.selectFrom("accounts").select(["id", "network", "handle"]).where("id", "=", accountId).executeTakeFirst();
    if (!account) throw notFound("Account", "account_not_found");
    await flagPostsOfLostChannel(trx, account, "disconnected");
    const erased = await deleteSecrets(trx, { type: "account", id: accountId });
    await trx
      .updateTable("accounts")
      .set({
        connection_status: "not_connected",
        token_expires_at: null,
        connected_at: null,
        last_error: null,
        last_error_at: null,
        updated_at: new Date().toISOString(),
      })
      .where("id", "=", accountId)
      .execute();
    await recordAudit(trx, actor, {
      action: "account.disconnected",
      targetType: "account",
      targetId: accountId,
      summary: `Disconnected ${account.network} account ${account.handle}; erased ${erased} stored credential(s)`,
    });
  });
}
