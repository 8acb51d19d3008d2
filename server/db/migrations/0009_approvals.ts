import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    // One workflow per channel (inventory account) or campaign: ordered steps a post must pass.
    await db.schema
      .createTable("approval_workflows")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      // account or campaign; the row it belongs to.
      .addColumn("scope_type", "text", (c) => c.notNull())
      .addColumn("scope_id", "text", (c) => c.notNull())
      // An approval not given this long before the scheduled time expires; the post returns to draft.
      .addColumn("expire_minutes_before", "integer", (c) => c.notNull())
      // JSON array of steps: { name, mode: any|all, approvers: [{ type: user|team, id }] }.
      .addColumn("steps", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addUniqueConstraint("approval_workflows_scope", ["scope_type", "scope_id"])
      .execute();
    // The steps one submission of a post must pass, copied from its workflows (and the policy hook)
    // when it was submitted: a later change to a workflow does not move posts already under review.
    await db.schema
      .createTable("post_approval_steps")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("post_id", "text", (c) => c.notNull().references("posts.id").onDelete("cascade"))
      // Bumped by every submission; earlier rounds stay as history.
      .addColumn("round", "integer", (c) => c.notNull())
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("mode", "text", (c) => c.notNull())
      // JSON array of { type: user|team, id }.
      .addColumn("approvers", "text", (c) => c.notNull())
      // Why the step is there: a workflow's name, the policy check's reason, or the publish grant.
      .addColumn("reason", "text", (c) => c.notNull())
      // Who submitted this round: like the author, they may not approve it.
      .addColumn("submitted_by", "text", (c) => c.notNull().references("users.id"))
      // waiting, approved, rejected, expired, superseded.
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("expires_at", ts, (c) => c.notNull())
      .addColumn("decided_at", ts)
      .execute();
    await db.schema.createIndex("post_approval_steps_post").on("post_approval_steps").columns(["post_id", "round", "position"]).execute();
    await db.schema.createIndex("post_approval_steps_waiting").on("post_approval_steps").columns(["status", "expires_at"]).execute();
    await db.schema
      .createTable("post_approval_decisions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("step_id", "text", (c) => c.notNull().references("post_approval_steps.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
      // approved or rejected (changes requested).
      .addColumn("decision", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addUniqueConstraint("post_approval_decisions_once", ["step_id", "user_id"])
      .execute();
    await db.schema
      .createTable("post_comments")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("post_id", "text", (c) => c.notNull().references("posts.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("post_comments_post").on("post_comments").columns(["post_id", "created_at"]).execute();
    // Email copies of notifications: null until the mailer takes it (only when SMTP is configured).
    await db.schema.alterTable("notifications").addColumn("email_state", "text").execute();
  },
};
