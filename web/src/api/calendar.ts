import { api } from "./client.js";
import { type Post, postsKey } from "./posts.js";

/** What the calendar shows: posts scheduled in [from, to), optionally one campaign's or one channel's. */
export interface CalendarQuery {
  from: string;
  to: string;
  campaignId: string;
  accountId: string;
}

/** The most the API returns at once; a calendar that gets this many says some may be missing. */
export const CALENDAR_LIMIT = 500;

export const calendarKey = (query: CalendarQuery) => [...postsKey, "calendar", query] as const;

export const fetchCalendarPosts = (query: CalendarQuery) =>
  api<{ posts: Post[] }>("GET", "/api/posts", { query: { ...query, limit: CALENDAR_LIMIT } }).then((r) => r.posts);
