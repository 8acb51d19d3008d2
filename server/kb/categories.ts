import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { isUniqueViolation } from "../db/uniqueViolation.js";
import { AppError, notFound } from "../errors.js";
import { slugify } from "./render.js";

export interface CategoryFields {
  name: string;
  description: string;
  position: number;
}

const nameTaken = (name: string) => new AppError(409, "kb_category_taken", `A category named “${name}” already exists.`);

async function guarded<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(name);
    throw err;
  }
}

export async function createCategory(db: Database, audit: AuditActor, fields: CategoryFields): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const slug = slugify(fields.name) || id;
  await guarded(fields.name, () =>
    db.transaction().execute(async (trx) => {
      const clash = await trx
        .selectFrom("kb_categories")
        .select("id")
        .where((eb) => eb.or([eb("name", "=", fields.name), eb("slug", "=", slug)]))
        .executeTakeFirst();
      if (clash) throw nameTaken(fields.name);
      await trx
        .insertInto("kb_categories")
        .values({
          id,
          name: fields.name,
          slug,
          description: fields.description,
          position: fields.position,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await recordAudit(trx, audit, {
        action: "kb.category_created",
        targetType: "kb_category",
        targetId: id,
        summary: `Created knowledge-base category “${fields.name}”`,
      });
    }),
  );
  return id;
}

export async function updateCategory(db: Database, audit: AuditActor, id: string, fields: CategoryFields): Promise<void> {
  const now = new Date().toISOString();
  const slug = slugify(fields.name) || id;
  await guarded(fields.name, () =>
    db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom("kb_categories").selectAll().where("id", "=", id).executeTakeFirst();
      if (!before) throw notFound("Category", "kb_category_not_found");
      const clash = await trx
        .selectFrom("kb_categories")
        .select("id")
        .where("id", "<>", id)
        .where((eb) => eb.or([eb("name", "=", fields.name), eb("slug", "=", slug)]))
        .executeTakeFirst();
      if (clash) throw nameTaken(fields.name);
      await trx
        .updateTable("kb_categories")
        .set({ name: fields.name, slug, description: fields.description, position: fields.position, updated_at: now })
        .where("id", "=", id)
        .execute();
      await recordAudit(trx, audit, {
        action: "kb.category_updated",
        targetType: "kb_category",
        targetId: id,
        summary: `Changed knowledge-base category “${fields.name}”`,
        changes: {
          ...(before.name !== fields.name ? { name: [before.name, fields.name] } : {}),
          ...(before.description !== fields.description ? { description: [before.description, fields.description] } : {}),
          ...(before.position !== fields.position ? { position: [before.position, fields.position] } : {}),
        },
      });
    }),
  );
}

/** Its articles stay, uncategorised (the foreign key sets them to null). */
export async function deleteCategory(db: Database, audit: AuditActor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("kb_categories").select("name").where("id", "=", id).executeTakeFirst();
    if (!before) throw notFound("Category", "kb_category_not_found");
    await trx.deleteFrom("kb_categories").where("id", "=", id).execute();
    await recordAudit(trx, audit, {
      action: "kb.category_deleted",
      targetType: "kb_category",
      targetId: id,
      summary: `Deleted knowledge-base category “${before.name}”; its articles are now uncategorised`,
    });
  });
}
