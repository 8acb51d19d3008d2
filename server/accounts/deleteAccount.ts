import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { notFound } from "../errors.js";
import { flagPostsOfLostChannel } from "../posts/channelLost.js";
import { deleteSecrets } from "../vault/secrets.js";

/**
 * Removes an account from the inventory with its grants and stored
 * credentials. Usually an account is retired instead, which keeps its history.
 */
export async function deleteAccount(db: Database, actor: AuditActor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const account = await trx.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();
    if (!account) throw notFound("Account", "account_not_found");
    await flagPostsOfLostChannel(trx, account, "deleted");
    const secrets = await deleteSecrets(trx, { type: "account", id });
    await trx.deleteFrom("account_grants").where("account_id", "=", id).execute();
    await trx.deleteFrom("accounts").where("id", "=", id).execute();
    await recordAudit(trx, actor, {
      action: "account.deleted",
      targetType: "account",
      targetId: id,
      summary: `Deleted ${account.network} account ${account.handle} from the inventory (${secrets} stored credential(s) erased)`,
      changes: { network: account.network, handle: account.handle, credentialsErased: secrets },
    });
  });
}
