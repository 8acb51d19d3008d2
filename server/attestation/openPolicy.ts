import { randomUUID } from "node:crypto";
import { diffWords } from "diff";
import type { Database } from "../db/database.js";
import { notFound } from "../errors.js";
import { lastAcknowledgment, policyHead } from "./model.js";

/**
 * Serves the current policy text to someone about to acknowledge it, and records that it did
 * (policy_views): the acknowledgment names this view, so the server knows which version was read
 * and bounds the reported reading time by when it served it. The diff is word-level, from the
 * Markdown of the version the person last accepted.
 */
export async function openPolicy(db: Database, userId: string) {
  const { latest } = await policyHead(db);
  if (!latest) throw notFound("Policy", "policy_not_found");
  const last = await lastAcknowledgment(db, userId);
  let diff: { value: string; added: boolean; removed: boolean }[] | null = null;
  if (last && last.version !== latest.version) {
    const before = await db.selectFrom("policy_versions").select("body").where("version", "=", last.version).executeTakeFirst();
    if (before)
      diff = diffWords(before.body, latest.body).map((c) => ({ value: c.value, added: c.added === true, removed: c.removed === true }));
  }
  const id = randomUUID();
  const servedAt = new Date().toISOString();
  await db.insertInto("policy_views").values({ id, user_id: userId, version: latest.version, served_at: servedAt }).execute();
  return {
    viewId: id,
    servedAt,
    version: latest.version,
    title: latest.title,
    html: latest.html,
    sinceVersion: diff ? (last?.version ?? null) : null,
    diff,
  };
}
