import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import {
  type BulkChanges,
  type ConversationChanges,
  type ConversationDetail,
  type ConversationSummary,
  conversationKey,
  conversationsKey,
  PRIORITIES,
} from "../../api/inbox.js";
import { fetchTeams, teamsKey } from "../../api/teams.js";
import { useCan, useCurrentUser } from "../../auth/currentUser.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useToast } from "../../components/Toasts.js";
import { useMediaQuery } from "../../lib/useMediaQuery.js";
import { usePublishableChannels } from "../publishing/channels.js";
import { ApprovalsLink } from "./ApprovalsPage.js";
import { BulkBar } from "./BulkBar.js";
import { ConversationList } from "./ConversationList.js";
import { ConversationPane } from "./ConversationPane.js";
import { InboxFilters } from "./InboxFilters.js";
import { InboxViews } from "./InboxViews.js";
import { PRIORITY_LABELS, subjectOf } from "./labels.js";
import { PresenceControl } from "./PresenceControl.js";
import { ShortcutsHelp } from "./ShortcutsHelp.js";
import { useInboxMutations } from "./useInboxMutations.js";
import { useTriageKeys } from "./useTriageKeys.js";
import { FILTER_KEYS, type InboxFilters as Filters, fetchViewPage, type InboxView, nextStart, type PageStart, viewById } from "./views.js";
import "./inbox.css";

/** Wide enough to show the conversation beside the list; below this it covers the list, as on a phone. */
const SIDE_BY_SIDE = "(min-width: 801px)";

function quoted(c: ConversationSummary | undefined): string {
  if (!c) return "";
  const subject = subjectOf(c);
  return `: “${subject.length > 60 ? `${subject.slice(0, 57)}…` : subject}”`;
}

