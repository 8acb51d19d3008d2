import type { CachedLink } from "./linkCache.js";
import type { LinkClicksTable } from "./tables.js";

/** The columns of a stored click, in the order `clickRow` gives their values. */
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

/** A click waiting in the recorder's buffer. */
export interface PendingClick {
  id: string;
  link: CachedLink;
  visitor: string;
  clickedAt: number;
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

export function clickBatchOf(clicks: readonly PendingClick[]): ClickBatch {
  const count = clicks.length;
  const indexOf = new Map<CachedLink, number>();
  const links: LinkColumns[] = [];
  const link = new Uint32Array(count);
  const clickedAt = new Float64Array(count);
  const ids: string[] = new Array(count);
  const visitors: string[] = new Array(count);
  const idLength = clicks[0]?.id.length ?? 0;
  const visitorLength = clicks[0]?.visitor.length ?? 0;
  for (let i = 0; i < count; i++) {
    const c = clicks[i] as PendingClick;
    if (c.id.length !== idLength || c.visitor.length !== visitorLength) throw new Error("click ids and visitor hashes have fixed lengths");
    let index = indexOf.get(c.link);
    if (index === undefined) {
      index = links.length;
      indexOf.set(c.link, index);
      const { utm } = c.link;
      links.push([
        c.link.id,
        c.link.postId,
        c.link.campaignId,
        c.link.accountId,
        utm.source,
        utm.medium,
        utm.campaign,
        utm.term,
        utm.content,
      ]);
    }
    link[i] = index;
    clickedAt[i] = c.clickedAt;
    ids[i] = c.id;
    visitors[i] = c.visitor;
  }
  return { links, link, clickedAt, ids: ids.join(""), idLength, visitors: visitors.join(""), visitorLength, count };
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
