import { useQuery } from "@tanstack/react-query";
import { type RefObject, useEffect, useRef } from "react";
import { type ConversationChanges, conversationKey, fetchConversation } from "../../api/inbox.js";
import type { Network } from "../../api/types.js";
import { useCurrentUser } from "../../auth/currentUser.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { useNow } from "../../lib/useNow.js";
import { ContactPanel } from "./ContactPanel.js";
import { ConversationControls, ConversationFacts } from "./ConversationControls.js";
import { LeadPanel } from "./LeadPanel.js";
import { atHandle, KIND_LABELS, label, networkLabel, PriorityBadge, SentimentBadge, StatusBadge, subjectOf } from "./labels.js";
import { MessageItem } from "./MessageItem.js";
import { NoteBox } from "./NoteBox.js";
import { slaOf } from "./queueApi.js";
import { ReplyBox } from "./ReplyBox.js";
import { SlaBadge } from "./SlaBadge.js";
import { SlaPanel } from "./SlaPanel.js";

interface ConversationPaneProps {
  id: string;
  canWork: boolean;
  networks: readonly Network[];
  busy: boolean;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  /** Asks the pane to put focus in the note box once the conversation is shown (the "n" shortcut). */
  focusNote: number;
  /** On a phone the pane covers the list; this goes back to it. */
  onBack: (() => void) | null;
  onOpen: (id: string) => void;
  onUpdate: (id: string, changes: ConversationChanges, done: string) => void;
  onLeaveNote: () => void;
}

/** One conversation: its messages oldest first, what can be done to it, and who the contact is. */
export function ConversationPane(props: ConversationPaneProps) {
  const { id, canWork, networks, busy, noteRef, focusNote, onBack, onOpen, onUpdate, onLeaveNote } = props;
  const { user } = useCurrentUser();
  const now = useNow(30_000);
  const detail = useQuery({ queryKey: conversationKey(id), queryFn: () => fetchConversation(id), refetchInterval: 30_000 });
  const threadEnd = useRef<HTMLDivElement>(null);
  const loaded = Boolean(detail.data);

  // The newest message is the one being answered: start the thread there.
  useEffect(() => {
    if (loaded && id) threadEnd.current?.scrollIntoView({ block: "nearest" });
  }, [loaded, id]);

  useEffect(() => {
    if (focusNote > 0 && loaded) noteRef.current?.focus();
  }, [focusNote, loaded, noteRef]);

  if (detail.isPending) return <Loading label="Loading the conversation…" />;
  if (!detail.data) return <ErrorMessage error={detail.error} title="The conversation could not be loaded" />;
  const { conversation: c, messages, contact } = detail.data;
  const mine = c.assignee?.id === user.id;

  return (
    <article className="inbox-conversation" aria-labelledby="inbox-conversation-heading">
      <header className="inbox-conversation-header">
        {onBack && (
          <button type="button" className="button button-small inbox-back" onClick={onBack}>
            <span aria-hidden="true">←</span> Back to the list
          </button>
        )}
        <h2 id="inbox-conversation-heading">{subjectOf(c)}</h2>
        <p className="inbox-conversation-meta">
          {c.kind === "email" ? (
            <>
              <span>Email</span> to <span>{atHandle(c.account.handle)}</span>{" "}
            </>
          ) : (
            <>
              <span>{label(KIND_LABELS, c.kind)}</span> on{" "}
              <span>
                {networkLabel(networks, c.account.network)} {atHandle(c.account.handle)}
              </span>{" "}
            </>
          )}
          from <strong>{c.contact?.displayName || "an unknown contact"}</strong>
        </p>
        <div className="badge-list">
          <StatusBadge status={c.status} />
          <PriorityBadge priority={c.priority} />
          <SentimentBadge sentiment={c.sentiment} />
          <SlaBadge sla={slaOf(c)} now={now} />
          {c.assignee && <span className="badge badge-quiet">Assigned to {mine ? "you" : c.assignee.name}</span>}
          {c.team && <span className="badge badge-quiet">{c.team.name}</span>}
        </div>
        {canWork && (
          <div className="inbox-primary-actions">
            {c.status === "resolved" ? (
              <button
                type="button"
                className="button button-small"
                disabled={busy}
                onClick={() => onUpdate(c.id, { status: "open" }, "Reopened")}
              >
                Reopen
              </button>
            ) : (
              <button
                type="button"
                className="button button-small button-primary"
                disabled={busy}
                aria-keyshortcuts="e"
                onClick={() => onUpdate(c.id, { status: "resolved" }, "Resolved")}
              >
                Resolve
              </button>
            )}
            {!mine && (
              <button
                type="button"
                className="button button-small"
                disabled={busy}
                aria-keyshortcuts="a"
                onClick={() => onUpdate(c.id, { assigneeId: user.id }, "Assigned to you")}
              >
                Assign to me
              </button>
            )}
          </div>
        )}
      </header>

      <div className="inbox-conversation-body">
        <div className="inbox-thread-column">
          <section aria-label="Messages">
            <ol className="inbox-thread">
              {messages.map((m) => (
                <MessageItem key={m.id} message={m} now={now} />
              ))}
            </ol>
            <div ref={threadEnd} />
          </section>
          {canWork && (
            <>
              <ReplyBox
                key={`reply-${c.id}`}
                conversationId={c.id}
                channel={`${networkLabel(networks, c.account.network)} ${atHandle(c.account.handle)}`}
                contactName={c.contact?.displayName || "the contact"}
                customerText={messages.filter((m) => m.direction === "in").at(-1)?.text}
              />
              <NoteBox key={c.id} conversationId={c.id} noteRef={noteRef} onLeave={onLeaveNote} />
            </>
          )}
        </div>
        <div className="inbox-side">
          <section aria-labelledby="inbox-handling-heading" className="inbox-handling">
            <h3 id="inbox-handling-heading">Handling</h3>
            {canWork ? (
              <ConversationControls key={c.id} conversation={c} busy={busy} onChange={(changes, done) => onUpdate(c.id, changes, done)} />
            ) : (
              <ConversationFacts conversation={c} />
            )}
          </section>
          <SlaPanel conversationId={c.id} now={now} />
          <LeadPanel conversationId={c.id} canWork={canWork} contactName={c.contact?.displayName ?? ""} />
          <ContactPanel contact={contact} networks={networks} now={now} onOpen={onOpen} />
        </div>
      </div>
    </article>
  );
}
