import type { SwitchboardMigration } from "../migration.js";

/**
 * When a notification's email was taken for sending. A runner that dies between taking and sending left the
 * notification `sending` for ever; with the time of the claim, a claim older than a few minutes is taken
 * again (at least once: better a rare second email than a lost one).
 */
export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    await db.schema.alterTable("notifications").addColumn("email_claimed_at", dialect.timestampType).execute();
  },
};
