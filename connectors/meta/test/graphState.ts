/** The data behind the Graph API stand-in (tests only). */
export const META_APP = { clientId: "meta-app-id", clientSecret: "meta-app-secret-value" };
export const META_REDIRECT = "http://127.0.0.1/api/accounts/oauth/callback";
export const PAGE_ID = "5550001";
export const IG_USER_ID = "17841400000000001";

export interface Entry {
  id: string;
  message: string;
  created_time: string;
  from: { id: string; name: string };
}

/** A Facebook post's public counts and lifetime insights (post_impressions, post_clicks_by_type). */
export interface PostMetrics {
  reactions: number;
  comments: number;
  /** Graph leaves `shares` out when nobody shared. */
  shares?: number;
  insights: Record<string, number | Record<string, number>>;
}

/** An Instagram media object's counts and lifetime insights (views, shares, total_interactions). */
export interface MediaMetrics {
  like_count?: number;
  comments_count: number;
  insights: Record<string, number>;
}

export function createGraphState() {
  let seq = 0;
  const id = () => String(900_000 + ++seq);
  return {
    id,
    pages: [
      {
        id: PAGE_ID,
        name: "Switchboard",
        username: "switchboardhq",
        ig: { id: IG_USER_ID, username: "switchboard.hq", name: "Switchboard" },
      },
      { id: "5550002", name: "Switchboard Support", username: "switchboardsupport", ig: undefined },
    ],
    /** token → who it speaks for */
    tokens: new Map<string, { kind: "short" | "user" | "page"; pageId?: string }>(),
    posts: [] as (Entry & { pageId: string })[],
    tagged: [] as Entry[],
    comments: new Map<string, Entry[]>(),
    containers: new Map<string, { igId: string; caption?: string; children?: string[]; carouselItem: boolean }>(),
    media: [] as { id: string; igId: string; caption: string; timestamp: string; permalink: string }[],
    igTags: [] as { id: string; caption: string; timestamp: string; username: string; permalink: string }[],
    igComments: new Map<string, { id: string; text: string; timestamp: string; username: string }[]>(),
    /** Page followers_count and Instagram followers_count by id; left out: Graph does not return the field. */
    followers: new Map<string, number>([
      [PAGE_ID, 4200],
      [IG_USER_ID, 980],
    ]),
    postMetrics: new Map<string, PostMetrics>(),
    mediaMetrics: new Map<string, MediaMetrics>(),
    knobs: { insightsDenied: false },
  };
}

export type GraphState = ReturnType<typeof createGraphState>;

/** Graph cursor paging over a list: opaque `after` cursors, `next` only when there is more. */
export function pageOf<T>(list: readonly T[], query: URLSearchParams, base: string) {
  const limit = Number(query.get("limit") ?? 25);
  const after = query.get("after");
  const start = after ? Number(Buffer.from(after, "base64url").toString()) : 0;
  const data = list.slice(start, start + limit);
  const cursor = (n: number) => Buffer.from(String(n)).toString("base64url");
  const more = start + limit < list.length;
  const next = new URL(base);
  next.searchParams.set("after", cursor(start + limit));
  return { data, paging: { cursors: { before: cursor(start), after: cursor(start + data.length) }, ...(more ? { next: next.href } : {}) } };
}
