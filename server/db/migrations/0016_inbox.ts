import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    // A person who writes to the organisation, whatever the network; identities below say where.
    await db.schema
      .createTable("inbox_contacts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("display_name", "text", (c) => c.notNull())
      // Set when this contact was recognised as another one: its identities and history moved there.
      .addColumn("merged_into", "text", (c) => c.references("inbox_contacts.id").onDelete("set null"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    // A contact's account on one network (or an email address): the same person is one identity per network.
    await db.schema
      .createTable("inbox_identities")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("contact_id", "text", (c) => c.notNull().references("inbox_contacts.id").onDelete("cascade"))
      .addColumn("network", "text", (c) => c.notNull())
      .addColumn("external_id", "text", (c) => c.notNull())
      .addColumn("handle", "text")
      .addColumn("display_name", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addUniqueConstraint("inbox_identities_network_external", ["network", "external_id"])
      .execute();
    await db.schema.createIndex("inbox_identities_contact").on("inbox_identities").column("contact_id").execute();

    // A thread on one channel: the comments under one post, the messages with one person, a mention and
    // its replies, an email thread. `thread_key` says which (see server/inbox/ingest/threading.ts).
    await db.schema
      .createTable("inbox_conversations")
      .addColumn("id", "text", (c) => c.primaryKey())
      // The channel (accounts.id). Not a foreign key: the history stays when a channel is removed.
      .addColumn("account_id", "text", (c) => c.notNull())
      .addColumn("network", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("thread_key", "text", (c) => c.notNull())
      .addColumn("contact_id", "text", (c) => c.references("inbox_contacts.id").onDelete("set null"))
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("priority", "text", (c) => c.notNull())
      .addColumn("team_id", "text", (c) => c.references("teams.id").onDelete("set null"))
      .addColumn("assignee_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("tags", "text", (c) => c.notNull())
      // A canned reply a routing rule offers to whoever answers.
      .addColumn("suggested_reply_id", "text")
      // The latest inbound message's classification (the conversation's as a whole).
      .addColumn("sentiment", "text")
      .addColumn("intent", "text")
      .addColumn("topic", "text")
      .addColumn("message_count", "integer", (c) => c.notNull())
      .addColumn("first_message_at", ts, (c) => c.notNull())
      .addColumn("last_message_at", ts, (c) => c.notNull())
      .addColumn("snoozed_until", ts)
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addUniqueConstraint("inbox_conversations_thread", ["account_id", "thread_key"])
      .execute();
    // The inbox list: open work, newest first, optionally by team or assignee.
    await db.schema
      .createIndex("inbox_conversations_status_last")
      .on("inbox_conversations")
      .columns(["status", "last_message_at"])
      .execute();
    // Partial: most conversations arrive with nobody assigned, and ingestion then skips these two.
    await db.schema
      .createIndex("inbox_conversations_assignee")
      .on("inbox_conversations")
      .columns(["assignee_id", "status", "last_message_at"])
      .where("assignee_id", "is not", null)
      .execute();
    await db.schema
      .createIndex("inbox_conversations_team")
      .on("inbox_conversations")
      .columns(["team_id", "status", "last_message_at"])
      .where("team_id", "is not", null)
      .execute();
    await db.schema
      .createIndex("inbox_conversations_account")
      .on("inbox_conversations")
      .columns(["account_id", "status", "last_message_at"])
      .execute();
    await db.schema.createIndex("inbox_conversations_contact").on("inbox_conversations").column("contact_id").execute();

    // Every message in or out, and internal notes. Deduplicated by the database: one row per
    // (channel, network id), so a redelivered or replayed event changes nothing.
    await db.schema
      .createTable("inbox_messages")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("conversation_id", "text", (c) => c.notNull().references("inbox_conversations.id").onDelete("cascade"))
      .addColumn("account_id", "text", (c) => c.notNull())
      .addColumn("external_id", "text", (c) => c.notNull())
      // in: from the public; out: a reply sent; note: internal, never sent.
      .addColumn("direction", "text", (c) => c.notNull())
      .addColumn("contact_id", "text", (c) => c.references("inbox_contacts.id").onDelete("set null"))
      .addColumn("author_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("url", "text")
      .addColumn("in_reply_to", "text")
      .addColumn("sentiment", "text")
      .addColumn("sentiment_confidence", "real")
      .addColumn("intent", "text")
      .addColumn("topic", "text")
      .addColumn("sent_at", ts, (c) => c.notNull())
      .addColumn("received_at", ts, (c) => c.notNull())
      .addUniqueConstraint("inbox_messages_channel_external", ["account_id", "external_id"])
      .execute();
    await db.schema.createIndex("inbox_messages_conversation").on("inbox_messages").columns(["conversation_id", "sent_at"]).execute();

    // Events that could not be placed (an unknown channel, a body that parsed but named nothing we
    // know): kept for a person to look at, never dropped.
    await db.schema
      .createTable("inbox_parked_events")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("received_at", ts, (c) => c.notNull())
      .addColumn("resolved_at", ts)
      .execute();

    // Routing rules, applied in `position` order to each new conversation (server/inbox/routing/rules.ts).
    await db.schema
      .createTable("inbox_routing_rules")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("enabled", "integer", (c) => c.notNull())
      .addColumn("conditions", "text", (c) => c.notNull())
      .addColumn("actions", "text", (c) => c.notNull())
      .addColumn("stop", "integer", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();

    // Where polling a channel's stream got to, and how it is doing (backoff after failures).
    await db.schema
      .createTable("inbox_sources")
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("stream", "text", (c) => c.notNull())
      .addColumn("cursor", "text")
      .addColumn("next_poll_at", ts, (c) => c.notNull())
      .addColumn("failures", "integer", (c) => c.notNull())
      .addColumn("last_error", "text")
      .addColumn("last_polled_at", ts)
      .addColumn("last_success_at", ts)
      .addPrimaryKeyConstraint("inbox_sources_pk", ["account_id", "stream"])
      .execute();
  },
};
