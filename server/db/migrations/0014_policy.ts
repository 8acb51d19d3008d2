import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    // The organisation's policy: one row. JSON columns, each validated by the policy engine's schemas.
    await db.schema
      .createTable("policy_config")
      .addColumn("id", "text", (c) => c.primaryKey())
      // Packs and rules switched on or off and re-levelled (server/policy/settings.ts).
      .addColumn("settings", "text", (c) => c.notNull())
      // The company lexicon (server/policy/packs/lexicon/lexiconData.ts).
      .addColumn("lexicon", "text", (c) => c.notNull())
      // Claim kind → the team that must approve posts making that claim.
      .addColumn("claim_approvers", "text", (c) => c.notNull())
      // Bumped by every change: each process rebuilds its cached policy when it sees a new one.
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    // Uploaded Vale styles, kept as their rule files (path → YAML text).
    await db.schema
      .createTable("policy_styles")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("files", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .execute();
  },
};
