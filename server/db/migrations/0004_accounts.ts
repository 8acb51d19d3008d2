import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    await db.schema
      .createTable("accounts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("network", "text", (c) => c.notNull())
      .addColumn("handle", "text", (c) => c.notNull())
      // Lower-cased handle: one row per presence on a network, however it is spelled.
      .addColumn("handle_key", "text", (c) => c.notNull())
      .addColumn("url", "text")
      .addColumn("display_name", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("owner_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("team_id", "text", (c) => c.references("teams.id").onDelete("set null"))
      .addColumn("purpose", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("audience", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("two_factor", "text", (c) => c.notNull())
      .addColumn("recovery_contact", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("last_activity_at", ts)
      .addColumn("connection_status", "text", (c) => c.notNull())
      .addColumn("external_id", "text")
      .addColumn("connected_at", ts)
      .addColumn("token_expires_at", ts)
      .addColumn("last_success_at", ts)
      .addColumn("last_error", "text")
      .addColumn("last_error_at", ts)
      // Held while one process refreshes this account's tokens (see connections/tokenKeeper.ts).
      .addColumn("refresh_lock_owner", "text")
      .addColumn("refresh_lock_until", ts)
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addUniqueConstraint("accounts_network_handle", ["network", "handle_key"])
      .execute();
    await db.schema.createIndex("accounts_owner").on("accounts").column("owner_id").execute();
    await db.schema.createIndex("accounts_team").on("accounts").column("team_id").execute();

    await db.schema
      .createTable("account_grants")
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("subject_type", "text", (c) => c.notNull())
      .addColumn("subject_id", "text", (c) => c.notNull())
      .addColumn("permission", "text", (c) => c.notNull())
      .addColumn("granted_by", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addPrimaryKeyConstraint("account_grants_pk", ["account_id", "subject_type", "subject_id", "permission"])
      .execute();
    await db.schema.createIndex("account_grants_subject").on("account_grants").columns(["subject_type", "subject_id"]).execute();

    // Encrypted credentials. `aad` binds each ciphertext to its owner and kind,
    // so a ciphertext copied onto another row does not decrypt.
    await db.schema
      .createTable("vault_secrets")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("owner_type", "text", (c) => c.notNull())
      .addColumn("owner_id", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("key_id", "text", (c) => c.notNull())
      .addColumn("nonce", "text", (c) => c.notNull())
      .addColumn("ciphertext", "text", (c) => c.notNull())
      .addColumn("expires_at", ts)
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addUniqueConstraint("vault_secrets_owner_kind", ["owner_type", "owner_id", "kind"])
      .execute();
    await db.schema.createIndex("vault_secrets_key").on("vault_secrets").column("key_id").execute();

    // Apps registered on a network (client id; the secret lives in the vault),
    // one per network, or per server for self-hosted networks like Mastodon.
    await db.schema
      .createTable("network_apps")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("network", "text", (c) => c.notNull())
      .addColumn("base_url", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("client_id", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addUniqueConstraint("network_apps_network_base", ["network", "base_url"])
      .execute();

    // A pending OAuth authorisation: the state is looked up by hash; the PKCE
    // verifier is sealed by the vault.
    await db.schema
      .createTable("oauth_states")
      .addColumn("state_hash", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull())
      .addColumn("base_url", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("verifier_sealed", "text", (c) => c.notNull())
      .addColumn("expires_at", ts, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("offboardings")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull())
      .addColumn("user_email", "text", (c) => c.notNull())
      .addColumn("reassigned_to", "text")
      .addColumn("performed_by", "text")
      .addColumn("summary", "text", (c) => c.notNull())
      .addColumn("checklist", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("offboardings_user").on("offboardings").column("user_id").execute();
  },
};
