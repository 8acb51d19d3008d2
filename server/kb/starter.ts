import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { systemActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { DialectCapabilities } from "../db/capabilities.js";
import type { Database } from "../db/database.js";
import { VISIBILITIES } from "./model.js";
import { type RenderedArticle, renderMarkdown, slugify } from "./render.js";
import { insertArticle } from "./saveArticle.js";

/**
 * The articles Switchboard ships (server/kb/starter/*.md: YAML front matter, then Markdown). Each is
 * installed once, at the first start that finds it not yet installed, and recorded in
 * kb_starter_imports: after that it belongs to the organisation, which may edit or delete it; a
 * restart or an upgrade never overwrites or resurrects it. A starter added in a later release is
 * installed at the first start of that release.
 */

const FrontMatter = z.strictObject({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title: z.string().min(1),
  summary: z.string().default(""),
  category: z.string().min(1),
  visibility: z.enum(VISIBILITIES),
});

export interface StarterArticle extends z.infer<typeof FrontMatter> {
  key: string;
  body: string;
  rendered: RenderedArticle;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** From the source tree (server/kb) and from the build (dist/server/kb, which has no .md files). */
function starterDir(): string {
  const candidates = [path.join(HERE, "starter"), path.resolve(HERE, "../../../server/kb/starter")];
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`Switchboard's starter articles are missing (looked in ${candidates.join(", ")})`);
  return found;
}

export function parseStarter(key: string, text: string): StarterArticle {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text.replace(/\r\n/g, "\n"));
  if (!match) throw new Error(`starter article ${key} has no front matter`);
  const meta = FrontMatter.parse(parseYaml(match[1] ?? ""));
  const body = (match[2] ?? "").trim();
  return { key, ...meta, body: `${body}\n`, rendered: renderMarkdown(body) };
}

let cache: StarterArticle[] | undefined;

/** Read and rendered once per process. */
export function starterArticles(): StarterArticle[] {
  if (cache) return cache;
  const dir = starterDir();
  cache = readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => parseStarter(f.replace(/\.md$/, ""), readFileSync(path.join(dir, f), "utf8")));
  return cache;
}

async function categoryId(trx: Database, name: string, now: string): Promise<string> {
  const slug = slugify(name);
  const found = await trx.selectFrom("kb_categories").select("id").where("slug", "=", slug).executeTakeFirst();
  if (found) return found.id;
  const id = randomUUID();
  await trx
    .insertInto("kb_categories")
    .values({ id, name, slug, description: "", position: 0, created_at: now, updated_at: now })
    .execute();
  return id;
}

/** Installs the starters not installed before; returns how many articles it created. */
export async function installStarterArticles(db: Database, capabilities: DialectCapabilities): Promise<number> {
  const done = new Set((await db.selectFrom("kb_starter_imports").select("key").execute()).map((r) => r.key));
  const pending = starterArticles().filter((s) => !done.has(s.key));
  if (pending.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const created: string[] = [];
    for (const starter of pending) {
      // Another process starting at the same time claims the same keys: only one inserts each.
      const claimed = await trx
        .insertInto("kb_starter_imports")
        .values({ key: starter.key, article_id: null, imported_at: now })
        .onConflict((oc) => oc.column("key").doNothing())
        .executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) continue;
      // The organisation already has an article at this address: theirs wins, the starter is skipped.
      const taken = await trx.selectFrom("kb_articles").select("id").where("slug", "=", starter.slug).executeTakeFirst();
      if (taken) continue;
      const fields = {
        title: starter.title,
        slug: starter.slug,
        summary: starter.summary,
        body: starter.body,
        categoryId: await categoryId(trx, starter.category, now),
        visibility: starter.visibility,
      };
      const id = await insertArticle(trx, capabilities, { id: null, label: "Switchboard" }, fields, starter.rendered, {
        starterKey: starter.key,
        note: "Starter article shipped with Switchboard",
      });
      await trx.updateTable("kb_starter_imports").set({ article_id: id }).where("key", "=", starter.key).execute();
      created.push(starter.slug);
    }
    if (created.length > 0) {
      await recordAudit(trx, systemActor(), {
        action: "kb.starter_installed",
        targetType: "kb",
        summary: `Installed ${created.length} starter article(s) shipped with Switchboard`,
        changes: { slugs: created },
      });
    }
    return created.length;
  });
}
