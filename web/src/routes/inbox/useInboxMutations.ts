import { type InfiniteData, useMutation, useQueryClient } from "@tanstack/react-query";
import {
  type BulkChanges,
  bulkUpdateConversations,
  type ConversationChanges,
  type ConversationDetail,
  type ConversationPage,
  type ConversationSummary,
  conversationKey,
  conversationsKey,
  inboxKey,
  updateConversation,
} from "../../api/inbox.js";
import { type PageStart, viewById } from "./views.js";

type ListData = InfiniteData<ConversationPage, PageStart | undefined>;

/**
 * Changes to conversations. The lists in the cache change at once (a resolved conversation leaves the
 * open views straight away, so triage keeps its pace), then everything is fetched again.
 */
export function useInboxMutations() {
  const queryClient = useQueryClient();

  /** Replaces or drops conversations in every cached list, by whether they still belong to its view's status. */
  const patchLists = (change: (item: ConversationSummary) => ConversationSummary | null) => {
    for (const [key, data] of queryClient.getQueriesData<ListData>({ queryKey: conversationsKey })) {
      if (!data) continue;
      const view = viewById(String(key[conversationsKey.length] ?? ""));
      queryClient.setQueryData<ListData>(key, {
        ...data,
        pages: data.pages.map((page) => ({
          ...page,
          items: page.items.flatMap((item) => {
            const next = change(item);
            return next && next.status === (view.query.status ?? "open") ? [next] : [];
          }),
        })),
      });
    }
  };

  const refresh = () => queryClient.invalidateQueries({ queryKey: inboxKey });

  const update = useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: ConversationChanges }) => updateConversation(id, changes),
    onSuccess: (summary) => {
      patchLists((item) => (item.id === summary.id ? summary : item));
      queryClient.setQueryData<ConversationDetail>(conversationKey(summary.id), (detail) =>
        detail ? { ...detail, conversation: summary } : detail,
      );
      return refresh();
    },
  });

  const bulk = useMutation({
    mutationFn: ({ ids, set }: { ids: string[]; set: BulkChanges }) => bulkUpdateConversations(ids, set),
    onSuccess: (_result, { ids, set }) => {
      const chosen = new Set(ids);
      if (set.status) {
        const status = set.status;
        patchLists((item) => (chosen.has(item.id) ? { ...item, status } : item));
      }
      return refresh();
    },
  });

  return { update, bulk };
}
