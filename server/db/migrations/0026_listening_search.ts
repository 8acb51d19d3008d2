import type { SwitchboardMigration } from "../migration.js";

/**
 * Listening by network search (docs/listening.md): what each topic's searches have read so far, and the
 * public posts they found. Found posts stay in the topic's own view; they start no inbox conversation.
 */
export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    // One search: a topic's term on a network, run with one of its connected channels.
    await db.schema
      .createTable("listening_searches")
      .addColumn("topic_id", "text", (c) => c.notNull().references("listening_topics.id").onDelete("cascade"))
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("term", "text", (c) => c.notNull())
      // The network's cursor to older results while a sweep is unfinished; null: the next run starts at the newest.
      .addColumn("cursor", "text")
      // The unfinished sweep: when it started (what it will have covered) and how far back it reads.
      .addColumn("sweep_from", ts)
      .addColumn("sweep_until", ts)
      // Everything posted before this was read: the next sweep reads back to it (the first, N days back).
      .addColumn("covered_until", ts)
      .addColumn("next_run_at", ts, (c) => c.notNull())
      .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("last_error", "text")
      .addColumn("last_run_at", ts)
      .addPrimaryKeyConstraint("listening_searches_pk", ["topic_id", "account_id", "term"])
      .execute();
    await db.schema.createIndex("listening_searches_due").on("listening_searches").column("next_run_at").execute();

    // A public post a topic's search found. The unique key makes a post found again (by another term, an
    // overlapping sweep, a retried run) harmless.
    await db.schema
      .createTable("listening_found")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("topic_id", "text", (c) => c.notNull().references("listening_topics.id").onDelete("cascade"))
      .addColumn("network", "text", (c) => c.notNull())
      .addColumn("external_id", "text", (c) => c.notNull())
      // The channel whose search found it; kept when the channel goes (the post is still what was said).
      .addColumn("account_id", "text", (c) => c.references("accounts.id").onDelete("set null"))
      .addColumn("author_id", "text", (c) => c.notNull())
      .addColumn("author_handle", "text")
      .addColumn("author_name", "text")
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("url", "text")
      .addColumn("sentiment", "text")
      // JSON array of the topic's terms the text contains.
      .addColumn("matched", "text", (c) => c.notNull())
      .addColumn("sent_at", ts, (c) => c.notNull())
      .addColumn("found_at", ts, (c) => c.notNull())
      .addUniqueConstraint("listening_found_post", ["topic_id", "network", "external_id"])
      .execute();
    await db.schema.createIndex("listening_found_topic_sent").on("listening_found").columns(["topic_id", "sent_at"]).execute();
  },
};
