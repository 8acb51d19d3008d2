import type { SwitchboardMigration } from "../migration.js";

/**
 * Training and policy attestation: courses of lessons and a question bank, quiz attempts graded on
 * the server, certifications that expire, the social media policy's versions with acknowledgment
 * campaigns, and which permissions or roles need a course or the current policy (server/training,
 * server/attestation, server/identity/permissionGates.ts).
 */
export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    await db.schema
      .createTable("training_courses")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("slug", "text", (c) => c.notNull().unique())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("summary", "text", (c) => c.notNull())
      .addColumn("published", "integer", (c) => c.notNull())
      .addColumn("pass_mark", "integer", (c) => c.notNull())
      .addColumn("questions_per_attempt", "integer", (c) => c.notNull())
      // Null: unlimited. Counted since the last pass.
      .addColumn("max_attempts", "integer")
      .addColumn("retry_delay_minutes", "integer", (c) => c.notNull())
      // Null: the certification never expires.
      .addColumn("validity_days", "integer")
      .addColumn("recert_window_days", "integer", (c) => c.notNull())
      .addColumn("starter_key", "text", (c) => c.unique())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    // Starter courses and the seeded policy are installed once: deleting one later must not bring it back.
    await db.schema
      .createTable("training_starter_imports")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("imported_at", ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("training_lessons")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("course_id", "text", (c) => c.notNull().references("training_courses.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      // Rendered and sanitised once, on save (server/kb/render.ts).
      .addColumn("html", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("training_lessons_course").on("training_lessons").columns(["course_id", "position"]).execute();
    await db.schema
      .createTable("training_lesson_reads")
      .addColumn("lesson_id", "text", (c) => c.notNull().references("training_lessons.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("read_at", ts, (c) => c.notNull())
      .addPrimaryKeyConstraint("training_lesson_reads_pk", ["lesson_id", "user_id"])
      .execute();
    await db.schema
      .createTable("training_questions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("course_id", "text", (c) => c.notNull().references("training_courses.id").onDelete("cascade"))
      .addColumn("prompt", "text", (c) => c.notNull())
      // JSON: [{id, text, correct}]. Never sent to someone taking the quiz.
      .addColumn("options", "text", (c) => c.notNull())
      .addColumn("explanation", "text", (c) => c.notNull())
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("training_questions_course").on("training_questions").column("course_id").execute();
    await db.schema
      .createTable("training_attempts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("course_id", "text", (c) => c.notNull().references("training_courses.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      // JSON: [{questionId, prompt, options:[{id,text}] in the shuffled order, correct:[ids]}], drawn at start.
      .addColumn("questions", "text", (c) => c.notNull())
      .addColumn("pass_mark", "integer", (c) => c.notNull())
      .addColumn("started_at", ts, (c) => c.notNull())
      .addColumn("submitted_at", ts)
      // JSON: {questionId: [optionIds]} as graded.
      .addColumn("answers", "text")
      .addColumn("score", "integer")
      .addColumn("passed", "integer")
      .execute();
    await db.schema
      .createIndex("training_attempts_user_course")
      .on("training_attempts")
      .columns(["user_id", "course_id", "started_at"])
      .execute();
    // A manager's "try again" for someone who used up their attempts: attempts before it no longer count.
    await db.schema
      .createTable("training_attempt_resets")
      .addColumn("course_id", "text", (c) => c.notNull().references("training_courses.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("reset_at", ts, (c) => c.notNull())
      .addPrimaryKeyConstraint("training_attempt_resets_pk", ["course_id", "user_id"])
      .execute();
    // One row per person and course: the current certification (each pass renews it).
    await db.schema
      .createTable("training_certifications")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("course_id", "text", (c) => c.notNull().references("training_courses.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("attempt_id", "text", (c) => c.notNull())
      .addColumn("score", "integer", (c) => c.notNull())
      .addColumn("granted_at", ts, (c) => c.notNull())
      .addColumn("expires_at", ts)
      .addColumn("reminded_at", ts)
      // Set by the lapse job when it has audited the expiry; the gate refuses from expires_at on regardless.
      .addColumn("lapsed_at", ts)
      .addUniqueConstraint("training_certifications_user_course", ["user_id", "course_id"])
      .execute();
    await db.schema.createIndex("training_certifications_expiry").on("training_certifications").column("expires_at").execute();

    // What a permission or a role needs: a course's certification, or the current policy acknowledged.
    await db.schema
      .createTable("permission_requirements")
      .addColumn("id", "text", (c) => c.primaryKey())
      // "permission:posts.write" or "role:contributor".
      .addColumn("subject", "text", (c) => c.notNull())
      // "course" or "policy".
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("course_id", "text", (c) => c.references("training_courses.id").onDelete("cascade"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("policy_versions")
      .addColumn("version", "integer", (c) => c.primaryKey())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("html", "text", (c) => c.notNull())
      .addColumn("substantive", "integer", (c) => c.notNull())
      .addColumn("note", "text", (c) => c.notNull())
      .addColumn("published_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("published_by_label", "text", (c) => c.notNull())
      .addColumn("published_at", ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("policy_campaigns")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("version", "integer", (c) => c.notNull().references("policy_versions.version"))
      // JSON: {kind: everyone|roles|teams, roles: [], teams: []}.
      .addColumn("audience", "text", (c) => c.notNull())
      .addColumn("due_at", ts, (c) => c.notNull())
      .addColumn("allow_late", "integer", (c) => c.notNull())
      .addColumn("remind_every_days", "integer", (c) => c.notNull())
      .addColumn("last_reminded_at", ts)
      .addColumn("closed_at", ts)
      .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .execute();
    // The server's record of serving the text: an acknowledgment's open time is bounded by it.
    await db.schema
      .createTable("policy_views")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("version", "integer", (c) => c.notNull().references("policy_versions.version"))
      .addColumn("served_at", ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("policy_acknowledgments")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("version", "integer", (c) => c.notNull().references("policy_versions.version"))
      .addColumn("campaign_id", "text", (c) => c.references("policy_campaigns.id").onDelete("set null"))
      .addColumn("view_id", "text", (c) => c.notNull())
      .addColumn("acknowledged_at", ts, (c) => c.notNull())
      .addColumn("open_ms", "integer", (c) => c.notNull())
      .addColumn("late", "integer", (c) => c.notNull())
      .addUniqueConstraint("policy_acknowledgments_user_version", ["user_id", "version"])
      .execute();
  },
};
