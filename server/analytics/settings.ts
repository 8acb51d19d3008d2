import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import { type AnalyticsDb, type AnalyticsTrx, coreDb, num } from "./tables.js";

export interface AnalyticsSettings {
  /** The reporting currency: costs are entered in it, and only conversions in it count towards value and ROI. */
  currency: string;
  /** Earned media value figures (hundredths), set by an admin; null when not set (no modelled value shown). */
  cpmMinor: number | null;
  cpcMinor: number | null;
  /** The unsigned GET pixel is off until an admin switches it on (anyone can forge a pixel conversion). */
  pixelEnabled: boolean;
  updatedAt: string | null;
}

export const DEFAULT_SETTINGS: AnalyticsSettings = {
  currency: "EUR",
  cpmMinor: null,
  cpcMinor: null,
  pixelEnabled: false,
  updatedAt: null,
};

export async function readSettings(db: AnalyticsDb | AnalyticsTrx): Promise<AnalyticsSettings> {
  const row = await db.selectFrom("analytics_settings").selectAll().where("id", "=", 1).executeTakeFirst();
  if (!row) return DEFAULT_SETTINGS;
  return {
    currency: row.currency,
    cpmMinor: row.cpm_minor === null ? null : num(row.cpm_minor),
    cpcMinor: row.cpc_minor === null ? null : num(row.cpc_minor),
    pixelEnabled: row.pixel_enabled === 1,
    updatedAt: row.updated_at,
  };
}

/** Changes the analytics settings (admin); audited with what changed. */
export async function saveSettings(
  db: AnalyticsDb,
  audit: AuditActor,
  input: Partial<Omit<AnalyticsSettings, "updatedAt">>,
): Promise<AnalyticsSettings> {
  return db.transaction().execute(async (trx) => {
    const before = await readSettings(trx);
    const after = { ...before, ...input };
    const changes: Record<string, [unknown, unknown]> = {};
    for (const key of ["currency", "cpmMinor", "cpcMinor", "pixelEnabled"] as const)
      if (before[key] !== after[key]) changes[key] = [before[key], after[key]];
    if (Object.keys(changes).length === 0) return before;
    const now = new Date().toISOString();
    const values = {
      currency: after.currency,
      cpm_minor: after.cpmMinor,
      cpc_minor: after.cpcMinor,
      pixel_enabled: after.pixelEnabled ? 1 : 0,
      updated_at: now,
    };
    await trx
      .insertInto("analytics_settings")
      .values({ id: 1, ...values })
      .onConflict((oc) => oc.column("id").doUpdateSet(values))
      .execute();
    // Value sums only count the reporting currency: a new one means every day is recounted.
    if (changes.currency) await trx.deleteFrom("analytics_rollup_state").execute();
    await recordAudit(coreDb(trx), audit, {
      action: "analytics.settings_changed",
      targetType: "analytics_settings",
      targetId: "1",
      summary: `Changed the analytics settings (${Object.keys(changes).join(", ")})`,
      changes,
    });
    return { ...after, updatedAt: now };
  });
}
