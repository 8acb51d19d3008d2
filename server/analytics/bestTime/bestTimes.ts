import type { z } from "zod";
import { notFound } from "../../errors.js";
import type { MetricsDb } from "../metrics/tables.js";
import { accountSamples } from "./samples.js";
import type { BestTimes } from "./schema.js";
import { bestOf, enough, MIN_POSTS_IN_ALL, MIN_POSTS_IN_SLOT, scoreSlots } from "./score.js";
import { nextOccurrence } from "./slots.js";

export const WINDOW_WEEKS = 16;
const TOP = 3;
const WEEK_MS = 7 * 86_400_000;

/**
 * When an account's posts do best, from its own last 16 weeks of engagement, in hourly slots of its local
 * week. Too little of its own data: the organisation's accounts on the same network (each in its own
 * local time), pooled. Too little there as well: no times at all, and the answer says why.
 */
export async function bestTimesFor(db: MetricsDb, accountId: string, now = Date.now()): Promise<z.infer<typeof BestTimes>> {
  const account = await db.selectFrom("accounts").select(["id", "network", "handle"]).where("id", "=", accountId).executeTakeFirst();
  if (!account) throw notFound("Account", "account_not_found");
  const since = new Date(now - WINDOW_WEEKS * WEEK_MS).toISOString();
  const until = new Date(now).toISOString();
  const [own] = await accountSamples(db, [account.id], since, until);
  if (!own) throw notFound("Account", "account_not_found");
  const ownScore = scoreSlots([own]);

  let basis: "account" | "network" | "none" = "account";
  let scored = ownScore;
  let network: { posts: number; accounts: number } | null = null;
  if (!enough(ownScore)) {
    const siblings = await db
      .selectFrom("accounts")
      .select("id")
      .where("network", "=", account.network)
      .where("id", "!=", account.id)
      .execute();
    const others = (
      await accountSamples(
        db,
        siblings.map((s) => s.id),
        since,
        until,
      )
    ).filter((a) => a.posts.length > 0);
    // The pool keeps this account's few posts too: they are the most relevant evidence there is.
    const pooled = scoreSlots([own, ...others]);
    network = { posts: pooled.posts, accounts: others.length };
    if (others.length > 0 && enough(pooled)) {
      basis = "network";
      scored = pooled;
    } else {
      basis = "none";
    }
  }

  const best =
    basis === "none"
      ? []
      : bestOf(scored.slots)
          .slice(0, TOP)
          .map((s) => ({ ...s, next: nextOccurrence(s, own.timeZone, now) }));
  const need = `at least ${MIN_POSTS_IN_ALL} posts with engagement data and ${MIN_POSTS_IN_SLOT} in one hour of the week`;
  const explanation =
    basis === "account"
      ? `From ${ownScore.posts} posts of this account in the last ${WINDOW_WEEKS} weeks, in ${own.timeZone} time.`
      : basis === "network"
        ? `This account has ${ownScore.posts} posts with engagement data in the last ${WINDOW_WEEKS} weeks (${need} are needed), so these times come from ${network?.posts} posts of the organisation's ${account.network} accounts, each in its own local time.`
        : `Not enough data yet: ${ownScore.posts} posts of this account and ${network?.posts ?? 0} of the organisation's ${account.network} accounts have engagement data in the last ${WINDOW_WEEKS} weeks; ${need} are needed.`;
  return {
    accountId: account.id,
    network: account.network,
    handle: account.handle,
    timeZone: own.timeZone,
    timeZoneSource: own.timeZoneSource,
    window: { from: since, to: until, weeks: WINDOW_WEEKS },
    minimum: { postsInSlot: MIN_POSTS_IN_SLOT, postsInAll: MIN_POSTS_IN_ALL },
    basis,
    account: { published: own.published, posts: ownScore.posts },
    pool: network,
    slots: basis === "none" ? [] : scored.slots,
    best,
    explanation,
  };
}
