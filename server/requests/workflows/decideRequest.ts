import { randomUUID } from "node:crypto";
import { createAccountIn } from "../../accounts/saveAccount.js";
import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { conflict, forbidden } from "../../errors.js";
import type { Actor } from "../../identity/actor.js";
import { typeByKey } from "../config.js";
import { notifyRequester } from "../notifyRequest.js";
import { stopClocks } from "../slaCycles.js";
import { type RequestRow, visibleRequest } from "../store.js";
import { applyStatus } from "../transitions.js";

/** Gives the requester access to the account: the grant is added to what they had, and audited as the accounts area does. */
async function grantAccess(trx: Database, audit: AuditActor, row: RequestRow, permission: string): Promise<string> {
  const accountId = row.account_id as string;
  const account = await trx.selectFrom("accounts").select(["network", "handle"]).where("id", "=", accountId).executeTakeFirst();
  if (!account) throw conflict("account_gone", "The account was removed from the inventory.");
  await trx
    .insertInto("account_grants")
    .values({
      account_id: accountId,
      subject_type: "user",
      subject_id: row.requester_id,
      permission,
      granted_by: audit.actorId,
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const grant = `user:${row.requester_id}:${permission}`;
  await recordAudit(trx, audit, {
    action: "account.grants_changed",
    targetType: "account",
    targetId: accountId,
    summary: `Changed access to ${account.network} account ${account.handle}: 1 granted, 0 revoked (request #${row.number})`,
    changes: { added: [grant], removed: [], request: row.number },
  });
  return grant;
}

/**
 * The social lead approves or rejects a request whose type needs it. Approving a new-account request
 * adds the account to the inventory (owner, team, purpose, audience; ready to connect); approving
 * an access request grants the access. Either way the requester is answered and the request resolved.
 */
export async function decideRequest(
  db: Database,
  audit: AuditActor,
  actor: Actor,
  number: number,
  input: { approve: boolean; note: string },
): Promise<void> {
  if (!actor.permissions.has("accounts.manage")) throw forbidden("Only a social lead or an admin decides this.");
  await db.transaction().execute(async (trx) => {
    const row = await visibleRequest(trx, actor, number);
    if (row.approval !== "pending") throw conflict("request_not_pending", "This request is not waiting for a decision.");
    const type = await typeByKey(trx, row.type);
    const fields = JSON.parse(row.fields) as Record<string, string>;
    const now = Date.now();
    const at = new Date(now).toISOString();
    let outcome: Record<string, string> = { decision: input.approve ? "approved" : "rejected" };
    let accountId = row.account_id;
    if (input.approve && type?.workflow === "new_account") {
      accountId = await createAccountIn(trx, audit, {
        network: fields.network as string,
        handle: fields.handle as string,
        purpose: fields.purpose ?? "",
        audience: fields.audience ?? "",
        ownerId: fields.owner ?? null,
        teamId: fields.team || null,
        status: "active",
        notes: `Requested through help desk request #${row.number}.`,
      });
      outcome = { ...outcome, accountId };
    }
    if (input.approve && type?.workflow === "access" && fields.permission) {
      outcome = { ...outcome, accountId: accountId as string, grant: await grantAccess(trx, audit, row, fields.permission) };
    }
    const what = input.approve
      ? outcome.accountId && type?.workflow === "new_account"
        ? "Approved: the account is in the inventory, ready to connect."
        : "Approved: you have the access you asked for."
      : "Not approved.";
    const author = await trx.selectFrom("users").select(["name", "email"]).where("id", "=", actor.user.id).executeTakeFirst();
    await trx
      .insertInto("request_messages")
      .values({
        id: randomUUID(),
        request_id: row.id,
        author_id: actor.user.id,
        author_label: author?.name || author?.email || "",
        visibility: "public",
        text: input.note ? `${what}\n\n${input.note}` : what,
        created_at: at,
      })
      .execute();
    await stopClocks(trx, row.id, ["first_response", "next_response"], now);
    const status = await applyStatus(trx, row, "resolved", now);
    await trx
      .updateTable("requests")
      .set({
        ...status,
        approval: input.approve ? "approved" : "rejected",
        decided_by: actor.user.id,
        decided_at: at,
        outcome: JSON.stringify({ ...(row.outcome ? JSON.parse(row.outcome) : {}), ...outcome }),
        account_id: accountId,
        first_responded_at: row.first_responded_at ?? at,
        updated_at: at,
      })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, audit, {
      action: input.approve ? "request.approved" : "request.rejected",
      targetType: "request",
      targetId: row.id,
      summary: `${input.approve ? "Approved" : "Rejected"} request #${row.number}`,
      changes: { approval: ["pending", input.approve ? "approved" : "rejected"], ...outcome },
    });
    await notifyRequester(
      trx,
      row,
      "request.decided",
      `Your request #${row.number} was ${input.approve ? "approved" : "not approved"}`,
      input.note,
    );
  });
}