export function InboxPage() {
  const canWork = useCan("inbox.work");
  const canManage = useCan("inbox.manage");
  const { user } = useCurrentUser();
  const toast = useToast();
  const queryClient = useQueryClient();
  const sideBySide = useMediaQuery(SIDE_BY_SIDE);
  const [params, setParams] = useSearchParams();
  const view = viewById(params.get("view"));
  const filters: Filters = {
    accountId: params.get("accountId") ?? "",
    sentiment: params.get("sentiment") ?? "",
    intent: params.get("intent") ?? "",
    priority: params.get("priority") ?? "",
    teamId: params.get("teamId") ?? "",
  };
  const openId = params.get("conversation");

  const [cursorId, setCursorId] = useState<string | null>(openId);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [helpOpen, setHelpOpen] = useState(false);
  const [filtersShown, setFiltersShown] = useState(false);
  const [focusNote, setFocusNote] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const filterRef = useRef<HTMLSelectElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const paneRef = useRef<HTMLElement>(null);

  const { channels, networks } = usePublishableChannels();
  const teams = useQuery({ queryKey: teamsKey, queryFn: fetchTeams, staleTime: 5 * 60_000 });
  const list = useInfiniteQuery({
    queryKey: [...conversationsKey, view.id, filters],
    queryFn: ({ pageParam, signal }) => fetchViewPage(view, filters, pageParam, signal),
    initialPageParam: undefined as PageStart | undefined,
    getNextPageParam: nextStart,
    placeholderData: keepPreviousData,
    // New messages arrive all the time; a quiet refresh keeps the queue current.
    refetchInterval: 30_000,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const { update, bulk } = useInboxMutations();
  const busy = update.isPending || bulk.isPending;

  const viewKey = `${view.id}|${FILTER_KEYS.map((k) => filters[k]).join("|")}`;
  const shownKey = useRef(viewKey);
  useEffect(() => {
    if (shownKey.current === viewKey) return;
    shownKey.current = viewKey;
    setSelected(new Set());
    setCursorId(null);
  }, [viewKey]);

  const search = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    return next;
  };

  const hrefFor = (target: InboxView) => {
    const next = search({ view: target.id === "open" ? null : target.id, conversation: null });
    const query = next.toString();
    return query ? `/inbox?${query}` : "/inbox";
  };

  const open = (id: string) => {
    setCursorId(id);
    if (id === openId) return;
    // The first conversation opened is a step back can undo; moving between them is not.
    setParams(search({ conversation: id }), { replace: Boolean(openId) });
    if (!sideBySide) window.requestAnimationFrame(() => paneRef.current?.focus());
  };

  const close = () => {
    setParams(search({ conversation: null }));
    window.requestAnimationFrame(() => listRef.current?.focus());
  };

  const summaryOf = (id: string): ConversationSummary | undefined =>
    items.find((c) => c.id === id) ?? queryClient.getQueryData<ConversationDetail>(conversationKey(id))?.conversation;

  /** Whether a change takes the conversation out of what the list shows. */
  const leavesView = (changes: ConversationChanges | BulkChanges) =>
    (changes.status !== undefined && changes.status !== view.query.status) ||
    ("snoozedUntil" in changes && changes.snoozedUntil !== undefined && view.query.status !== "snoozed");

  const updateOne = (id: string, changes: ConversationChanges, done: string) => {
    const index = items.findIndex((c) => c.id === id);
    const neighbour = index >= 0 ? (items[index + 1] ?? items[index - 1]) : undefined;
    const subject = quoted(summaryOf(id));
    update.mutate(
      { id, changes },
      {
        onSuccess: () => {
          toast(`${done}${subject}`);
          if (!leavesView(changes)) return;
          // Triage keeps its pace: the next conversation takes the place of the one that left.
          setCursorId(neighbour?.id ?? null);
          if (openId !== id) return;
          if (neighbour && sideBySide) open(neighbour.id);
          else close();
        },
      },
    );
  };

  const updateMany = (ids: string[], set: BulkChanges, done: string) => {
    bulk.mutate(
      { ids, set },
      {
        onSuccess: ({ updated }) => {
          toast(updated === ids.length ? done : `${done} (${updated} of ${ids.length} changed)`);
          setSelected(new Set());
          if (leavesView(set) && cursorId && ids.includes(cursorId)) setCursorId(items.find((c) => !ids.includes(c.id))?.id ?? null);
        },
      },
    );
  };

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const target = () => cursorId ?? openId;

  useTriageKeys({
    next: () => step(1),
    previous: () => step(-1),
    open: () => {
      const id = target() ?? items[0]?.id;
      if (id) open(id);
    },
    help: () => setHelpOpen(true),
    focusFilter: () => {
      setFiltersShown(true);
      window.requestAnimationFrame(() => filterRef.current?.focus());
    },
    escape: () => {
      if (selected.size > 0) setSelected(new Set());
      else if (openId) close();
    },
    ...(canWork
      ? {
          resolve: () => {
            if (selected.size > 0) {
              const ids = [...selected];
              return updateMany(
                ids,
                { status: "resolved" },
                ids.length === 1 ? "Resolved 1 conversation" : `Resolved ${ids.length} conversations`,
              );
            }
            const id = target();
            const c = id ? summaryOf(id) : undefined;
            if (!id || !c) return;
            if (c.status === "resolved") updateOne(id, { status: "open" }, "Reopened");
            else updateOne(id, { status: "resolved" }, "Resolved");
          },
          assignToMe: () => {
            if (selected.size > 0) {
              const ids = [...selected];
              return updateMany(
                ids,
                { assigneeId: user.id },
                `Assigned ${ids.length === 1 ? "1 conversation" : `${ids.length} conversations`} to you`,
              );
            }
            const id = target();
            if (id) updateOne(id, { assigneeId: user.id }, "Assigned to you");
          },
          cyclePriority: () => {
            const id = target();
            const c = id ? summaryOf(id) : undefined;
            if (!id || !c) return;
            const priority = PRIORITIES[(PRIORITIES.indexOf(c.priority) + 1) % PRIORITIES.length] ?? "normal";
            updateOne(id, { priority }, `Priority ${PRIORITY_LABELS[priority].toLowerCase()}`);
          },
          note: () => {
            const id = openId ?? target();
            if (!id) return;
            if (id !== openId) open(id);
            setFocusNote((n) => n + 1);
          },
          select: () => {
            const id = target();
            if (id) toggle(id);
          },
        }
      : {}),
  });

  function step(by: 1 | -1) {
    if (items.length === 0) return;
    const current = target();
    const index = items.findIndex((c) => c.id === current);
    const next = items[index < 0 ? 0 : Math.max(0, Math.min(items.length - 1, index + by))];
    if (!next) return;
    // With a conversation open, moving opens the next one; otherwise it moves the highlight.
    if (openId) open(next.id);
    else setCursorId(next.id);
  }

  const filtered = FILTER_KEYS.some((k) => filters[k] && !view.fixes?.includes(k));
  const filterCount = FILTER_KEYS.filter((k) => filters[k] && !view.fixes?.includes(k)).length;
  const showFilters = sideBySide || filtersShown;
  const paneShown = Boolean(openId) || sideBySide;

  return (
    <div className={openId ? "inbox has-open" : "inbox"}>
      <PageHeader
        title="Inbox"
        description="Mentions, comments, direct messages and email from every channel, newest first."
        actions={
          <>
            {canWork && <PresenceControl />}
            {canManage && <ApprovalsLink />}
            {canManage && (
              <Link className="button button-small" to="/inbox/settings">
                Queue settings
              </Link>
            )}
            {canManage && (
              <Link className="button button-small" to="/inbox/routing">
                Routing rules
              </Link>
            )}
            <button
              type="button"
              className="button button-small inbox-shortcuts-button"
              aria-keyshortcuts="?"
              onClick={() => setHelpOpen(true)}
            >
              Keyboard shortcuts <kbd>?</kbd>
            </button>
          </>
        }
      />
      <div className="inbox-layout">
        <InboxViews current={view} hrefFor={hrefFor} />
        <div className="inbox-filter-bar">
          {!sideBySide && (
            <button
              type="button"
              className="button button-small inbox-filters-toggle"
              aria-expanded={filtersShown}
              onClick={() => setFiltersShown((s) => !s)}
            >
              Filters{filterCount > 0 ? ` (${filterCount})` : ""}
            </button>
          )}
          {showFilters && (
            <InboxFilters
              view={view}
              filters={filters}
              channels={channels}
              teams={teams.data ?? []}
              firstRef={filterRef}
              onChange={(next) => setParams(search({ ...next }), { replace: true })}
            />
          )}
        </div>
        <div className="inbox-list-column">
          <ErrorMessage error={update.error ?? bulk.error} title="That change was not made" />
          {canWork && selected.size > 0 && (
            <BulkBar
              count={selected.size}
              busy={busy}
              onApply={(set, done) => updateMany([...selected], set, done)}
              onAssignToMe={() => updateMany([...selected], { assigneeId: user.id }, "Assigned to you")}
              onClear={() => setSelected(new Set())}
            />
          )}
          {list.isPending && <Loading label="Loading conversations…" />}
          <ErrorMessage error={list.error} title="The conversations could not be loaded" />
          {list.data && items.length === 0 && (
            <EmptyState title={filtered ? "No conversations match these filters" : view.empty}>
              {filtered && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() =>
                    setParams(search({ accountId: null, sentiment: null, intent: null, priority: null, teamId: null }), { replace: true })
                  }
                >
                  Clear filters
                </button>
              )}
            </EmptyState>
          )}
          {items.length > 0 && (
            <>
              <div className="inbox-list-header">
                <p className="result-count" aria-live="polite">
                  {items.length === 1 ? "1 conversation" : `${items.length} conversations`}
                  {list.hasNextPage ? " (more below)" : ""}
                </p>
                {canWork && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setSelected(selected.size === items.length ? new Set() : new Set(items.map((c) => c.id)))}
                  >
                    {selected.size === items.length ? "Select none" : "Select all"}
                  </button>
                )}
              </div>
              <ConversationList
                items={items}
                networks={networks}
                cursorId={cursorId}
                openId={openId}
                selected={selected}
                selectable={canWork}
                listRef={listRef}
                onCursor={setCursorId}
                onOpen={open}
                onToggle={toggle}
              />
              {list.hasNextPage && (
                <div className="load-more">
                  <button type="button" className="button" disabled={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
                    {list.isFetchingNextPage ? "Loading…" : "Load more"}
                  </button>
                </div>
              )}
            </>
          )}
        </div>
        {paneShown && (
          <section ref={paneRef} className="inbox-pane" aria-label="Conversation" tabIndex={-1}>
            {openId ? (
              <ConversationPane
                id={openId}
                canWork={canWork}
                networks={networks}
                busy={busy}
                noteRef={noteRef}
                focusNote={focusNote}
                onBack={sideBySide ? null : close}
                onOpen={open}
                onUpdate={updateOne}
                onLeaveNote={() => (listRef.current ?? paneRef.current)?.focus()}
              />
            ) : (
              <div className="inbox-pane-empty">
                <p className="empty-state-title">No conversation open</p>
                <p className="muted">
                  Choose one from the list, or press <kbd>j</kbd> and <kbd>Enter</kbd>. <kbd>?</kbd> lists every shortcut.
                </p>
              </div>
            )}
          </section>
        )}
      </div>
      {helpOpen && <ShortcutsHelp canWork={canWork} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
