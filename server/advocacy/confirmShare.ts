import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { conflict, notFound } from "../errors.js";
import { type AdvocacyNetwork, NETWORK_NAMES } from "./model.js";
import { advocacyDb, coreDb } from "./tables.js";

const shareNotFound = () => notFound("That share", "advocacy_share_not_found");

/** The employee posted it: the share counts from now. Saying so twice changes nothing. Only one's own shares. */
export async function confirmShare(db: Database, audit: AuditActor & { actorId: string }, id: string): Promise<void> {
  await advocacyDb(db)
    .transaction()
    .execute(async (trx) => {
      const share = await trx
        .selectFrom("advocacy_shares")
        .innerJoin("advocacy_items", "advocacy_items.id", "advocacy_shares.item_id")
        .select(["advocacy_shares.status", "advocacy_shares.network", "advocacy_items.title"])
        .where("advocacy_shares.id", "=", id)
        .where("user_id", "=", audit.actorId)
        .executeTakeFirst();
      if (!share) throw shareNotFound();
      if (share.status === "shared") return;
      if (share.status === "cancelled") throw conflict("advocacy_share_cancelled", "This share was cancelled; share the item again.");
      const now = new Date().toISOString();
      // Conditional on the state read above, so two confirmations record one event.
      const updated = await trx
        .updateTable("advocacy_shares")
        .set({ status: "shared", shared_at: now, updated_at: now })
        .where("id", "=", id)
        .where("status", "=", "prepared")
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return;
      await recordAudit(coreDb(trx), audit, {
        action: "advocacy.share_confirmed",
        targetType: "advocacy_share",
        targetId: id,
        summary: `Shared “${share.title}” on ${NETWORK_NAMES[share.network as AdvocacyNetwork]}`,
      });
    });
}

/** The employee did not post it after all. Its short link keeps working (it may be in a draft somewhere). */
export async function cancelShare(db: Database, audit: AuditActor & { actorId: string }, id: string): Promise<void> {
  await advocacyDb(db)
    .transaction()
    .execute(async (trx) => {
      const share = await trx
        .selectFrom("advocacy_shares")
        .select(["status"])
        .where("id", "=", id)
        .where("user_id", "=", audit.actorId)
        .executeTakeFirst();
      if (!share) throw shareNotFound();
      if (share.status === "cancelled") return;
      if (share.status === "shared") throw conflict("advocacy_share_confirmed", "This share was confirmed as posted.");
      const now = new Date().toISOString();
      await trx.updateTable("advocacy_shares").set({ status: "cancelled", updated_at: now }).where("id", "=", id).execute();
      await recordAudit(coreDb(trx), audit, {
        action: "advocacy.share_cancelled",
        targetType: "advocacy_share",
        targetId: id,
        summary: "Did not post a prepared advocacy share",
      });
    });
}
