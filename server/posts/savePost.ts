import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { AppError, badRequest, conflict, notFound } from "../errors.js";
import type { Actor } from "../identity/actor.js";
import { mediaIdsOf, mediaItemsFor, writePostMedia } from "../media/postMedia.js";
import { enforcePolicy } from "../policy/service/gate.js";
import type { Services } from "../services.js";
import { submitForApproval, supersedeWaiting } from "./approvals/submit.js";
import { EDITABLE_STATUSES, type PostStatus, SCHEDULE_GRACE_MS } from "./model.js";
import { nextFreeSlot } from "./schedule/queue.js";
import type { RepeatRule } from "./schedule/recurrence.js";
import { type CheckedVariant, checkVariants, type VariantDraft } from "./variants.js";

export interface PostFields {
  text: string;
  campaignId?: string | null | undefined;
  tags?: string[] | undefined;
  timeZone: string;
  scheduledAt?: string | null | undefined;
  /** Schedule in the next free slot of the channels' posting queues instead of at scheduledAt. */
  queue?: true | undefined;
  repeat?: RepeatRule | null | undefined;
  /** An administrator's reason to let error-level policy findings through (audited). */
  policyOverride?: { reason: string } | undefined;
  variants: VariantDraft[];
  /** Uploaded images, in order (server/media). */
  mediaIds?: string[] | undefined;
}

/** A schedule must be now or later; returns the normalised instant, or null for a draft. */
function checkSchedule(scheduledAt: string | null | undefined): string | null {
  if (!scheduledAt) return null;
  const at = Date.parse(scheduledAt);
  if (at < Date.now() - SCHEDULE_GRACE_MS) {
    throw badRequest("schedule_in_past", `${scheduledAt} is in the past: choose a later time, or publish now.`, { scheduledAt });
  }
  return new Date(Math.max(at, Date.now())).toISOString();
}

/**
 * The time a save asks for: a checked scheduledAt, or the next free queue slot (with the queue's
 * zone, which the post takes); `at` undefined when the save names no time.
 */
async function requestedSchedule(
  db: Database,
  fields: Pick<PostFields, "scheduledAt" | "queue">,
  accountIds: string[],
  postId?: string,
): Promise<{ at: string | null | undefined; timeZone?: string }> {
  if (fields.queue && fields.scheduledAt) throw badRequest("schedule_conflict", "Give a time or ask for the next queue slot, not both.");
  if (fields.queue) return nextFreeSlot(db, accountIds, new Date(), postId);
  return { at: fields.scheduledAt === undefined ? undefined : checkSchedule(fields.scheduledAt) };
}

async function checkCampaign(db: Database, campaignId: string | null | undefined) {
  if (!campaignId) return;
  const found = await db.selectFrom("campaigns").select("id").where("id", "=", campaignId).executeTakeFirst();
  if (!found) throw new AppError(404, "campaign_not_found", "That campaign was not found.");
}

/** Brings a post's variants in line with `variants`, keeping each surviving channel's row (and id). */
async function writeVariants(trx: Database, postId: string, variants: CheckedVariant[]) {
  const existing = await trx.selectFrom("post_variants").select(["id", "account_id"]).where("post_id", "=", postId).execute();
  const wanted = new Set(variants.map((v) => v.accountId));
  const gone = existing.filter((e) => e.account_id === null || !wanted.has(e.account_id)).map((e) => e.id);
  if (gone.length > 0) await trx.deleteFrom("post_variants").where("id", "in", gone).execute();
  for (const v of variants) {
    const row = existing.find((e) => e.account_id === v.accountId);
    const fields = { text: v.text, thread_parts: JSON.stringify(v.threadParts), status: "pending", last_error: null };
    if (row) {
      await trx.updateTable("post_variants").set(fields).where("id", "=", row.id).execute();
    } else {
      await trx
        .insertInto("post_variants")
        .values({ id: randomUUID(), post_id: postId, account_id: v.accountId, network: v.network, ...fields })
        .execute();
    }
  }
}

/**
 * A scheduled post is submitted: it waits for approval when its workflows, the policy hooks or
 * the submitter's missing publish grant say so, otherwise it is scheduled. A draft is a draft.
 */
