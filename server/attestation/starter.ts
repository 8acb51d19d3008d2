import { systemActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { renderMarkdown } from "../kb/render.js";
import { starterArticles } from "../kb/starter.js";

const KEY = "policy:social-media-policy";

/**
 * The policy's first version, seeded once from the knowledge base's "social media policy template"
 * article as shipped (its own text from then on: editing the KB article does not change the
 * policy). Version 1 counts as substantive: it is what people accept first.
 */
export async function seedPolicy(db: Database): Promise<boolean> {
  const done = await db.selectFrom("training_starter_imports").select("key").where("key", "=", KEY).executeTakeFirst();
  if (done) return false;
  const template = starterArticles().find((a) => a.slug === "social-media-policy");
  if (!template) return false;
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const claimed = await trx
      .insertInto("training_starter_imports")
      .values({ key: KEY, imported_at: now })
      .onConflict((oc) => oc.column("key").doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    const any = await trx.selectFrom("policy_versions").select("version").executeTakeFirst();
    if (any) return false;
    await trx
      .insertInto("policy_versions")
      .values({
        version: 1,
        title: "Social media policy",
        body: template.body,
        html: renderMarkdown(template.body).html,
        substantive: 1,
        note: "Seeded from the knowledge base's policy template",
        published_by: null,
        published_by_label: "Switchboard",
        published_at: now,
      })
      .execute();
    await recordAudit(trx, systemActor(), {
      action: "attestation.version_published",
      targetType: "policy",
      targetId: "1",
      summary: "Seeded version 1 of the social media policy from the knowledge base's template",
      changes: { version: 1, substantive: true },
    });
    return true;
  });
}
