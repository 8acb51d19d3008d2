import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { DialectCapabilities } from "../db/capabilities.js";
import type { Database } from "../db/database.js";
import { isUniqueViolation } from "../db/uniqueViolation.js";
import { AppError, conflict, notFound } from "../errors.js";
import type { ArticleFields } from "./model.js";
import { type RenderedArticle, renderMarkdown } from "./render.js";
import { indexArticle, unindexArticle } from "./searchIndex.js";

export interface Author {
  /** Null for Switchboard itself (starter articles). */
  id: string | null;
  label: string;
}

const slugTaken = (slug: string) =>
  new AppError(409, "kb_slug_taken", `Another article already uses the address “${slug}”.`, {
    details: { slug },
    help: "Choose another slug.",
  });

const changed = () =>
  conflict("kb_article_changed", "Someone saved this article after you opened it. Reload it to see their changes, then edit again.");

async function checkSlugFree(trx: Database, slug: string, articleId: string | null) {
  const other = await trx.selectFrom("kb_articles").select("id").where("slug", "=", slug).executeTakeFirst();
  if (other && other.id !== articleId) throw slugTaken(slug);
}

async function checkCategory(trx: Database, categoryId: string | null) {
  if (!categoryId) return;
  const found = await trx.selectFrom("kb_categories").select("id").where("id", "=", categoryId).executeTakeFirst();
  if (!found) throw new AppError(400, "kb_category_not_found", "That category does not exist.", { details: { categoryId } });
}

async function writeVersion(
  trx: Database,
  articleId: string,
  version: number,
  fields: ArticleFields,
  author: Author,
  note: string,
  now: string,
) {
  await trx
    .insertInto("kb_article_versions")
    .values({
      article_id: articleId,
      version,
      slug: fields.slug,
      title: fields.title,
      summary: fields.summary,
      body: fields.body,
      category_id: fields.categoryId,
      visibility: fields.visibility,
      author_id: author.id,
      author_label: author.label,
      note,
      created_at: now,
    })
    .execute();
}

/** Runs a write, turning a unique-index refusal (two people taking one slug at once) into 409. */
async function guarded<T>(slug: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken(slug);
    throw err;
  }
}

