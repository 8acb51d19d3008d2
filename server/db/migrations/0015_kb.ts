import { sql } from "kysely";
import type { SwitchboardMigration } from "../migration.js";

export const migration: SwitchboardMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;
    await db.schema
      .createTable("kb_categories")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull().unique())
      .addColumn("slug", "text", (c) => c.notNull().unique())
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    // The current version of each article. `body` is the Markdown people edit; `html` is it rendered and
    // sanitised once at save (never at read); `body_text` is its plain text, which search indexes.
    await db.schema
      .createTable("kb_articles")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("slug", "text", (c) => c.notNull().unique())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("body_text", "text", (c) => c.notNull())
      .addColumn("html", "text", (c) => c.notNull())
      // Articles of a deleted category stay, uncategorised.
      .addColumn("category_id", "text", (c) => c.references("kb_categories.id").onDelete("set null"))
      // draft | internal | public
      .addColumn("visibility", "text", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
      // The starter file it came from (server/kb/starter/), if any; edits never change it.
      .addColumn("starter_key", "text")
      // SQLite only: the row of the FTS5 index (kb_search) holding this article's text.
      .addColumn("search_rowid", "integer", (c) => c.unique())
      .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("kb_articles_category").on("kb_articles").columns(["category_id", "title"]).execute();
    await db.schema.createIndex("kb_articles_visibility").on("kb_articles").columns(["visibility", "updated_at"]).execute();

    if (dialect.fullTextSearch === "tsvector") {
      // Title weighted A, body C: ts_rank scores a title hit 5× a body hit (weights {0.1, 0.2, 0.4, 1.0}).
      await sql`
        ALTER TABLE kb_articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', title), 'A') ||
          setweight(to_tsvector('english', summary), 'B') ||
          setweight(to_tsvector('english', body_text), 'C')
        ) STORED`.execute(db);
      await sql`CREATE INDEX kb_articles_search ON kb_articles USING GIN (search)`.execute(db);
      // Title and summary alone: small enough to stay in the row (no TOAST read), so search can pick
      // the best candidates among thousands of matches cheaply before ranking them in full.
      await sql`
        ALTER TABLE kb_articles ADD COLUMN search_head tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B')
        ) STORED`.execute(db);
      // The search itself (server/kb/search.ts says why it ranks in two steps). A function, so its plan
      // is prepared once per connection and its setting applies to it alone: the planner prefers a
      // table scan for a common word, not knowing each row then costs a TOAST read of its body vector.
      await sql`
        CREATE FUNCTION kb_search(q text, visibilities text[], category text, candidates integer, lim integer, skip integer)
        RETURNS TABLE (article_id text, score real)
        LANGUAGE plpgsql STABLE
        -- A page of rows, not the default guess of 1,000 (which makes the caller's join scan the table).
        ROWS 20
        SET enable_seqscan = off
        AS $$
        DECLARE tsq tsquery := to_tsquery('english', q);
        BEGIN
          RETURN QUERY
            WITH c AS (
              SELECT a.id, ts_rank(a.search_head, tsq) AS head, a.updated_at
              FROM kb_articles a
              WHERE a.search @@ tsq AND a.visibility = ANY(visibilities) AND (category IS NULL OR a.category_id = category)
              ORDER BY head DESC, a.updated_at DESC, a.id
              LIMIT candidates
            )
            SELECT a.id, ts_rank(a.search, tsq)
            FROM c JOIN kb_articles a ON a.id = c.id
            ORDER BY 2 DESC, a.updated_at DESC, a.id
            LIMIT lim OFFSET skip;
        END
        $$`.execute(db);
    } else {
      // A standalone FTS5 table (its rowids are stable, unlike an ordinary table's without an INTEGER
      // PRIMARY KEY, which VACUUM may renumber); the store writes it in the same transaction as the article.
      await sql`
        CREATE VIRTUAL TABLE kb_search USING fts5(
          title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2'
        )`.execute(db);
      // bm25 with a title hit worth 10 body hits, a summary hit 4.
      await sql`INSERT INTO kb_search(kb_search, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)')`.execute(db);
    }

    // Every save is a version; restoring an old one saves it again as the newest.
    await db.schema
      .createTable("kb_article_versions")
      .addColumn("article_id", "text", (c) => c.notNull().references("kb_articles.id").onDelete("cascade"))
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("slug", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("summary", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      // No foreign key: a version remembers the category it was saved in even after that is deleted.
      .addColumn("category_id", "text")
      .addColumn("visibility", "text", (c) => c.notNull())
      .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("author_label", "text", (c) => c.notNull())
      .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addPrimaryKeyConstraint("kb_article_versions_pk", ["article_id", "version"])
      .execute();
    // Old addresses keep working after a rename (the newest version that had the slug wins).
    await db.schema.createIndex("kb_article_versions_slug").on("kb_article_versions").columns(["slug", "created_at"]).execute();

    // "Was this helpful?": one vote per person per article, changeable.
    await db.schema
      .createTable("kb_votes")
      .addColumn("article_id", "text", (c) => c.notNull().references("kb_articles.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("helpful", "integer", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addPrimaryKeyConstraint("kb_votes_pk", ["article_id", "user_id"])
      .execute();

    // What the request form suggested while someone typed, what they opened, and how it ended
    // ("this solved it", or a request filed anyway): the help desk's deflection figures read these.
    await db.schema
      .createTable("kb_suggestion_sessions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("request_type", "text")
      .addColumn("query", "text", (c) => c.notNull())
      // JSON arrays of article ids, in the order first shown / clicked.
      .addColumn("shown", "text", (c) => c.notNull())
      .addColumn("clicked", "text", (c) => c.notNull())
      .addColumn("solved_article_id", "text")
      .addColumn("solved_at", ts)
      .addColumn("request_id", "text")
      .addColumn("request_filed_at", ts)
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("kb_suggestion_sessions_user").on("kb_suggestion_sessions").columns(["user_id", "solved_at"]).execute();

    // Starter articles installed so far, by file: installed once, so the organisation's edits and
    // deletions are never undone by a restart or an upgrade.
    await db.schema
      .createTable("kb_starter_imports")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("article_id", "text")
      .addColumn("imported_at", ts, (c) => c.notNull())
      .execute();
  },
};
