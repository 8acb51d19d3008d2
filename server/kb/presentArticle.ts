import type { Database } from "../db/database.js";
import type { Actor } from "../identity/actor.js";
import { canEdit, type Visibility } from "./model.js";
import { headingsOf, myVote, voteCounts } from "./store.js";

type ArticleRecord = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  html: string;
  category_id: string | null;
  visibility: string;
  version: number;
  created_at: string;
  updated_at: string;
};

/** An article as its reader may see it: the Markdown and the vote counts only for editors. */
export async function presentArticle(db: Database, actor: Actor | null, article: ArticleRecord, redirectedFrom: string | null = null) {
  const editor = canEdit(actor);
  const [category, last, mine, votes] = await Promise.all([
    article.category_id
      ? db.selectFrom("kb_categories").select(["id", "name", "slug"]).where("id", "=", article.category_id).executeTakeFirst()
      : undefined,
    db
      .selectFrom("kb_article_versions")
      .select("author_label")
      .where("article_id", "=", article.id)
      .where("version", "=", article.version)
      .executeTakeFirst(),
    actor ? myVote(db, article.id, actor.user.id) : null,
    editor ? voteCounts(db, article.id) : null,
  ]);
  return {
    id: article.id,
    slug: article.slug,
    title: article.title,
    summary: article.summary,
    html: article.html,
    headings: headingsOf(article.html),
    category: category ?? null,
    categoryId: article.category_id,
    visibility: article.visibility as Visibility,
    version: article.version,
    createdAt: article.created_at,
    updatedAt: article.updated_at,
    updatedBy: last?.author_label ?? null,
    redirectedFrom,
    myVote: mine,
    votes,
    body: editor ? article.body : null,
  };
}
