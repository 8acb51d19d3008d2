import { sql } from "kysely";
import type { Database } from "../db/database.js";
import { mediaOfPosts } from "../media/store.js";
import type { Services } from "../services.js";
import { POST_STATUSES, type PostStatus } from "./model.js";
import type { RepeatRule } from "./schedule/recurrence.js";
import type { PostViewType } from "./schema.js";
import { variantLength } from "./variants.js";

export interface PostFilter {
  id?: string | undefined;
  ids?: readonly string[] | undefined;
  status?: PostStatus | undefined;
  campaignId?: string | undefined;
  accountId?: string | undefined;
  /** Scheduled at or after this instant: with `to`, the calendar's range (half-open). */
  from?: string | undefined;
  /** Scheduled before this instant. */
  to?: string | undefined;
  authorId?: string | undefined;
  tag?: string | undefined;
  limit: number;
  offset?: number | undefined;
}

/** A range names every status so the (status, scheduled_at) index serves it (drafts have no time, so none match). */
const ANY_STATUS = [...POST_STATUSES];

const parseList = (json: string): string[] => JSON.parse(json) as string[];

/** Posts with their author, campaign and variants, newest schedule first (drafts last). */
export async function listPosts(services: Pick<Services, "connectors">, db: Database, filter: PostFilter): Promise<PostViewType[]> {
  let query = db
    .selectFrom("posts")
    .innerJoin("users", "users.id", "posts.author_id")
    .leftJoin("campaigns", "campaigns.id", "posts.campaign_id")
    .selectAll("posts")
    .select(["users.name as author_name", "campaigns.name as campaign_name"]);
  if (filter.id) query = query.where("posts.id", "=", filter.id);
  if (filter.ids) query = query.where("posts.id", "in", filter.ids);
  if (filter.status) query = query.where("posts.status", "=", filter.status);
  if (filter.campaignId) query = query.where("posts.campaign_id", "=", filter.campaignId);
  if (filter.from || filter.to) {
    if (!filter.status) query = query.where("posts.status", "in", ANY_STATUS);
    // Normalised to the stored form (toISOString), so SQLite's text comparison orders correctly.
    if (filter.from) query = query.where("posts.scheduled_at", ">=", new Date(filter.from).toISOString());
    if (filter.to) query = query.where("posts.scheduled_at", "<", new Date(filter.to).toISOString());
  }
  if (filter.accountId) {
    const accountId = filter.accountId;
    query = query.where("posts.id", "in", (eb) => eb.selectFrom("post_variants").select("post_id").where("account_id", "=", accountId));
  }
  if (filter.authorId) query = query.where("posts.author_id", "=", filter.authorId);
  // Tags are a JSON array of strings: match the quoted tag, its LIKE wildcards escaped.
  if (filter.tag) {
    const pattern = `%${JSON.stringify(filter.tag).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`posts.tags like ${pattern} escape '\\'`);
  }
  const posts = await query
    .orderBy("posts.scheduled_at", "desc")
    .orderBy("posts.created_at", "desc")
    .orderBy("posts.id")
    .limit(filter.limit)
    .offset(filter.offset ?? 0)
    .execute();
  if (posts.length === 0) return [];
  const variants = await db
    .selectFrom("post_variants")
    .leftJoin("accounts", "accounts.id", "post_variants.account_id")
    .selectAll("post_variants")
    .select("accounts.handle")
    .where(
      "post_variants.post_id",
      "in",
      posts.map((p) => p.id),
    )
    .orderBy("post_variants.network")
    .execute();
  const media = await mediaOfPosts(
    db,
    posts.map((p) => p.id),
  );
  return posts.map((post) => ({
    id: post.id,
    author: { id: post.author_id, name: post.author_name },
    campaign: post.campaign_id && post.campaign_name ? { id: post.campaign_id, name: post.campaign_name } : null,
    text: post.text,
    tags: parseList(post.tags),
    timeZone: post.time_zone,
    scheduledAt: post.scheduled_at,
    repeat: post.repeat ? (JSON.parse(post.repeat) as RepeatRule) : null,
    occurrence: post.occurrence,
    status: post.status as PostStatus,
    version: post.version,
    createdAt: post.created_at,
    updatedAt: post.updated_at,
    variants: variants
      .filter((v) => v.post_id === post.id)
      .map((v) => {
        const text = v.text ?? post.text;
        return {
          id: v.id,
          accountId: v.account_id,
          network: v.network,
          handle: v.handle,
          text,
          ownText: v.text !== null,
          threadParts: parseList(v.thread_parts),
          length: variantLength(services, v.network, text),
          status: v.status,
          remoteUrl: v.remote_url,
          lastError: v.last_error,
        };
      }),
    media: media.get(post.id) ?? [],
  }));
}

export async function findPost(services: Pick<Services, "connectors">, db: Database, id: string): Promise<PostViewType | undefined> {
  const [post] = await listPosts(services, db, { id, limit: 1 });
  return post;
}
