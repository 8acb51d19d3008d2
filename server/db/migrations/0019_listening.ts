import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    // What the organisation listens for beyond direct mentions: keywords, phrases, #hashtags, brand names.
    await db.schema
      .createTable("listening_topics")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull().unique())
      .addColumn("terms", "text", (c) => c.notNull())
      .addColumn("enabled", "integer", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    // A message (from any channel the inbox reads: mentions, comments, feeds) that matched a topic.
    await db.schema
      .createTable("listening_hits")
      .addColumn("topic_id", "text", (c) => c.notNull().references("listening_topics.id").onDelete("cascade"))
      .addColumn("message_id", "text", (c) => c.notNull().references("inbox_messages.id").onDelete("cascade"))
      .addColumn("matched", "text", (c) => c.notNull())
      .addColumn("sent_at", ts, (c) => c.notNull())
      .addPrimaryKeyConstraint("listening_hits_pk", ["topic_id", "message_id"])
      .execute();
    await db.schema.createIndex("listening_hits_topic_sent").on("listening_hits").columns(["topic_id", "sent_at"]).execute();
  },
};
