import { type KeyboardEvent, type RefObject, useEffect } from "react";
import type { ConversationSummary } from "../../api/inbox.js";
import type { Network } from "../../api/types.js";
import { useNow } from "../../lib/useNow.js";
import {
  atHandle,
  INTENT_LABELS,
  label,
  networkLabel,
  PRIORITY_LABELS,
  PriorityBadge,
  SENTIMENT_LABELS,
  SentimentBadge,
  subjectOf,
  topicLabel,
} from "./labels.js";
import { slaOf } from "./queueApi.js";
import { RelativeTime, relativeTime } from "./RelativeTime.js";
import { SlaBadge } from "./SlaBadge.js";

export const rowId = (id: string) => `inbox-row-${id}`;

interface ConversationListProps {
  items: ConversationSummary[];
  networks: readonly Network[];
  /** The highlighted row, which the shortcuts act on. */
  cursorId: string | null;
  openId: string | null;
  selected: ReadonlySet<string>;
  /** Whether rows can be selected for bulk actions. */
  selectable: boolean;
  listRef: RefObject<HTMLDivElement | null>;
  onCursor: (id: string) => void;
  onOpen: (id: string) => void;
  onToggle: (id: string) => void;
}

const who = (c: ConversationSummary) => c.contact?.displayName || "Unknown contact";

/** What a screen reader says for a row: the subject first, then what a person scans for. */
function describe(c: ConversationSummary, networks: readonly Network[], now: number): string {
  return [
    subjectOf(c),
    `from ${who(c)}`,
    `${networkLabel(networks, c.account.network)} ${atHandle(c.account.handle)}`,
    c.sentiment ? label(SENTIMENT_LABELS, c.sentiment) : null,
    c.intent ? label(INTENT_LABELS, c.intent) : null,
    c.topic ? topicLabel(c.topic) : null,
    `${label(PRIORITY_LABELS, c.priority)} priority`,
    c.tags.length > 0 ? `tags ${c.tags.join(", ")}` : null,
    c.messageCount === 1 ? "1 message" : `${c.messageCount} messages`,
    c.assignee ? `assigned to ${c.assignee.name}` : null,
    relativeTime(c.lastMessageAt, now),
  ]
    .filter(Boolean)
    .join(", ");
}

/**
 * The conversations as a listbox: one tab stop, arrow keys (and j/k anywhere on the page) move the
 * highlighted row, Enter opens it, Space selects it for bulk actions (aria-selected).
 */
export function ConversationList(props: ConversationListProps) {
  const { items, networks, cursorId, openId, selected, selectable, listRef, onCursor, onOpen, onToggle } = props;
  const now = useNow(30_000);

  useEffect(() => {
    if (!cursorId) return;
    document.getElementById(rowId(cursorId))?.scrollIntoView({ block: "nearest" });
  }, [cursorId]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const index = items.findIndex((c) => c.id === cursorId);
    const move = (to: number) => {
      const target = items[Math.max(0, Math.min(items.length - 1, to))];
      if (target) onCursor(target.id);
      event.preventDefault();
    };
    if (event.key === "ArrowDown") move(index + 1);
    else if (event.key === "ArrowUp") move(index < 0 ? 0 : index - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(items.length - 1);
    else if (event.key === "Enter") {
      const target = items[index] ?? items[0];
      if (target) onOpen(target.id);
      event.preventDefault();
    } else if (event.key === " " && selectable) {
      const target = items[index];
      if (target) onToggle(target.id);
      event.preventDefault();
    }
  };

  return (
    <div
      ref={listRef}
      role="listbox"
      aria-label="Conversations"
      aria-multiselectable={selectable || undefined}
      aria-activedescendant={cursorId && items.some((c) => c.id === cursorId) ? rowId(cursorId) : undefined}
      tabIndex={0}
      className="inbox-list"
      onKeyDown={onKeyDown}
      onFocus={() => {
        if (!cursorId && items[0]) onCursor(items[0].id);
      }}
    >
      {items.map((c) => {
        const isSelected = selected.has(c.id);
        const classes = ["inbox-row"];
        if (c.id === cursorId) classes.push("is-cursor");
        if (c.id === openId) classes.push("is-open");
        if (isSelected) classes.push("is-selected");
        return (
          // biome-ignore lint/a11y/useFocusableInteractive: the listbox holds focus and points at its rows (aria-activedescendant).
          // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keys for every row.
          <div
            key={c.id}
            id={rowId(c.id)}
            role="option"
            aria-selected={selectable ? isSelected : c.id === openId}
            aria-current={c.id === openId ? "true" : undefined}
            aria-label={describe(c, networks, now)}
            className={classes.join(" ")}
            data-sentiment={c.sentiment ?? undefined}
            onClick={() => onOpen(c.id)}
          >
            {selectable && (
              // A mouse shortcut for Space / x on the row; hidden from screen readers, who have those.
              <span
                className="inbox-check"
                aria-hidden="true"
                onClick={(event) => {
                  event.stopPropagation();
                  onCursor(c.id);
                  onToggle(c.id);
                }}
              />
            )}
            <div className="inbox-row-body" aria-hidden="true">
              <div className="inbox-row-top">
                <span className="inbox-row-contact">{who(c)}</span>
                <span className="inbox-row-time">
                  <RelativeTime iso={c.lastMessageAt} now={now} />
                </span>
              </div>
              <p className="inbox-row-subject">{subjectOf(c)}</p>
              <div className="inbox-row-meta">
                <span className="inbox-row-channel">
                  {networkLabel(networks, c.account.network)} · {atHandle(c.account.handle)}
                </span>
                <span className="inbox-row-count" title={c.messageCount === 1 ? "1 message" : `${c.messageCount} messages`}>
                  {c.messageCount}
                </span>
              </div>
              <div className="inbox-row-badges">
                <SentimentBadge sentiment={c.sentiment} />
                {c.intent && <span className="badge badge-quiet">{label(INTENT_LABELS, c.intent)}</span>}
                {c.topic && <span className="badge badge-quiet">{topicLabel(c.topic)}</span>}
                <SlaBadge sla={slaOf(c)} now={now} />
                {c.priority !== "normal" && <PriorityBadge priority={c.priority} />}
                {c.tags.map((tag) => (
                  <span key={tag} className="badge badge-mono">
                    #{tag}
                  </span>
                ))}
                {c.assignee && <span className="inbox-row-assignee">→ {c.assignee.name}</span>}
              </div>
            </div>
          </div>
        );
      })}
    </div>
  );
}
