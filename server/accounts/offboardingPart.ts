import { findNetwork } from "../../connectors/registry.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import type { OffboardingParticipant } from "../offboarding/participant.js";

async function accountsTouchedBy(db: Database, userId: string) {
  const teamIds = db.selectFrom("team_members").select("team_id").where("user_id", "=", userId);
  return db
    .selectFrom("accounts")
    .select(["id", "network", "handle", "owner_id"])
    .where((eb) =>
      eb.or([
        eb("owner_id", "=", userId),
        eb(
          "id",
          "in",
          eb
            .selectFrom("account_grants")
            .select("account_id")
            .where((g) =>
              g.or([
                g.and([g("subject_type", "=", "user"), g("subject_id", "=", userId)]),
                g.and([g("subject_type", "=", "team"), g("subject_id", "in", teamIds)]),
              ]),
            ),
        ),
      ]),
    )
    .orderBy("network")
    .orderBy("handle_key")
    .execute();
}

/**
 * Accounts: the person's own accounts go to the successor, their grants are
 * revoked, and for every account they could reach, the checklist says to
 * remove them on the network itself (native admin roles, shared passwords
 * and 2FA devices are out of Switchboard's reach).
 */
export const accountsOffboarding: OffboardingParticipant = {
  area: "accounts",
  async check(db, { user, reassignTo }) {
    const owned = await db.selectFrom("accounts").select("id").where("owner_id", "=", user.id).execute();
    if (owned.length > 0 && !reassignTo) {
      throw new AppError(400, "reassign_required", `${user.email} owns ${owned.length} account(s); choose who takes them over.`);
    }
  },
  async offboard(trx, { user, reassignTo, actor }) {
    // Read before team memberships disappear: access through a team counts too.
    const touched = await accountsTouchedBy(trx, user.id);
    const owned = touched.filter((a) => a.owner_id === user.id);
    if (owned.length > 0 && reassignTo) {
      await trx
        .updateTable("accounts")
        .set({ owner_id: reassignTo.id, updated_at: new Date().toISOString() })
        .where("owner_id", "=", user.id)
        .execute();
      for (const a of owned) {
        await recordAudit(trx, actor, {
          action: "account.owner_changed",
          targetType: "account",
          targetId: a.id,
          summary: `${a.network} account ${a.handle} passed from ${user.email} to ${reassignTo.email}`,
          changes: { owner: [user.email, reassignTo.email] },
        });
      }
    }
    const grants = await trx
      .deleteFrom("account_grants")
      .where("subject_type", "=", "user")
      .where("subject_id", "=", user.id)
      .executeTakeFirst();
    const revoked = Number(grants.numDeletedRows);
    if (revoked > 0) {
      await recordAudit(trx, actor, {
        action: "account.grants_revoked",
        targetType: "user",
        targetId: user.id,
        summary: `Revoked ${revoked} account grant(s) of ${user.email}`,
        changes: { grants: revoked },
      });
    }
    return {
      summary: [
        owned.length > 0 && reassignTo ? `${owned.length} account(s) now owned by ${reassignTo.email}` : "Owned no accounts",
        `Revoked ${revoked} direct account grant(s)`,
      ],
      checklist: touched.map((a) => ({
        area: "accounts",
        accountId: a.id,
        title: `Remove ${user.email} from ${findNetwork(a.network)?.name ?? a.network} ${a.handle}`,
        detail:
          "On the network itself: remove their admin or editor role, change any password they knew, and move two-factor devices and recovery contacts that are theirs.",
      })),
    };
  },
};
