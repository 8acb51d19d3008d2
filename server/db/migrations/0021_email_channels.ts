import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    // An email channel's mail servers (the password is in the vault with the account's other credentials).
    await db.schema
      .createTable("email_channels")
      .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.id").onDelete("cascade"))
      .addColumn("address", "text", (c) => c.notNull())
      .addColumn("username", "text", (c) => c.notNull())
      .addColumn("imap_host", "text", (c) => c.notNull())
      .addColumn("imap_port", "integer", (c) => c.notNull())
      .addColumn("imap_security", "text", (c) => c.notNull())
      .addColumn("smtp_host", "text", (c) => c.notNull())
      .addColumn("smtp_port", "integer", (c) => c.notNull())
      .addColumn("smtp_security", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
  },
};
