import type { CachedLink } from "./linkCache.js";
import type { LinkClicksTable } from "./tables.js";

/** The columns of a stored click, in the order `clickRows` gives their values. */
export const CLICK_COLUMNS = [
  "id",
  "link_id",
  "visitor_hash",
  "clicked_at",
  "hour",
  "recorded_at",
  "post_id",
  "campaign_id",
  "account_id",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
] as const satisfies readonly (keyof LinkClicksTable)[];

/** Clicks waiting in the recorder's buffer, a column each (no object per click for the collector to trace). */
export class PendingClicks {
  readonly ids: string[] = [];
  readonly links: CachedLink[] = [];
  readonly visitors: string[] = [];
  readonly clickedAt: number[] = [];

  get length() {
    return this.ids.length;
  }

  push(id: string, link: CachedLink, visitor: string, clickedAt: number) {
    this.ids.push(id);
    this.links.push(link);
    this.visitors.push(visitor);
    this.clickedAt.push(clickedAt);
  }

  /** These clicks followed by `later`'s, the total cut to `max` (the newest are the ones left out). */
  concat(later: PendingClicks, max: number): PendingClicks {
    const both = new PendingClicks();
    for (const part of [this, later]) {
      for (let i = 0; i < part.length && both.length < max; i++) {
        both.push(part.ids[i] as string, part.links[i] as CachedLink, part.visitors[i] as string, part.clickedAt[i] as number);
      }
    }
    return both;
  }
}

/** What every click on one link carries: link id, post, campaign, account and the five UTM values. */
type LinkColumns = [string, string | null, string | null, string | null, ...(string | null)[]];

/**
 * A batch of clicks in the compact shape they cross to the writer thread in: a few strings and a typed
 * array instead of fourteen values a click (copying thousands of small values between threads cost the
 * redirecting thread more than the redirects). Click ids and visitor hashes have fixed lengths, so each
 * column is one string.
 */
export interface ClickBatch {
  links: LinkColumns[];
  /** Per click: its link's index in `links`. */
  link: Uint32Array;
  clickedAt: Float64Array;
  ids: string;
  idLength: number;
  visitors: string;
  visitorLength: number;
  count: number;
}

export function clickBatchOf(clicks: PendingClicks): ClickBatch {
  const count = clicks.length;
  const indexOf = new Map<CachedLink, number>();
  const links: LinkColumns[] = [];
  const link = new Uint32Array(count);
  const idLength = clicks.ids[0]?.length ?? 0;
  const visitorLength = clicks.visitors[0]?.length ?? 0;
  for (let i = 0; i < count; i++) {
    const l = clicks.links[i] as CachedLink;
    let index = indexOf.get(l);
    if (index === undefined) {
      index = links.length;
      indexOf.set(l, index);
      const { utm } = l;
      links.push([l.id, l.postId, l.campaignId, l.accountId, utm.source, utm.medium, utm.campaign, utm.term, utm.content]);
    }
    link[i] = index;
  }
  const ids = clicks.ids.join("");
  const visitors = clicks.visitors.join("");
  if (ids.length !== idLength * count || visitors.length !== visitorLength * count) {
    throw new Error("click ids and visitor hashes have fixed lengths");
  }
  return { links, link, clickedAt: Float64Array.from(clicks.clickedAt), ids, idLength, visitors, visitorLength, count };
}

const HOUR_MS = 3_600_000;

/** Expands a batch into rows (values in CLICK_COLUMNS order), one at a time: `row(i)`. */
export function clickRows(batch: ClickBatch, recordedAt: string) {
  let hourMs = Number.NaN;
  let hourIso = "";
  return (i: number): unknown[] => {
    const at = batch.clickedAt[i] as number;
    const hour = at - (at % HOUR_MS);
    if (hour !== hourMs) {
      hourMs = hour;
      hourIso = new Date(hour).toISOString();
    }
    const id = batch.ids.slice(i * batch.idLength, (i + 1) * batch.idLength);
    const visitor = batch.visitors.slice(i * batch.visitorLength, (i + 1) * batch.visitorLength);
    const l = batch.links[batch.link[i] as number] as LinkColumns;
    return [id, l[0], visitor, new Date(at).toISOString(), hourIso, recordedAt, l[1], l[2], l[3], l[4], l[5], l[6], l[7], l[8]];
  };
}
