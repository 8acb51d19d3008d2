import type { Database } from "../db/database.js";
import type { Visibility } from "./model.js";

export interface ArticleSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  categoryId: string | null;
  visibility: Visibility;
  version: number;
  updatedAt: string;
}

const SUMMARY_COLUMNS = ["id", "slug", "title", "summary", "category_id", "visibility", "version", "updated_at"] as const;

const toSummary = (r: {
  id: string;
  slug: string;
  title: string;
  summary: string;
  category_id: string | null;
  visibility: string;
  version: number;
  updated_at: string;
}): ArticleSummary => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  summary: r.summary,
  categoryId: r.category_id,
  visibility: r.visibility as Visibility,
  version: r.version,
  updatedAt: r.updated_at,
});

export async function listArticles(
  db: Database,
  options: { visibilities: readonly Visibility[]; categoryId?: string | undefined; uncategorised?: boolean; limit: number; offset: number },
): Promise<ArticleSummary[]> {
  let query = db
    .selectFrom("kb_articles")
    .select(SUMMARY_COLUMNS)
    .where("visibility", "in", [...options.visibilities]);
  if (options.categoryId) query = query.where("category_id", "=", options.categoryId);
  if (options.uncategorised) query = query.where("category_id", "is", null);
  const rows = await query.orderBy("title").orderBy("id").limit(options.limit).offset(options.offset).execute();
  return rows.map(toSummary);
}

export const articleById = (db: Database, id: string) => db.selectFrom("kb_articles").selectAll().where("id", "=", id).executeTakeFirst();

/**
 * The article at this address: its current slug, or one it had before a rename (the newest
 * version that used it), so links in old posts and findings keep working.
 */
export async function articleBySlug(db: Database, slug: string) {
  const current = await db.selectFrom("kb_articles").selectAll().where("slug", "=", slug).executeTakeFirst();
  if (current) return { article: current, redirectedFrom: null };
  const old = await db
    .selectFrom("kb_article_versions")
    .select("article_id")
    .where("slug", "=", slug)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!old) return undefined;
  const article = await articleById(db, old.article_id);
  return article ? { article, redirectedFrom: slug } : undefined;
}

export async function voteCounts(db: Database, articleId: string): Promise<{ helpful: number; notHelpful: number }> {
  const rows = await db
    .selectFrom("kb_votes")
    .select(["helpful", (eb) => eb.fn.countAll<number>().as("n")])
    .where("article_id", "=", articleId)
    .groupBy("helpful")
    .execute();
  const count = (value: number) => Number(rows.find((r) => Number(r.helpful) === value)?.n ?? 0);
  return { helpful: count(1), notHelpful: count(0) };
}

export async function myVote(db: Database, articleId: string, userId: string): Promise<boolean | null> {
  const row = await db
    .selectFrom("kb_votes")
    .select("helpful")
    .where("article_id", "=", articleId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? row.helpful === 1 : null;
}

export async function listVersions(db: Database, articleId: string) {
  const rows = await db
    .selectFrom("kb_article_versions")
    .select(["version", "title", "slug", "visibility", "category_id", "author_label", "note", "created_at"])
    .where("article_id", "=", articleId)
    .orderBy("version", "desc")
    .execute();
  return rows.map((r) => ({
    version: r.version,
    title: r.title,
    slug: r.slug,
    visibility: r.visibility as Visibility,
    categoryId: r.category_id,
    author: r.author_label,
    note: r.note,
    createdAt: r.created_at,
  }));
}

export const versionOf = (db: Database, articleId: string, version: number) =>
  db.selectFrom("kb_article_versions").selectAll().where("article_id", "=", articleId).where("version", "=", version).executeTakeFirst();

export async function listCategories(db: Database, visibilities: readonly Visibility[]) {
  const [categories, counts] = await Promise.all([
    db.selectFrom("kb_categories").selectAll().orderBy("position").orderBy("name").execute(),
    db
      .selectFrom("kb_articles")
      .select(["category_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("visibility", "in", [...visibilities])
      .groupBy("category_id")
      .execute(),
  ]);
  const countOf = (id: string | null) => Number(counts.find((c) => c.category_id === id)?.n ?? 0);
  return {
    categories: categories.map((c) => ({
      id: c.id,
      name: c.name,
      slug: c.slug,
      description: c.description,
      position: c.position,
      articleCount: countOf(c.id),
    })),
    uncategorisedCount: countOf(null),
  };
}

/** Headings with ids, read back from the stored (sanitised) HTML for the article's table of contents. */
export function headingsOf(html: string): { level: number; id: string; text: string }[] {
  const found: { level: number; id: string; text: string }[] = [];
  for (const m of html.matchAll(/<h([1-6]) id="([a-z0-9_-]+)">([\s\S]*?)<\/h\1>/g)) {
    const text = (m[3] ?? "")
      .replace(/<[^>]*>/g, "")
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
    found.push({ level: Number(m[1]), id: m[2] ?? "", text: text.trim() });
  }
  return found;
}
