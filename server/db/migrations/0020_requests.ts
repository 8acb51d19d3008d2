import type { SwitchboardMigration } from "../migration.js";

/**
 * The help desk: requests employees file, the queues and SLA policies they go to, and the SLA
 * clocks' history. Ships a starting configuration (business hours, two policies, four queues, the
 * seven request types) that admins change; the forms' fields are part of each type.
 */
export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    await db.schema
      .createTable("sla_calendars")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("time_zone", "text", (c) => c.notNull())
      // JSON: [{day 0–6, start "HH:MM", end "HH:MM"}] and ["YYYY-MM-DD"].
      .addColumn("weekly", "text", (c) => c.notNull())
      .addColumn("holidays", "text", (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("sla_policies")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("calendar_id", "text", (c) => c.notNull().references("sla_calendars.id"))
      .addColumn("first_response_minutes", "integer", (c) => c.notNull())
      .addColumn("next_response_minutes", "integer", (c) => c.notNull())
      .addColumn("resolution_minutes", "integer", (c) => c.notNull())
      .addColumn("warn_before_minutes", "integer", (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    // A queue is worked by a team: its members are told about new requests and breaches.
    await db.schema
      .createTable("request_queues")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("team_id", "text", (c) => c.references("teams.id").onDelete("set null"))
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("request_types")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull())
      .addColumn("queue_id", "text", (c) => c.notNull().references("request_queues.id"))
      .addColumn("policy_id", "text", (c) => c.notNull().references("sla_policies.id"))
      .addColumn("default_priority", "text", (c) => c.notNull())
      // JSON: the form's fields [{key, label, kind, required, options?}].
      .addColumn("fields", "text", (c) => c.notNull())
      // What happens behind the type: none | access | new_account | rogue_report (server/requests/workflows).
      .addColumn("workflow", "text", (c) => c.notNull())
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("enabled", "integer", (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    // Request numbers: one row, incremented in the filing transaction (its row lock serialises filers).
    await db.schema
      .createTable("request_counter")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("value", "integer", (c) => c.notNull())
      .execute();
    await db.insertInto("request_counter").values({ id: "requests", value: 0 }).execute();

    await db.schema
      .createTable("requests")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("number", "integer", (c) => c.notNull().unique())
      .addColumn("type", "text", (c) => c.notNull().references("request_types.key"))
      .addColumn("queue_id", "text", (c) => c.notNull().references("request_queues.id"))
      .addColumn("policy_id", "text", (c) => c.notNull().references("sla_policies.id"))
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull())
      // JSON: the type's form fields as filed.
      .addColumn("fields", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("priority", "text", (c) => c.notNull())
      .addColumn("requester_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("assignee_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("account_id", "text", (c) => c.references("accounts.id").onDelete("set null"))
      // The article whose "Was this helpful? No" led here, and the suggestion session of the form.
      .addColumn("article_id", "text", (c) => c.references("kb_articles.id").onDelete("set null"))
      .addColumn("suggestion_session_id", "text")
      // Workflows: approval (pending | approved | rejected), what approving created, the takedown checklist (JSON).
      .addColumn("approval", "text")
      .addColumn("decided_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("decided_at", ts)
      .addColumn("outcome", "text")
      .addColumn("checklist", "text")
      .addColumn("rating", "integer")
      .addColumn("rating_comment", "text")
      .addColumn("rated_at", ts)
      .addColumn("first_responded_at", ts)
      .addColumn("resolved_at", ts)
      .addColumn("closed_at", ts)
      .addColumn("reopen_count", "integer", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("requests_requester").on("requests").columns(["requester_id", "created_at"]).execute();
    await db.schema.createIndex("requests_queue_status").on("requests").columns(["queue_id", "status", "created_at"]).execute();
    await db.schema.createIndex("requests_assignee").on("requests").columns(["assignee_id", "status"]).execute();
    await db.schema.createIndex("requests_type_requester").on("requests").columns(["type", "requester_id", "created_at"]).execute();

    // The conversation with the requester (public) and internal notes, oldest first.
    await db.schema
      .createTable("request_messages")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("request_id", "text", (c) => c.notNull().references("requests.id").onDelete("cascade"))
      .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("author_label", "text", (c) => c.notNull())
      // public | internal
      .addColumn("visibility", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("request_messages_request").on("request_messages").columns(["request_id", "created_at"]).execute();

    // One row per run of an SLA clock (server/sla/clock.ts): the first response, each wait for a next
    // response, each resolution between an opening and a resolve. `segments` (JSON [[start, end|null]])
    // is when it ran; `due_at`/`warn_at` are cached from it for the warning job (null while paused).
    await db.schema
      .createTable("request_sla_cycles")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("request_id", "text", (c) => c.notNull().references("requests.id").onDelete("cascade"))
      // first_response | next_response | resolution
      .addColumn("metric", "text", (c) => c.notNull())
      .addColumn("cycle", "integer", (c) => c.notNull())
      .addColumn("calendar_id", "text", (c) => c.notNull())
      .addColumn("target_minutes", "integer", (c) => c.notNull())
      .addColumn("warn_before_minutes", "integer", (c) => c.notNull())
      .addColumn("segments", "text", (c) => c.notNull())
      .addColumn("started_at", ts, (c) => c.notNull())
      .addColumn("due_at", ts)
      .addColumn("warn_at", ts)
      .addColumn("warned_at", ts)
      .addColumn("breached_at", ts)
      .addColumn("stopped_at", ts)
      // met | missed, once stopped
      .addColumn("outcome", "text")
      .addUniqueConstraint("request_sla_cycles_metric_cycle", ["request_id", "metric", "cycle"])
      .execute();
    await db.schema.createIndex("request_sla_cycles_due").on("request_sla_cycles").columns(["stopped_at", "due_at"]).execute();

    const now = new Date().toISOString();
    const weekdays = JSON.stringify([1, 2, 3, 4, 5].map((day) => ({ day, start: "09:00", end: "17:00" })));
    const always = JSON.stringify([0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: "00:00", end: "24:00" })));
    await db
      .insertInto("sla_calendars")
      .values([
        { id: "business-hours", name: "Business hours", time_zone: "UTC", weekly: weekdays, holidays: "[]", updated_at: now },
        { id: "always", name: "Around the clock", time_zone: "UTC", weekly: always, holidays: "[]", updated_at: now },
      ])
      .execute();
    const policy = (id: string, name: string, calendar: string, f: number, n: number, r: number, w: number) => ({
      id,
      name,
      calendar_id: calendar,
      first_response_minutes: f,
      next_response_minutes: n,
      resolution_minutes: r,
      warn_before_minutes: w,
      updated_at: now,
    });
    await db
      .insertInto("sla_policies")
      .values([policy("standard", "Standard", "business-hours", 240, 480, 2400, 60), policy("urgent", "Urgent", "always", 30, 60, 480, 10)])
      .execute();
    await db
      .insertInto("request_queues")
      .values(
        [
          ["it", "IT"],
          ["marketing", "Marketing"],
          ["pr", "PR"],
          ["legal", "Legal"],
        ].map(([id, name]) => ({ id, name, team_id: null, updated_at: now })),
      )
      .execute();
    const text = (key: string, label: string, required = false) => ({ key, label, kind: "text", required });
    const account = { key: "account", label: "Which account?", kind: "account", required: false };
    const types = [
      [
        "access",
        "Lost access or 2FA",
        "You cannot sign in, lost your 2FA device, or need access to an account.",
        "it",
        "standard",
        "normal",
        "access",
        [
          account,
          {
            key: "permission",
            label: "Access you need",
            kind: "select",
            required: false,
            options: ["", "view", "draft", "publish", "reply"],
          },
        ],
      ],
      [
        "new_account",
        "New account request",
        "We should be on a network, or need another account there.",
        "marketing",
        "standard",
        "normal",
        "new_account",
        [
          { key: "network", label: "Network", kind: "network", required: true },
          text("handle", "Handle you would like", true),
          { key: "purpose", label: "Business purpose", kind: "textarea", required: true },
          text("audience", "Audience", true),
          { key: "owner", label: "Owner", kind: "user", required: true },
          { key: "team", label: "Team", kind: "team", required: false },
        ],
      ],
      [
        "account_owner",
        "Who owns this account?",
        "Find out who runs one of our accounts.",
        "marketing",
        "standard",
        "low",
        "none",
        [account, text("handle", "Or its handle or address")],
      ],
      [
        "rogue_account",
        "Rogue or fake account report",
        "An account pretends to be us or one of our people.",
        "pr",
        "standard",
        "high",
        "rogue_report",
        [
          { key: "network", label: "Network", kind: "network", required: true },
          text("handle", "Its handle", true),
          text("url", "Link to it"),
        ],
      ],
      [
        "policy_question",
        "Policy question",
        "May I post this? What does the policy say about that?",
        "legal",
        "standard",
        "normal",
        "none",
        [],
      ],
      [
        "content_help",
        "Content help",
        "Help with a post, a reply, an image or a campaign.",
        "marketing",
        "standard",
        "normal",
        "none",
        [account],
      ],
      [
        "incident",
        "Incident (urgent)",
        "Something is going wrong right now: a hacked account, a post that must come down, a crisis.",
        "pr",
        "urgent",
        "urgent",
        "none",
        [account],
      ],
    ] as const;
    await db
      .insertInto("request_types")
      .values(
        types.map(([key, name, description, queue, pol, priority, workflow, fields], position) => ({
          key,
          name,
          description,
          queue_id: queue,
          policy_id: pol,
          default_priority: priority,
          fields: JSON.stringify(fields),
          workflow,
          position,
          enabled: 1,
          updated_at: now,
        })),
      )
      .execute();
  },
};