async function settleStatus(
  services: Services,
  trx: Database,
  actor: Actor,
  audit: AuditActor,
  post: { id: string; authorId: string; text: string; campaignId: string | null; scheduledAt: string | null },
  variants: CheckedVariant[],
  policyOverride: { reason: string } | undefined,
): Promise<PostStatus> {
  if (!post.scheduledAt) {
    await supersedeWaiting(trx, post.id);
    return "draft";
  }
  const texts = variants.map((v) => ({ accountId: v.accountId, text: v.text ?? post.text, threadParts: v.threadParts }));
  await enforcePolicy(services, trx, actor, audit, { id: post.id, variants: texts }, policyOverride);
  return submitForApproval(services, trx, actor, {
    postId: post.id,
    authorId: post.authorId,
    text: post.text,
    campaignId: post.campaignId,
    scheduledAt: post.scheduledAt,
    variants: variants.map((v) => ({ accountId: v.accountId, network: v.network, text: v.text ?? post.text, threadParts: v.threadParts })),
  });
}

/** A repeating post is occurrence 1 of a series named after it, anchored at its scheduled time. */
const seriesFields = (id: string, repeat: RepeatRule | null, scheduledAt: string | null) => ({
  repeat: repeat ? JSON.stringify(repeat) : null,
  series_id: repeat ? id : null,
  occurrence: repeat ? 1 : null,
  series_first_at: repeat ? scheduledAt : null,
});

const channelsOf = async (db: Database, postId: string) =>
  (await db.selectFrom("post_variants").select("account_id").where("post_id", "=", postId).execute()).flatMap((v) =>
    v.account_id ? [v.account_id] : [],
  );

const describeStatus = (status: PostStatus, scheduledAt: string | null) =>
  status === "pending_approval"
    ? `Sent for approval (for ${scheduledAt})`
    : status === "scheduled"
      ? `Scheduled for ${scheduledAt}`
      : "Drafted";

export async function createPost(services: Services, actor: Actor, audit: AuditActor, input: PostFields): Promise<string> {
  const { db } = services;
  const requested = await requestedSchedule(
    db,
    input,
    input.variants.map((v) => v.accountId),
  );
  const scheduledAt = requested.at ?? null;
  await checkCampaign(db, input.campaignId);
  const media = await mediaItemsFor(db, input.mediaIds ?? [], services.config.baseUrl);
  const variants = await checkVariants(services, db, actor, input.text, input.variants, media);
  const id = randomUUID();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("posts")
      .values({
        id,
        author_id: actor.user.id,
        campaign_id: input.campaignId ?? null,
        text: input.text,
        tags: JSON.stringify(input.tags ?? []),
        time_zone: requested.timeZone ?? input.timeZone,
        scheduled_at: scheduledAt,
        ...seriesFields(id, input.repeat ?? null, scheduledAt),
        status: "draft",
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await writeVariants(trx, id, variants);
    await writePostMedia(trx, id, input.mediaIds ?? []);
    const campaignId = input.campaignId ?? null;
    const status = await settleStatus(
      services,
      trx,
      actor,
      audit,
      { id, authorId: actor.user.id, text: input.text, campaignId, scheduledAt },
      variants,
      input.policyOverride,
    );
    if (status !== "draft") await trx.updateTable("posts").set({ status }).where("id", "=", id).execute();
    await recordAudit(trx, audit, {
      action: status === "draft" ? "post.drafted" : status === "pending_approval" ? "post.submitted" : "post.scheduled",
      targetType: "post",
      targetId: id,
      summary: `${describeStatus(status, scheduledAt)} a post for ${variants.map((v) => v.network).join(", ")}`,
    });
  });
  return id;
}

/**
 * The publish engine may hold a variant of a post that is still `scheduled` (the post's status follows
 * its variants after the pass): an edit or a delete then would lose or duplicate what goes out.
 */
async function assertNotSending(trx: Database, postId: string) {
  const busy = await trx
    .selectFrom("post_variants")
    .select("id")
    .where("post_id", "=", postId)
    .where((eb) => eb.or([eb("status", "not in", ["pending", "retrying", "channel_lost"]), eb("lease_owner", "is not", null)]))
    .executeTakeFirst();
  if (busy) throw conflict("post_sending", "This post is being sent right now and can no longer be changed.");
}

async function editablePost(db: Database, actor: Actor, id: string) {
  const post = await db.selectFrom("posts").selectAll().where("id", "=", id).executeTakeFirst();
  if (!post) throw notFound("Post", "post_not_found");
  if (post.author_id !== actor.user.id && !actor.permissions.has("accounts.manage")) {
    throw new AppError(403, "forbidden", "Only the author or a social lead can change this post.");
  }
  if (!EDITABLE_STATUSES.includes(post.status as PostStatus)) {
    throw conflict("post_not_editable", `This post is ${post.status.replace("_", " ")} and can no longer be changed.`);
  }
  return post;
}

