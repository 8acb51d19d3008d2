import { sql } from "kysely";
import type { SwitchboardMigration } from "../migration.js";

/**
 * Working the inbox queue (docs/inbox.md): SLA clocks on conversations, agents' presence and
 * capacity, team defaults (auto-assignment, SLA policy), replies held for approval, leads for sales.
 */
export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    const conversations = () => db.schema.alterTable("inbox_conversations");
    // The SLA policy chosen when the conversation started (routing rule or team default); null: none.
    await conversations().addColumn("sla_policy_id", "text").execute();
    // The earliest due and warning instants of its running clocks: the list's "breaching soon" filter.
    await conversations().addColumn("sla_due_at", ts).execute();
    await conversations().addColumn("sla_warn_at", ts).execute();
    // The `updated_at` the queue worker last brought the clocks and assignment in line with.
    await conversations().addColumn("queue_synced_at", ts).execute();
    // What exists already is taken as worked: no clocks start (and breach at once) for old conversations.
    await sql`update inbox_conversations set queue_synced_at = updated_at`.execute(db);
    await db.schema.createIndex("inbox_conversations_updated").on("inbox_conversations").column("updated_at").execute();
    await db.schema
      .createIndex("inbox_conversations_sla_due")
      .on("inbox_conversations")
      .columns(["status", "sla_due_at"])
      .where("sla_due_at", "is not", null)
      .execute();

    // One run of one SLA clock of a conversation (as request_sla_cycles for the help desk).
    await db.schema
      .createTable("inbox_sla_cycles")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("conversation_id", "text", (c) => c.notNull().references("inbox_conversations.id").onDelete("cascade"))
      // first_response | next_response | resolution
      .addColumn("metric", "text", (c) => c.notNull())
      .addColumn("cycle", "integer", (c) => c.notNull())
      .addColumn("policy_id", "text", (c) => c.notNull())
      .addColumn("calendar_id", "text", (c) => c.notNull())
      .addColumn("target_minutes", "integer", (c) => c.notNull())
      .addColumn("warn_before_minutes", "integer", (c) => c.notNull())
      // JSON: [[start ISO, end ISO | null]]: the segments during which the clock ran.
      .addColumn("segments", "text", (c) => c.notNull())
      .addColumn("started_at", ts, (c) => c.notNull())
      .addColumn("due_at", ts)
      .addColumn("warn_at", ts)
      .addColumn("warned_at", ts)
      .addColumn("breached_at", ts)
      .addColumn("stopped_at", ts)
      // met | missed, once stopped
      .addColumn("outcome", "text")
      .addUniqueConstraint("inbox_sla_cycles_run", ["conversation_id", "metric", "cycle"])
      .execute();
    await db.schema
      .createIndex("inbox_sla_cycles_due")
      .on("inbox_sla_cycles")
      .column("due_at")
      .where(sql<boolean>`stopped_at is null and breached_at is null`)
      .execute();
    await db.schema
      .createIndex("inbox_sla_cycles_warn")
      .on("inbox_sla_cycles")
      .column("warn_at")
      .where(sql<boolean>`stopped_at is null and warned_at is null`)
      .execute();

    // An agent's presence (available | away | offline) and capacity (most open conversations).
    await db.schema
      .createTable("inbox_agents")
      .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
      .addColumn("presence", "text", (c) => c.notNull())
      // 1 when `away` was set by inactivity: activity brings the agent back to available.
      .addColumn("presence_auto", "integer", (c) => c.notNull())
      .addColumn("capacity", "integer", (c) => c.notNull())
      .addColumn("last_active_at", ts)
      .addColumn("last_assigned_at", ts)
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();

    // Per team: auto-assignment of its new conversations, and its default SLA policy.
    await db.schema
      .createTable("inbox_team_settings")
      .addColumn("team_id", "text", (c) => c.primaryKey().references("teams.id").onDelete("cascade"))
      // off | least_loaded
      .addColumn("auto_assign", "text", (c) => c.notNull())
      .addColumn("sla_policy_id", "text")
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();

    // Settings of the inbox kept as JSON by key (reply approval, the sales webhook).
    await db.schema
      .createTable("inbox_settings")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();

    // A reply written by someone whose replies need approval: held, never sent until a lead approves.
    await db.schema
      .createTable("inbox_held_replies")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("conversation_id", "text", (c) => c.notNull().references("inbox_conversations.id").onDelete("cascade"))
      .addColumn("author_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("text", "text", (c) => c.notNull())
      // JSON: the policy's findings when it was written.
      .addColumn("findings", "text", (c) => c.notNull())
      // waiting → sending → sent | returned (sent back with a comment)
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("comment", "text")
      .addColumn("decided_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("decided_at", ts)
      .addColumn("message_id", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("inbox_held_replies_status").on("inbox_held_replies").columns(["status", "created_at"]).execute();
    await db.schema.createIndex("inbox_held_replies_conversation").on("inbox_held_replies").column("conversation_id").execute();

    // A conversation marked as a sales lead, and how its delivery to the sales webhook went.
    await db.schema
      .createTable("inbox_leads")
      .addColumn("conversation_id", "text", (c) => c.primaryKey().references("inbox_conversations.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("company", "text", (c) => c.notNull())
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("note", "text", (c) => c.notNull())
      .addColumn("marked_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("marked_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      // not_sent | pending | retrying | sent | failed
      .addColumn("delivery_status", "text", (c) => c.notNull())
      .addColumn("delivery_id", "text")
      .addColumn("attempts", "integer", (c) => c.notNull())
      .addColumn("last_error", "text")
      .addColumn("sent_at", ts)
      .execute();
    await db.schema.createIndex("inbox_leads_marked").on("inbox_leads").column("marked_at").execute();
  },
};
