import { findNetwork } from "../../connectors/registry.js";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import { normaliseEmail } from "../identity/store.js";
import { type CsvRecord, parseInventoryCsv } from "./csv.js";
import { normaliseHandle } from "./model.js";
import { createAccountIn, updateAccountIn } from "./saveAccount.js";
import { AccountInput } from "./schema.js";

export interface ImportRowResult {
  /** 1-based line number in the file, counting the header as line 1. */
  line: number;
  handle: string;
  status: "created" | "updated" | "unchanged" | "failed";
  errors: { field: string; message: string }[];
}

const FIELD_OF: Record<string, string> = {
  displayName: "display_name",
  ownerId: "owner_email",
  teamId: "team",
  twoFactor: "two_factor",
  recoveryContact: "recovery_contact",
  lastActivityAt: "last_activity_at",
};

/** Maps one CSV record to API input, resolving owner emails and team names. */
async function toInput(db: Database, r: CsvRecord) {
  const errors: { field: string; message: string }[] = [];
  let ownerId: string | undefined;
  if (r.owner_email) {
    const owner = await db.selectFrom("users").select("id").where("email", "=", normaliseEmail(r.owner_email)).executeTakeFirst();
    if (owner) ownerId = owner.id;
    else errors.push({ field: "owner_email", message: `no user with email ${r.owner_email}` });
  }
  let teamId: string | undefined;
  if (r.team) {
    const team = await db
      .selectFrom("teams")
      .select("id")
      .where((eb) => eb(eb.fn("lower", ["name"]), "=", r.team?.toLowerCase() ?? ""))
      .executeTakeFirst();
    if (team) teamId = team.id;
    else errors.push({ field: "team", message: `no team named ${r.team}` });
  }
  if (r.network && !findNetwork(r.network)) errors.push({ field: "network", message: `unknown network "${r.network}"` });
  const lastActivity = r.last_activity_at ? new Date(r.last_activity_at) : undefined;
  if (lastActivity && Number.isNaN(lastActivity.getTime())) errors.push({ field: "last_activity_at", message: "not a date" });
  const parsed = AccountInput.safeParse({
    network: findNetwork(r.network ?? "")?.id ?? r.network ?? "",
    handle: r.handle ?? "",
    url: r.url,
    displayName: r.display_name,
    ownerId,
    teamId,
    purpose: r.purpose,
    audience: r.audience,
    status: r.status?.toLowerCase().replace(/[\s-]+/g, "_"),
    twoFactor: r.two_factor?.toLowerCase(),
    recoveryContact: r.recovery_contact,
    notes: r.notes,
    lastActivityAt: lastActivity && !Number.isNaN(lastActivity.getTime()) ? lastActivity.toISOString() : undefined,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      if (key === "network" && errors.some((e) => e.field === "network")) continue;
      errors.push({ field: FIELD_OF[key] ?? key, message: issue.message });
    }
  }
  return { input: parsed.success ? parsed.data : undefined, errors };
}

/**
 * Imports an inventory file row by row: each good row is created (or, when
 * the network and handle are already known, updated) in its own transaction;
 * each bad row is reported with what is wrong, and the others still import.
 */
export async function importInventoryCsv(
  db: Database,
  actor: AuditActor,
  text: string,
): Promise<{ results: ImportRowResult[]; ignoredColumns: string[] }> {
  const { records, ignoredColumns } = parseInventoryCsv(text);
  if (records.length > 5000) throw new AppError(400, "csv_too_many_rows", "Import at most 5,000 rows at a time.");
  const results: ImportRowResult[] = [];
  for (const [i, record] of records.entries()) {
    const line = i + 2;
    const handle = record.handle ?? "";
    const { input, errors } = await toInput(db, record);
    if (!input || errors.length > 0) {
      results.push({ line, handle, status: "failed", errors });
      continue;
    }
    try {
      const status = await db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom("accounts")
          .select("id")
          .where("network", "=", input.network)
          .where("handle_key", "=", normaliseHandle(input.handle))
          .executeTakeFirst();
        if (existing) return (await updateAccountIn(trx, actor, existing.id, input)) ? ("updated" as const) : ("unchanged" as const);
        await createAccountIn(trx, actor, input);
        return "created" as const;
      });
      results.push({ line, handle, status, errors: [] });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ line, handle, status: "failed", errors: [{ field: "row", message: err.message }] });
    }
  }
  const count = (s: ImportRowResult["status"]) => results.filter((r) => r.status === s).length;
  await recordAudit(db, actor, {
    action: "account.imported",
    targetType: "account",
    summary: `Imported the account inventory: ${count("created")} created, ${count("updated")} updated, ${count("unchanged")} unchanged, ${count("failed")} rejected`,
    changes: { created: count("created"), updated: count("updated"), unchanged: count("unchanged"), failed: count("failed") },
  });
  return { results, ignoredColumns };
}
