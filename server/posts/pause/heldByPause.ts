import { type Expression, expressionBuilder, type SelectQueryBuilder, type SqlBool } from "kysely";
import type { DB } from "../../db/schema.js";

const eb = expressionBuilder<DB, "posts" | "post_variants">();

/**
 * True for a variant that a pause in force holds: everything is paused, or its channel (account), or
 * its post's campaign. It names `posts` and `post_variants` by their table names, so it fits any query
 * that selects (or updates) from `post_variants` joined to `posts` without aliasing them.
 */
export const heldByPause: Expression<SqlBool> = eb.exists(
  eb
    .selectFrom("publish_pauses")
    .select("publish_pauses.id")
    .where("publish_pauses.resumed_at", "is", null)
    .where((p) =>
      p.or([
        p("publish_pauses.scope", "=", "all"),
        p.and([p("publish_pauses.scope", "=", "account"), p("publish_pauses.scope_id", "=", p.ref("post_variants.account_id"))]),
        p.and([p("publish_pauses.scope", "=", "campaign"), p("publish_pauses.scope_id", "=", p.ref("posts.campaign_id"))]),
      ]),
    ),
);

export const notHeldByPause: Expression<SqlBool> = eb.not(heldByPause);

/**
 * The publish engine's one rule for pauses: what a pause holds is neither claimed nor marked missed.
 * Apply it to a query over `post_variants` joined to `posts` (see claim.ts and runDue.ts).
 */
export const whereNotPaused = <TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> =>
  query.where(notHeldByPause);
