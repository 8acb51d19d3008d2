import { unzipSync } from "fflate";
import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { AppError, notFound } from "../../errors.js";
import { type LexiconData, parseLexicon } from "../packs/lexicon/lexiconData.js";
import { type PolicySettings, policySettingsSchema } from "../settings.js";
import type { ClaimKind } from "../types.js";
import { loadStylesFromFiles, type StylesLoad } from "../vale/loadStyles.js";

const ROW = "default";

export interface PolicyConfig {
  settings: PolicySettings;
  lexicon: LexiconData;
  /** Claim kind → the team whose approval a post making that claim needs. */
  claimApprovers: Partial<Record<ClaimKind, string>>;
  version: number;
  updatedAt: string | null;
}

export async function policyVersion(db: Database): Promise<number> {
  const row = await db.selectFrom("policy_config").select("version").where("id", "=", ROW).executeTakeFirst();
  return row?.version ?? 0;
}

export async function loadPolicyConfig(db: Database): Promise<PolicyConfig> {
  const row = await db.selectFrom("policy_config").selectAll().where("id", "=", ROW).executeTakeFirst();
  return {
    settings: policySettingsSchema.parse(row ? JSON.parse(row.settings) : {}),
    lexicon: parseLexicon(row ? JSON.parse(row.lexicon) : {}),
    claimApprovers: row ? (JSON.parse(row.claim_approvers) as PolicyConfig["claimApprovers"]) : {},
    version: row?.version ?? 0,
    updatedAt: row?.updated_at ?? null,
  };
}

/** The uploaded Vale styles, loaded (with what did not load, by file and line). */
export async function loadStoredStyles(db: Database): Promise<StylesLoad & { names: string[] }> {
  const rows = await db.selectFrom("policy_styles").selectAll().orderBy("name").execute();
  const files: Record<string, string> = {};
  for (const row of rows) Object.assign(files, JSON.parse(row.files) as Record<string, string>);
  return { ...loadStylesFromFiles(files), names: rows.map((r) => r.name) };
}

type Part = "settings" | "lexicon" | "claim_approvers";

/** Replaces one part of the policy, bumps its version and audits the change. */
export async function savePolicyPart(db: Database, audit: AuditActor, part: Part, value: unknown, summary: string): Promise<void> {
  const current = await loadPolicyConfig(db);
  const now = new Date().toISOString();
  const row = {
    settings: JSON.stringify(current.settings),
    lexicon: JSON.stringify(current.lexicon),
    claim_approvers: JSON.stringify(current.claimApprovers),
    [part]: JSON.stringify(value),
  };
  await db.transaction().execute(async (trx) => {
    const bumped = await trx
      .updateTable("policy_config")
      .set({ ...row, version: current.version + 1, updated_at: now })
      .where("id", "=", ROW)
      .where("version", "=", current.version)
      .executeTakeFirst();
    if (Number(bumped.numUpdatedRows) === 0) {
      if (current.version > 0) throw new AppError(409, "policy_changed", "The policy changed while you saved: reload and try again.");
      await trx
        .insertInto("policy_config")
        .values({ id: ROW, ...row, version: 1, updated_at: now })
        .execute();
    }
    await recordAudit(trx, audit, { action: `policy.${part}_changed`, targetType: "policy", targetId: ROW, summary });
  });
}

/** Styles live in their own table: a change to them bumps the policy's version the same way. */
async function bumpVersion(db: Database) {
  const now = new Date().toISOString();
  const bumped = await db
    .updateTable("policy_config")
    .set((eb) => ({ version: eb("version", "+", 1), updated_at: now }))
    .where("id", "=", ROW)
    .executeTakeFirst();
  if (Number(bumped.numUpdatedRows) === 0) {
    const empty = await loadPolicyConfig(db);
    await db
      .insertInto("policy_config")
      .values({
        id: ROW,
        settings: JSON.stringify(empty.settings),
        lexicon: JSON.stringify(empty.lexicon),
        claim_approvers: "{}",
        version: 1,
        updated_at: now,
      })
      .execute();
  }
}

/**
 * Adds (or replaces) Vale styles from a zip of style folders. Files that do not load are reported,
 * not stored silently: the answer lists them by file and line, and unsupported rule types by name.
 */
export async function putStyles(db: Database, audit: AuditActor, zip: Uint8Array): Promise<StylesLoad> {
  let files: Record<string, string>;
  try {
    const entries = unzipSync(zip, { filter: (f) => /\.ya?ml$/i.test(f.name) && f.originalSize < 1_000_000 });
    const decoder = new TextDecoder();
    files = Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name, decoder.decode(bytes)]));
  } catch {
    throw new AppError(400, "zip_invalid", "That file is not a zip archive Switchboard can read.");
  }
  const loaded = loadStylesFromFiles(files);
  if (loaded.styles.length === 0) {
    throw new AppError(400, "no_styles", "The zip holds no Vale rules (style folders of .yml files).", {
      details: { errors: loaded.errors, unsupported: loaded.unsupported },
    });
  }
  const folderOf = (file: string) => file.split(/[\\/]/).filter(Boolean).at(-2) ?? "Custom";
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const style of loaded.styles) {
      const own = Object.fromEntries(Object.entries(files).filter(([file]) => folderOf(file) === style.name));
      await trx.deleteFrom("policy_styles").where("name", "=", style.name).execute();
      await trx
        .insertInto("policy_styles")
        .values({ name: style.name, files: JSON.stringify(own), created_at: now })
        .execute();
    }
    await recordAudit(trx, audit, {
      action: "policy.styles_uploaded",
      targetType: "policy",
      targetId: ROW,
      summary: `Uploaded Vale styles ${loaded.styles.map((s) => `${s.name} (${s.rules.length} rules)`).join(", ")}`,
    });
  });
  await bumpVersion(db);
  return loaded;
}

export async function deleteStyle(db: Database, audit: AuditActor, name: string): Promise<void> {
  const found = await db.selectFrom("policy_styles").select("name").where("name", "=", name).executeTakeFirst();
  if (!found) throw notFound("Style", "style_not_found");
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("policy_styles").where("name", "=", name).execute();
    await recordAudit(trx, audit, {
      action: "policy.style_deleted",
      targetType: "policy",
      targetId: ROW,
      summary: `Removed Vale style ${name}`,
    });
  });
  await bumpVersion(db);
}
