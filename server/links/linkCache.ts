import { clickUrlParts, targetUrl, type Utm } from "./destination.js";
import type { LinksDb, LinksTable } from "./tables.js";

/** What the redirect needs to know about a link, prepared once so a click is string concatenation. */
export interface CachedLink {
  id: string;
  /** Where a bot or a HEAD request goes: the destination with its UTM values, no click id. */
  target: string;
  /** `prefix + clickId + suffix` is where a counted visitor goes. */
  prefix: string;
  suffix: string;
  expiresAtMs: number | null;
  archived: boolean;
  postId: string | null;
  campaignId: string | null;
  accountId: string | null;
  utm: Utm;
}

const CODE = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_LINKS = 100_000;
const MAX_MISSES = 10_000;
const MISS_TTL_MS = 5_000;
/** How far back a poll looks past its last run: clocks of several processes are not exactly alike. */
const POLL_OVERLAP_MS = 10_000;

export function cachedLinkOf(row: LinksTable): CachedLink {
  const utm: Utm = {
    source: row.utm_source,
    medium: row.utm_medium,
    campaign: row.utm_campaign,
    term: row.utm_term,
    content: row.utm_content,
  };
  const target = targetUrl(row.destination, utm);
  return {
    id: row.id,
    target,
    ...clickUrlParts(target),
    expiresAtMs: row.expires_at ? Date.parse(row.expires_at) : null,
    archived: row.archived_at !== null,
    postId: row.post_id,
    campaignId: row.campaign_id,
    accountId: row.account_id,
    utm,
  };
}

/**
 * The redirect's code → link lookup, answered from memory. An edit in this process evicts its code at
 * once; edits by other processes are seen by polling `links.updated_at` every few seconds. Unknown codes
 * are remembered briefly (and boundedly), so guessing codes cannot turn into a database query each.
 */
export class LinkCache {
  private readonly links = new Map<string, CachedLink>();
  private readonly misses = new Map<string, number>();
  private readonly loading = new Map<string, Promise<CachedLink | null>>();
  private polledThrough = new Date().toISOString();

  constructor(private readonly db: LinksDb) {}

  /** The link in memory; `undefined` when it has to be loaded, `null` when recently found missing. */
  get(code: string, now: number): CachedLink | null | undefined {
    const link = this.links.get(code);
    if (link) return link;
    const missedAt = this.misses.get(code);
    if (missedAt !== undefined && now - missedAt < MISS_TTL_MS) return null;
    return undefined;
  }

  load(code: string): Promise<CachedLink | null> {
    if (!CODE.test(code)) return Promise.resolve(null);
    let pending = this.loading.get(code);
    if (!pending) {
      pending = this.fetch(code).finally(() => this.loading.delete(code));
      this.loading.set(code, pending);
    }
    return pending;
  }

  invalidate(code: string): void {
    this.links.delete(code);
    this.misses.delete(code);
  }

  /** Evicts the links edited (anywhere) since the last poll. */
  async poll(): Promise<void> {
    const startedAt = Date.now();
    const since = new Date(Date.parse(this.polledThrough) - POLL_OVERLAP_MS).toISOString();
    const changed = await this.db.selectFrom("links").select("code").where("updated_at", ">=", since).execute();
    for (const { code } of changed) this.invalidate(code);
    this.polledThrough = new Date(startedAt).toISOString();
  }

  private async fetch(code: string): Promise<CachedLink | null> {
    const row = await this.db.selectFrom("links").selectAll().where("code", "=", code).executeTakeFirst();
    if (!row) {
      if (this.misses.size >= MAX_MISSES) this.misses.clear();
      this.misses.set(code, Date.now());
      return null;
    }
    const link = cachedLinkOf(row);
    if (this.links.size >= MAX_LINKS) {
      const oldest = this.links.keys().next().value;
      if (oldest !== undefined) this.links.delete(oldest);
    }
    this.links.set(code, link);
    return link;
  }
}
