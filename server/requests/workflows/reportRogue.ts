import { randomUUID } from "node:crypto";
import { createAccountIn } from "../../accounts/saveAccount.js";
import type { AuditActor } from "../../audit/context.js";
import type { Database } from "../../db/database.js";
import { type ChecklistItem, TAKEDOWN_CHECKLIST } from "../model.js";

/**
 * A rogue or fake account report puts the account in the inventory as reported-rogue (so anyone
 * asking "is this one ours?" finds the answer) and gives the request a takedown checklist. An
 * account already in the inventory is linked, never changed: it may be ours after all.
 */
export async function recordRogueAccount(
  trx: Database,
  audit: AuditActor,
  fields: Record<string, string>,
): Promise<{ accountId: string; created: boolean; checklist: ChecklistItem[] }> {
  const network = fields.network as string;
  const handle = (fields.handle as string).trim();
  const key = handle.replace(/^@/, "").toLowerCase();
  const existing = await trx
    .selectFrom("accounts")
    .select("id")
    .where("network", "=", network)
    .where("handle_key", "=", key)
    .executeTakeFirst();
  const accountId =
    existing?.id ??
    (await createAccountIn(trx, audit, {
      network,
      handle,
      url: /^https?:\/\/\S{1,490}$/.test(fields.url ?? "") ? (fields.url as string) : null,
      displayName: "",
      ownerId: null,
      teamId: null,
      purpose: "",
      audience: "",
      status: "reported_rogue",
      twoFactor: "unknown",
      recoveryContact: "",
      notes: "Reported as a rogue or fake account through the help desk.",
      lastActivityAt: null,
    }));
  const checklist = TAKEDOWN_CHECKLIST.map((label) => ({ id: randomUUID().slice(0, 8), label, done: false, doneBy: null, doneAt: null }));
  return { accountId, created: !existing, checklist };
}