/** Applies an edit made to `version`; a newer version in the database means someone else edited first. */
export async function updatePost(
  services: Services,
  actor: Actor,
  audit: AuditActor,
  id: string,
  patch: Partial<PostFields> & { version: number },
): Promise<void> {
  const { db } = services;
  const post = await editablePost(db, actor, id);
  const text = patch.text ?? post.text;
  const accountIds = patch.variants?.map((v) => v.accountId) ?? (await channelsOf(db, id));
  const requested = await requestedSchedule(db, patch, accountIds, id);
  const scheduledAt = requested.at === undefined ? post.scheduled_at : requested.at;
  const timeZone = requested.timeZone ?? patch.timeZone;
  // A draft (also one sent back by an approver) stays a draft until the edit names a time; an edit to
  // a submitted post submits it again, so what was approved before must be approved again.
  const submitting = requested.at === undefined ? post.status !== "draft" && scheduledAt !== null : scheduledAt !== null;
  const repeat = patch.repeat === undefined ? (post.repeat ? (JSON.parse(post.repeat) as RepeatRule) : null) : patch.repeat;
  if (patch.campaignId !== undefined) await checkCampaign(db, patch.campaignId);
  const current = await db.selectFrom("post_variants").select(["account_id", "text", "thread_parts"]).where("post_id", "=", id).execute();
  const drafts: VariantDraft[] =
    patch.variants ??
    current.flatMap((v) =>
      v.account_id ? [{ accountId: v.account_id, text: v.text, threadParts: JSON.parse(v.thread_parts) as string[] }] : [],
    );
  const mediaIds = patch.mediaIds ?? (await mediaIdsOf(db, id));
  const variants = await checkVariants(services, db, actor, text, drafts, await mediaItemsFor(db, mediaIds, services.config.baseUrl));
  const campaignId = patch.campaignId !== undefined ? patch.campaignId : post.campaign_id;
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("posts")
      .set({
        text,
        ...(patch.campaignId !== undefined ? { campaign_id: patch.campaignId } : {}),
        ...(patch.tags ? { tags: JSON.stringify(patch.tags) } : {}),
        ...(timeZone ? { time_zone: timeZone } : {}),
        scheduled_at: scheduledAt,
        // Later occurrences keep the series' first time; the first occurrence moves it.
        ...(post.occurrence !== null && post.occurrence > 1
          ? { repeat: repeat ? JSON.stringify(repeat) : null }
          : seriesFields(id, repeat, scheduledAt)),
        version: patch.version + 1,
        updated_at: new Date().toISOString(),
      })
      .where("id", "=", id)
      .where("version", "=", patch.version)
      .where("status", "in", EDITABLE_STATUSES)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw conflict("edit_conflict", "Someone changed this post after you opened it. Reload it and apply your change again.");
    }
    await assertNotSending(trx, id);
    await writeVariants(trx, id, variants);
    if (patch.mediaIds) await writePostMedia(trx, id, patch.mediaIds);
    const status = await settleStatus(
      services,
      trx,
      actor,
      audit,
      { id, authorId: post.author_id, text, campaignId, scheduledAt: submitting ? scheduledAt : null },
      variants,
      patch.policyOverride,
    );
    await trx.updateTable("posts").set({ status }).where("id", "=", id).execute();
    await recordAudit(trx, audit, {
      action: "post.updated",
      targetType: "post",
      targetId: id,
      summary: `Edited a post: ${describeStatus(status, scheduledAt).toLowerCase()}`,
    });
  });
}

export async function deletePost(services: Services, actor: Actor, audit: AuditActor, id: string): Promise<void> {
  const { db } = services;
  const post = await editablePost(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await assertNotSending(trx, id);
    await trx.deleteFrom("posts").where("id", "=", id).where("status", "in", EDITABLE_STATUSES).execute();
    // Deleting an occurrence of a repeating post ends the series: otherwise the one before it would
    // bring it back.
    if (post.series_id) await trx.updateTable("posts").set({ repeat: null }).where("series_id", "=", post.series_id).execute();
    await recordAudit(trx, audit, {
      action: "post.deleted",
      targetType: "post",
      targetId: id,
      summary: post.series_id ? "Deleted a post and ended its repeating series" : "Deleted a post",
    });
  });
}

export async function createCampaign(db: Database, audit: AuditActor, input: { name: string; description?: string | undefined }) {
  const existing = await db.selectFrom("campaigns").select("id").where("name", "=", input.name).executeTakeFirst();
  if (existing) throw conflict("campaign_exists", `There is already a campaign called ${input.name}.`);
  const id = randomUUID();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("campaigns")
      .values({ id, name: input.name, description: input.description ?? "", created_at: now, updated_at: now })
      .execute();
    await recordAudit(trx, audit, {
      action: "campaign.created",
      targetType: "campaign",
      targetId: id,
      summary: `Created campaign ${input.name}`,
    });
  });
  return id;
}
