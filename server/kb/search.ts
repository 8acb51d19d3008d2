import { sql } from "kysely";
import type { DialectCapabilities } from "../db/capabilities.js";
import type { Database } from "../db/database.js";
import type { Visibility } from "./model.js";
import { fts5Match, type SearchTerms, searchTerms, tsQuery } from "./searchQuery.js";
import { snippetOf } from "./snippet.js";

/** A run of snippet text; `match` marks the words the query found. Clients render these as text, never as HTML. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  id: string;
  slug: string;
  title: string;
  summary: string;
  visibility: Visibility;
  categoryId: string | null;
  updatedAt: string;
  snippet: SnippetPart[];
}

export interface SearchOptions {
  query: string;
  visibilities: readonly Visibility[];
  categoryId?: string | undefined;
  limit: number;
  offset?: number;
  /** Match the last word as a prefix (the person is still typing it). */
  prefix?: boolean;
  /** `all` needs every word, falling back to any word when nothing has them all; `any` ranks by any word. */
  mode?: "all" | "any";
}

export interface SearchResult {
  hits: SearchHit[];
  /** Whether the hits contain every word, only some, or the query had no searchable words. */
  matched: "all" | "any" | "none";
}

// Control characters cannot occur in indexed text (render.ts strips them), so they mark highlights safely.
const START = "\u0002";
const END = "\u0003";

export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const [i, piece] of marked.split(START).entries()) {
    if (i === 0) {
      if (piece) parts.push({ text: piece.replaceAll(END, ""), match: false });
      continue;
    }
    const [hit = "", rest = ""] = piece.split(END);
    if (hit) parts.push({ text: hit, match: true });
    if (rest) parts.push({ text: rest, match: false });
  }
  return parts;
}

interface Row {
  id: string;
  slug: string;
  title: string;
  summary: string;
  visibility: string;
  category_id: string | null;
  updated_at: string;
  snippet: string | null;
  /** Already cut (PostgreSQL); otherwise `snippet` holds FTS5's marked text. */
  parts?: SnippetPart[];
}

async function runSqlite(db: Database, terms: SearchTerms, all: boolean, o: SearchOptions): Promise<Row[]> {
  const category = o.categoryId ? sql`AND a.category_id = ${o.categoryId}` : sql``;
  // FTS5 consumes ORDER BY rank itself, so rows arrive best first and snippet() runs only for the rows kept.
  const result = await sql<Row>`
    SELECT a.id, a.slug, a.title, a.summary, a.visibility, a.category_id, a.updated_at,
           snippet(kb_search, 2, ${START}, ${END}, '…', 24) AS snippet
    FROM kb_search JOIN kb_articles a ON a.search_rowid = kb_search.rowid
    WHERE kb_search MATCH ${fts5Match(terms, all)}
      AND a.visibility IN (${sql.join([...o.visibilities])}) ${category}
    ORDER BY kb_search.rank
    LIMIT ${o.limit} OFFSET ${o.offset ?? 0}`.execute(db);
  return result.rows;
}

// How many matches are ranked in full on PostgreSQL (see runPostgres).
const PG_CANDIDATES = 100;

async function runPostgres(db: Database, terms: SearchTerms, all: boolean, o: SearchOptions): Promise<Row[]> {
  const offset = o.offset ?? 0;
  // A common word matches thousands of articles, and ranking each reads its whole body vector from
  // TOAST storage (about 5 pages an article): 50-70 ms at 10,000 articles. So kb_search() (migration
  // 0015) finds matches with the GIN index, picks the best PG_CANDIDATES by the small title+summary
  // vector kept in the row (title matches first, then the most recently updated), and ranks only
  // those in full. Below PG_CANDIDATES matches (most queries) the order is exact; above, body-only
  // matches beyond the newest PG_CANDIDATES are not considered.
  const result = await sql<Row>`
    SELECT a.id, a.slug, a.title, a.summary, a.visibility, a.category_id, a.updated_at, a.body_text AS snippet
    FROM kb_search(${tsQuery(terms, all)}, ${[...o.visibilities]}::text[], ${o.categoryId ?? null},
                   ${Math.max(PG_CANDIDATES, offset + o.limit)}, ${o.limit}, ${offset}) AS hits
    JOIN kb_articles a ON a.id = hits.article_id
    ORDER BY hits.score DESC, a.updated_at DESC, a.id`.execute(db);
  // The snippet is cut here, from the page's rows only (snippet.ts says why not ts_headline).
  return result.rows.map((row) => ({ ...row, snippet: null, parts: snippetOf(row.snippet ?? "", terms.terms) }));
}

const toHit = (row: Row): SearchHit => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  summary: row.summary,
  visibility: row.visibility as Visibility,
  categoryId: row.category_id,
  updatedAt: row.updated_at,
  snippet: row.parts ?? snippetParts(row.snippet ?? ""),
});

/** Full-text search over the articles the caller may read; the title weighs more than the body. */
export async function searchArticles(db: Database, capabilities: DialectCapabilities, options: SearchOptions): Promise<SearchResult> {
  const terms = searchTerms(options.query, { prefix: options.prefix ?? false });
  if (terms.terms.length === 0 || options.visibilities.length === 0) return { hits: [], matched: "none" };
  const run = capabilities.fullTextSearch === "fts5" ? runSqlite : runPostgres;
  const mode = options.mode ?? "all";
  if (mode === "all" || terms.terms.length === 1) {
    const rows = await run(db, terms, true, options);
    if (rows.length > 0 || terms.terms.length === 1 || (options.offset ?? 0) > 0) return { hits: rows.map(toHit), matched: "all" };
  }
  return { hits: (await run(db, terms, false, options)).map(toHit), matched: "any" };
}
