import {
  type ConversationPage,
  type ConversationQuery,
  type ConversationSummary,
  fetchConversations,
  type Priority,
} from "../../api/inbox.js";

/** The filters a person sets on top of a view; "" means "any". */
export interface InboxFilters {
  accountId: string;
  sentiment: string;
  intent: string;
  priority: string;
  teamId: string;
}

export const FILTER_KEYS = ["accountId", "sentiment", "intent", "priority", "teamId"] as const;
export const NO_FILTERS: InboxFilters = { accountId: "", sentiment: "", intent: "", priority: "", teamId: "" };

export interface InboxView {
  id: string;
  title: string;
  /** What the list shows when the view is empty. */
  empty: string;
  query: ConversationQuery & { sla?: "breaching_soon" | "breached" };
  /** Several priorities at once: the API filters on one, so the view asks once per priority and merges. */
  priorities?: Priority[];
  /** Filters the view decides, so their controls are fixed while it is chosen. */
  fixes?: (keyof InboxFilters)[];
}

export const VIEWS: readonly InboxView[] = [
  { id: "open", title: "All open", empty: "Nothing is open. Everyone has been answered.", query: { status: "open" } },
  { id: "mine", title: "Mine", empty: "Nothing open is assigned to you.", query: { status: "open", assigneeId: "me" } },
  {
    id: "unassigned",
    title: "Unassigned",
    empty: "Every open conversation has someone on it.",
    query: { status: "open", unassigned: true },
  },
  {
    id: "negative",
    title: "Negative",
    empty: "No open conversation is negative.",
    query: { status: "open", sentiment: "negative" },
    fixes: ["sentiment"],
  },
  {
    id: "urgent",
    title: "Urgent/High",
    empty: "Nothing open is urgent or high priority.",
    query: { status: "open" },
    priorities: ["urgent", "high"],
    fixes: ["priority"],
  },
  {
    id: "breaching",
    title: "Breaching soon",
    empty: "No SLA is close to its deadline.",
    query: { status: "open", sla: "breaching_soon" },
  },
  { id: "overdue", title: "SLA overdue", empty: "No SLA is overdue.", query: { status: "open", sla: "breached" } },
  { id: "pending", title: "Pending", empty: "No conversation is waiting on the customer.", query: { status: "pending" } },
  { id: "snoozed", title: "Snoozed", empty: "Nothing is snoozed.", query: { status: "snoozed" } },
  { id: "resolved", title: "Resolved", empty: "Nothing has been resolved yet.", query: { status: "resolved" } },
];

export const DEFAULT_VIEW = VIEWS[0] as InboxView;
export const viewById = (id: string | null) => VIEWS.find((v) => v.id === id) ?? DEFAULT_VIEW;

const PAGE_SIZE = 50;

const newestFirst = (a: ConversationSummary, b: ConversationSummary) =>
  Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Where the next page starts: the previous page's `nextBefore` and `nextBeforeId`. */
export interface PageStart {
  before: string;
  beforeId?: string | undefined;
}

export const nextStart = (page: ConversationPage): PageStart | undefined =>
  page.nextBefore ? { before: page.nextBefore, beforeId: page.nextBeforeId ?? undefined } : undefined;

/** One page of a view with the person's filters. */
export async function fetchViewPage(
  view: InboxView,
  filters: InboxFilters,
  start: PageStart | undefined,
  signal?: AbortSignal,
): Promise<ConversationPage> {
  const query: ConversationQuery & { sla?: string } = { ...view.query, limit: PAGE_SIZE };
  if (start) {
    query.before = start.before;
    if (start.beforeId) query.beforeId = start.beforeId;
  }
  for (const key of FILTER_KEYS) if (filters[key] && !view.fixes?.includes(key)) query[key] = filters[key];
  if (!view.priorities) return fetchConversations(query, signal);
  const pages = await Promise.all(view.priorities.map((priority) => fetchConversations({ ...query, priority }, signal)));
  return mergePages(pages);
}

/** Whether `a` comes before `b` in the list's order (newest activity first, then id descending). */
const comesBefore = (a: { at: number; id: string }, b: { at: number; id: string }) => a.at > b.at || (a.at === b.at && a.id > b.id);

/**
 * Pages of several lists, as one newest-first page. A list with more to come is complete only down to
 * its last item; past the earliest such point in the order, another list's next page may still hold
 * items that come first, so the merged page stops there and the next one starts there.
 */
export function mergePages(pages: readonly ConversationPage[]): ConversationPage {
  const items = pages.flatMap((p) => p.items).sort(newestFirst);
  const bounds = pages.flatMap((p) => (p.nextBefore ? [{ at: Date.parse(p.nextBefore), id: p.nextBeforeId ?? "", page: p }] : []));
  const first = bounds.reduce<(typeof bounds)[number] | undefined>((a, b) => (!a || comesBefore(b, a) ? b : a), undefined);
  if (!first) return { items, nextBefore: null, nextBeforeId: null };
  return {
    items: items.filter((i) => !comesBefore(first, { at: Date.parse(i.lastMessageAt), id: i.id })),
    nextBefore: first.page.nextBefore,
    nextBeforeId: first.page.nextBeforeId ?? null,
  };
}