/** Inserts an article and its first version, and indexes it; the caller's transaction audits. */
export async function insertArticle(
  trx: Database,
  capabilities: DialectCapabilities,
  author: Author,
  fields: ArticleFields,
  rendered: RenderedArticle,
  extra: { starterKey?: string; note?: string } = {},
): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await checkSlugFree(trx, fields.slug, null);
  await checkCategory(trx, fields.categoryId);
  await trx
    .insertInto("kb_articles")
    .values({
      id,
      slug: fields.slug,
      title: fields.title,
      summary: fields.summary,
      body: fields.body,
      body_text: rendered.text,
      html: rendered.html,
      category_id: fields.categoryId,
      visibility: fields.visibility,
      version: 1,
      starter_key: extra.starterKey ?? null,
      search_rowid: null,
      created_by: author.id,
      updated_by: author.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await writeVersion(trx, id, 1, fields, author, extra.note ?? "Created", now);
  await indexArticle(trx, capabilities, { id, title: fields.title, summary: fields.summary, bodyText: rendered.text });
  return id;
}

export async function createArticle(
  db: Database,
  capabilities: DialectCapabilities,
  audit: AuditActor,
  author: Author,
  fields: ArticleFields,
): Promise<string> {
  const rendered = renderMarkdown(fields.body);
  return guarded(fields.slug, () =>
    db.transaction().execute(async (trx) => {
      const id = await insertArticle(trx, capabilities, author, fields, rendered);
      await recordAudit(trx, audit, {
        action: "kb.article_created",
        targetType: "kb_article",
        targetId: id,
        summary: `Created article “${fields.title}” (${fields.visibility})`,
        changes: { slug: fields.slug, visibility: fields.visibility, categoryId: fields.categoryId },
      });
      return id;
    }),
  );
}

/**
 * Saves an edit made to `expectedVersion` as the next version. A newer version in the database
 * means someone else saved first: 409, and nothing of theirs is overwritten.
 */
export async function updateArticle(
  db: Database,
  capabilities: DialectCapabilities,
  audit: AuditActor,
  author: Author,
  articleId: string,
  expectedVersion: number,
  fields: ArticleFields,
  options: { note?: string; action?: string; summary?: string } = {},
): Promise<number> {
  const rendered = renderMarkdown(fields.body);
  const now = new Date().toISOString();
  return guarded(fields.slug, () =>
    db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom("kb_articles").selectAll().where("id", "=", articleId).executeTakeFirst();
      if (!before) throw notFound("Article", "kb_article_not_found");
      if (before.version !== expectedVersion) throw changed();
      await checkSlugFree(trx, fields.slug, articleId);
      await checkCategory(trx, fields.categoryId);
      const version = expectedVersion + 1;
      const updated = await trx
        .updateTable("kb_articles")
        .set({
          slug: fields.slug,
          title: fields.title,
          summary: fields.summary,
          body: fields.body,
          body_text: rendered.text,
          html: rendered.html,
          category_id: fields.categoryId,
          visibility: fields.visibility,
          version,
          updated_by: author.id,
          updated_at: now,
        })
        .where("id", "=", articleId)
        .where("version", "=", expectedVersion)
        .executeTakeFirst();
      // PostgreSQL: another transaction committed a save between our read and this update.
      if (Number(updated.numUpdatedRows) === 0) throw changed();
      await writeVersion(trx, articleId, version, fields, author, options.note ?? "", now);
      await indexArticle(trx, capabilities, { id: articleId, title: fields.title, summary: fields.summary, bodyText: rendered.text });
      const changes: Record<string, [unknown, unknown]> = {};
      if (before.title !== fields.title) changes.title = [before.title, fields.title];
      if (before.slug !== fields.slug) changes.slug = [before.slug, fields.slug];
      if (before.summary !== fields.summary) changes.summary = [before.summary, fields.summary];
      if (before.visibility !== fields.visibility) changes.visibility = [before.visibility, fields.visibility];
      if (before.category_id !== fields.categoryId) changes.categoryId = [before.category_id, fields.categoryId];
      if (before.body !== fields.body) changes.body = [`${before.body.length} characters`, `${fields.body.length} characters`];
      await recordAudit(trx, audit, {
        action: options.action ?? "kb.article_updated",
        targetType: "kb_article",
        targetId: articleId,
        summary: options.summary ?? `Saved article “${fields.title}” as version ${version}`,
        changes: { version: [expectedVersion, version], ...changes },
      });
      return version;
    }),
  );
}

/** Restoring saves the old version's content again, as the newest version; history is never rewritten. */
export async function restoreVersion(
  db: Database,
  capabilities: DialectCapabilities,
  audit: AuditActor,
  author: Author,
  articleId: string,
  version: number,
  expectedVersion: number,
): Promise<number> {
  const old = await db
    .selectFrom("kb_article_versions")
    .selectAll()
    .where("article_id", "=", articleId)
    .where("version", "=", version)
    .executeTakeFirst();
  if (!old) throw notFound("That version", "kb_version_not_found");
  const category = old.category_id
    ? await db.selectFrom("kb_categories").select("id").where("id", "=", old.category_id).executeTakeFirst()
    : undefined;
  const fields: ArticleFields = {
    title: old.title,
    slug: old.slug,
    summary: old.summary,
    body: old.body,
    // A category deleted since then is not brought back: the restored article is uncategorised.
    categoryId: category?.id ?? null,
    visibility: old.visibility as ArticleFields["visibility"],
  };
  return updateArticle(db, capabilities, audit, author, articleId, expectedVersion, fields, {
    note: `Restored version ${version}`,
    action: "kb.article_restored",
    summary: `Restored version ${version} of “${old.title}”`,
  });
}

export async function deleteArticle(
  db: Database,
  capabilities: DialectCapabilities,
  audit: AuditActor,
  articleId: string,
  expectedVersion: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const article = await trx.selectFrom("kb_articles").select(["title", "slug", "version"]).where("id", "=", articleId).executeTakeFirst();
    if (!article) throw notFound("Article", "kb_article_not_found");
    if (article.version !== expectedVersion) throw changed();
    await unindexArticle(trx, capabilities, articleId);
    await trx.deleteFrom("kb_articles").where("id", "=", articleId).execute();
    await recordAudit(trx, audit, {
      action: "kb.article_deleted",
      targetType: "kb_article",
      targetId: articleId,
      summary: `Deleted article “${article.title}” (${article.slug}) and its ${article.version} versions`,
    });
  });
}
