import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import type { BulkChanges } from "../../api/inbox.js";
import { PRIORITIES, type Priority } from "../../api/inbox.js";
import { PRIORITY_LABELS } from "./labels.js";
import { agentsKey, fetchAgents, PRESENCE_LABELS } from "./queueApi.js";

/** Tomorrow 09:00 local: the bulk snooze's time. */
const tomorrowMorning = () => {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0);
};

interface BulkBarProps {
  count: number;
  busy: boolean;
  onApply: (set: BulkChanges & { snoozedUntil?: string }, done: string) => void;
  onAssignToMe: () => void;
  onClear: () => void;
}

/** What can be done to every selected conversation at once. */
export function BulkBar({ count, busy, onApply, onAssignToMe, onClear }: BulkBarProps) {
  const id = useId();
  const [priority, setPriority] = useState<Priority | "">("");
  const [tag, setTag] = useState("");
  const [assignee, setAssignee] = useState("");
  const agents = useQuery({ queryKey: agentsKey, queryFn: () => fetchAgents(), staleTime: 30_000 });
  const noun = count === 1 ? "1 conversation" : `${count} conversations`;

  const addTag = (event: FormEvent) => {
    event.preventDefault();
    const value = tag.trim();
    if (!value) return;
    onApply({ addTags: [value] }, `Tagged ${noun} #${value}`);
    setTag("");
  };

  return (
    <section className="inbox-bulk" aria-label="Bulk actions">
      <p className="inbox-bulk-count" aria-live="polite">
        <strong>{count}</strong> selected
      </p>
      <div className="inbox-bulk-actions">
        <button
          type="button"
          className="button button-small button-primary"
          disabled={busy}
          onClick={() => onApply({ status: "resolved" }, `Resolved ${noun}`)}
        >
          Resolve selected
        </button>
        <button type="button" className="button button-small" disabled={busy} onClick={onAssignToMe}>
          Assign to me
        </button>
        <span className="inbox-bulk-group">
          <label htmlFor={`${id}-priority`} className="sr-only">
            Priority for the selected conversations
          </label>
          <select
            id={`${id}-priority`}
            className="input input-compact"
            value={priority}
            onChange={(e) => setPriority(e.target.value as Priority | "")}
          >
            <option value="">Priority…</option>
            {[...PRIORITIES].reverse().map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-small"
            disabled={busy || !priority}
            onClick={() => {
              if (priority) onApply({ priority }, `Set ${noun} to ${PRIORITY_LABELS[priority].toLowerCase()} priority`);
              setPriority("");
            }}
          >
            Set priority
          </button>
        </span>
        <span className="inbox-bulk-group">
          <label htmlFor={`${id}-assignee`} className="sr-only">
            Assign the selected conversations to
          </label>
          <select id={`${id}-assignee`} className="input input-compact" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">Assign to…</option>
            {(agents.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} · {PRESENCE_LABELS[a.presence].toLowerCase()}, {a.load}/{a.capacity} open
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-small"
            disabled={busy || !assignee}
            onClick={() => {
              const agent = agents.data?.find((a) => a.id === assignee);
              const over = agent && agent.load + count > agent.capacity ? ` (over capacity: ${agent.load + count}/${agent.capacity})` : "";
              if (agent) onApply({ assigneeId: agent.id }, `Assigned ${noun} to ${agent.name}${over}`);
              setAssignee("");
            }}
          >
            Assign
          </button>
        </span>
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          onClick={() => onApply({ snoozedUntil: tomorrowMorning().toISOString() }, `Snoozed ${noun} until tomorrow 09:00`)}
        >
          Snooze till tomorrow
        </button>
        <form className="inbox-bulk-group" onSubmit={addTag}>
          <label htmlFor={`${id}-tag`} className="sr-only">
            Tag to add to the selected conversations
          </label>
          <input
            id={`${id}-tag`}
            className="input input-compact inbox-bulk-tag"
            placeholder="Tag"
            maxLength={50}
            value={tag}
            onChange={(e) => setTag(e.target.value)}
          />
          <button type="submit" className="button button-small" disabled={busy || !tag.trim()}>
            Add tag
          </button>
        </form>
        <button type="button" className="button button-small inbox-bulk-clear" onClick={onClear}>
          Clear selection
        </button>
      </div>
    </section>
  );
}
