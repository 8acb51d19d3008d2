import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db) {
    // The engine reads posts in time order and looks at each one's waiting variants: without this,
    // SQLite looks them up through the variants' status index, reading every waiting variant per post.
    await db.schema.createIndex("post_variants_post_status").on("post_variants").columns(["post_id", "status"]).execute();
  },
};
