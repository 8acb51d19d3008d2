import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fetchMessage, type InboxMessage, messageKey } from "../../api/inbox.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { atHandle, INTENT_LABELS, label, SentimentBadge, topicLabel } from "./labels.js";
import { RelativeTime } from "./RelativeTime.js";

/** Longer texts start folded to a preview this long, so one enormous message does not bury the thread. */
const FOLD_OVER = 1500;
const PREVIEW = 1000;

const count = new Intl.NumberFormat();

function authorName(message: InboxMessage): string {
  const author = message.author;
  if (!author) return message.direction === "in" ? "Unknown contact" : "Switchboard";
  if (author.kind === "user") return author.name;
  return author.displayName || (author.handle ? atHandle(author.handle) : "Unknown contact");
}

/** One message of the thread: who, when, what (folded when long), and how it was classified. */
export function MessageItem({ message, now }: { message: InboxMessage; now: number }) {
  const [expanded, setExpanded] = useState(false);
  const long = message.truncated || message.length > FOLD_OVER || message.text.length > FOLD_OVER;
  // The whole text is fetched only when someone asks for it, and only if the thread's copy was cut.
  const whole = useQuery({
    queryKey: messageKey(message.id),
    queryFn: () => fetchMessage(message.id),
    enabled: expanded && message.truncated,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const text = !long ? message.text : expanded ? (whole.data?.text ?? message.text) : `${message.text.slice(0, PREVIEW).trimEnd()}…`;
  const handle = message.author?.kind === "contact" && message.author.handle && message.author.displayName ? message.author.handle : null;
  const kind = message.direction === "note" ? "Internal note" : message.direction === "out" ? "Sent" : "Received";

  return (
    <li className={`msg msg-${message.direction}`}>
      <article aria-label={`${kind} from ${authorName(message)}`}>
        <header className="msg-header">
          {message.direction === "note" && <span className="msg-note-tag">Internal note</span>}
          <span className="msg-author">{authorName(message)}</span>
          {handle && <span className="muted">{atHandle(handle)}</span>}
          <span className="msg-time">
            <RelativeTime iso={message.sentAt} now={now} />
          </span>
        </header>
        <div className="msg-text">{text}</div>
        {long && (
          <div className="msg-fold">
            <button
              type="button"
              className="button button-small"
              aria-expanded={expanded}
              disabled={expanded && whole.isFetching}
              onClick={() => setExpanded((open) => !open)}
            >
              {expanded ? (whole.isFetching ? "Loading…" : "Show less") : `Show all (${count.format(message.length)} characters)`}
            </button>
          </div>
        )}
        {expanded && <ErrorMessage error={whole.error} title="The whole message could not be loaded" />}
        {(message.url || (message.direction === "in" && (message.sentiment || message.intent || message.topic))) && (
          <footer className="msg-footer">
            {message.direction === "in" && (message.sentiment || message.intent || message.topic) && (
              <ul className="badge-list msg-classes" aria-label="Classification">
                {message.sentiment && (
                  <li>
                    <SentimentBadge sentiment={message.sentiment} />
                  </li>
                )}
                {message.intent && <li className="badge badge-quiet">{label(INTENT_LABELS, message.intent)}</li>}
                {message.topic && <li className="badge badge-quiet">{topicLabel(message.topic)}</li>}
              </ul>
            )}
            {message.url && (
              <a href={message.url} target="_blank" rel="noreferrer noopener" className="msg-link">
                View on the network<span className="sr-only"> (opens in a new tab)</span>
              </a>
            )}
          </footer>
        )}
      </article>
    </li>
  );
}
