import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import {
  type ConversationChanges,
  type ConversationStatus,
  type ConversationSummary,
  PRIORITIES,
  type Priority,
  STATUSES,
} from "../../api/inbox.js";
import { fetchTeams, teamsKey } from "../../api/teams.js";
import { useCurrentUser } from "../../auth/currentUser.js";
import { Time } from "../../components/Time.js";
import { PRIORITY_LABELS, STATUS_LABELS } from "./labels.js";
import { type Agent, agentsKey, fetchAgents, PRESENCE_LABELS } from "./queueApi.js";

/** "available, 3/10 open": what manual assignment shows of each person. */
const agentLoad = (a: Agent) => `${PRESENCE_LABELS[a.presence].toLowerCase()}, ${a.load}/${a.capacity} open`;

const pad = (n: number) => String(n).padStart(2, "0");
/** A Date → what an <input type="datetime-local"> holds, in the reader's zone. */
const toLocalInput = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

function snoozePresets(now = new Date()): { label: string; at: Date }[] {
  const inThreeHours = new Date(now.getTime() + 3 * 3600_000);
  inThreeHours.setSeconds(0, 0);
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0);
  const daysToMonday = (8 - now.getDay()) % 7 || 7;
  const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() + daysToMonday, 9, 0);
  return [
    { label: "In 3 hours", at: inThreeHours },
    { label: "Tomorrow 09:00", at: tomorrow },
    { label: "Monday 09:00", at: monday },
  ];
}

interface ControlsProps {
  conversation: ConversationSummary;
  busy: boolean;
  onChange: (changes: ConversationChanges, done: string) => void;
}

/** Status, priority, assignee, team, tags and snooze of one conversation, for people who work the inbox. */
export function ConversationControls({ conversation: c, busy, onChange }: ControlsProps) {
  const id = useId();
  const { user } = useCurrentUser();
  const teams = useQuery({ queryKey: teamsKey, queryFn: fetchTeams, staleTime: 5 * 60_000 });
  const working = useQuery({ queryKey: agentsKey, queryFn: () => fetchAgents(), staleTime: 30_000 });
  const me = working.data?.find((a) => a.id === user.id);
  const agents = (working.data ?? []).filter((a) => a.id !== user.id);
  /** An assignment over the agent's capacity waits for "Assign anyway". */
  const [overCapacity, setOverCapacity] = useState<Agent | null>(null);
  const assign = (assigneeId: string | null) => {
    const agent = working.data?.find((a) => a.id === assigneeId);
    if (agent && agent.load >= agent.capacity && c.assignee?.id !== agent.id) return setOverCapacity(agent);
    setOverCapacity(null);
    const name = assigneeId === user.id ? "you" : (agent?.name ?? "nobody");
    onChange({ assigneeId }, `Assigned to ${name}`);
  };
  const [tag, setTag] = useState("");
  const [snoozeAt, setSnoozeAt] = useState(() => toLocalInput(snoozePresets()[1]?.at ?? new Date()));

  const addTag = (event: FormEvent) => {
    event.preventDefault();
    const value = tag.trim();
    if (!value || c.tags.includes(value)) return setTag("");
    onChange({ tags: [...c.tags, value] }, `Tagged #${value}`);
    setTag("");
  };

  const snooze = (event: FormEvent) => {
    event.preventDefault();
    const at = new Date(snoozeAt);
    if (Number.isNaN(at.getTime())) return;
    onChange(
      { snoozedUntil: at.toISOString() },
      `Snoozed until ${at.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}`,
    );
  };

  return (
    <div className="inbox-controls">
      <div className="inbox-controls-row">
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select
            id={`${id}-status`}
            className="input input-compact"
            value={c.status}
            disabled={busy}
            onChange={(e) => {
              const status = e.target.value as ConversationStatus;
              // Snoozing needs a time: the snooze form below sets it.
              if (status !== "snoozed") onChange({ status }, `Marked ${STATUS_LABELS[status].toLowerCase()}`);
            }}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s} disabled={s === "snoozed" && c.status !== "snoozed"}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-priority`}>Priority</label>
          <select
            id={`${id}-priority`}
            className="input input-compact"
            value={c.priority}
            disabled={busy}
            onChange={(e) => {
              const priority = e.target.value as Priority;
              onChange({ priority }, `Priority ${PRIORITY_LABELS[priority].toLowerCase()}`);
            }}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-assignee`}>Assignee</label>
          <select
            id={`${id}-assignee`}
            className="input input-compact"
            value={c.assignee?.id ?? ""}
            disabled={busy}
            onChange={(e) => assign(e.target.value || null)}
          >
            <option value="">Nobody</option>
            <option value={user.id}>
              Me ({user.name}){me ? ` · ${agentLoad(me)}` : ""}
            </option>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} · {agentLoad(a)}
              </option>
            ))}
            {c.assignee && c.assignee.id !== user.id && !agents.some((a) => a.id === c.assignee?.id) && (
              <option value={c.assignee.id}>{c.assignee.name}</option>
            )}
          </select>
        </div>
        {overCapacity && (
          <div className="alert alert-warning inbox-capacity-warning" role="alert">
            <p>
              {overCapacity.name} already has {overCapacity.load} open conversation{overCapacity.load === 1 ? "" : "s"}, at or over their
              capacity of {overCapacity.capacity}
              {overCapacity.presence !== "available" ? ` and is ${PRESENCE_LABELS[overCapacity.presence].toLowerCase()}` : ""}.
            </p>
            <div className="inbox-note-actions">
              <button
                type="button"
                className="button button-small"
                disabled={busy}
                onClick={() => {
                  onChange({ assigneeId: overCapacity.id }, `Assigned to ${overCapacity.name} (over capacity)`);
                  setOverCapacity(null);
                }}
              >
                Assign anyway
              </button>
              <button type="button" className="button button-small" onClick={() => setOverCapacity(null)}>
                Cancel
              </button>
            </div>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-team`}>Team</label>
          <select
            id={`${id}-team`}
            className="input input-compact"
            value={c.team?.id ?? ""}
            disabled={busy}
            onChange={(e) => {
              const teamId = e.target.value || null;
              onChange({ teamId }, `Team ${teams.data?.find((t) => t.id === teamId)?.name ?? "none"}`);
            }}
          >
            <option value="">No team</option>
            {(teams.data ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
            {c.team && !teams.data?.some((t) => t.id === c.team?.id) && <option value={c.team.id}>{c.team.name}</option>}
          </select>
        </div>
      </div>

      <div className="inbox-controls-row">
        <form className="inbox-tags" onSubmit={addTag} aria-label="Tags">
          <span className="inbox-tags-label" id={`${id}-tags`}>
            Tags
          </span>
          <ul className="badge-list" aria-labelledby={`${id}-tags`}>
            {c.tags.length === 0 && <li className="muted">None</li>}
            {c.tags.map((t) => (
              <li key={t} className="badge badge-mono inbox-tag">
                #{t}
                <button
                  type="button"
                  className="inbox-tag-remove"
                  aria-label={`Remove tag ${t}`}
                  disabled={busy}
                  onClick={() => onChange({ tags: c.tags.filter((x) => x !== t) }, `Removed #${t}`)}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
          <label htmlFor={`${id}-tag`} className="sr-only">
            New tag
          </label>
          <input
            id={`${id}-tag`}
            className="input input-compact inbox-tag-input"
            placeholder="Add a tag"
            maxLength={50}
            value={tag}
            onChange={(e) => setTag(e.target.value)}
          />
          <button type="submit" className="button button-small" disabled={busy || !tag.trim()}>
            Add
          </button>
        </form>
      </div>

      <form className="inbox-snooze" onSubmit={snooze}>
        <div className="field">
          <label htmlFor={`${id}-snooze`}>Snooze until</label>
          <input
            id={`${id}-snooze`}
            type="datetime-local"
            className="input input-compact"
            min={toLocalInput(new Date())}
            value={snoozeAt}
            onChange={(e) => setSnoozeAt(e.target.value)}
            required
          />
        </div>
        <div className="inbox-snooze-presets">
          {snoozePresets().map((p) => (
            <button key={p.label} type="button" className="button button-small" onClick={() => setSnoozeAt(toLocalInput(p.at))}>
              {p.label}
            </button>
          ))}
        </div>
        <button type="submit" className="button button-small" disabled={busy || !snoozeAt}>
          Snooze
        </button>
        {c.status === "snoozed" && c.snoozedUntil && (
          <p className="field-hint">
            Snoozed until <Time iso={c.snoozedUntil} />; it comes back on its own then, or when the contact writes again.
          </p>
        )}
      </form>
    </div>
  );
}

/** What a person without inbox.work sees instead of the controls. */
export function ConversationFacts({ conversation: c }: { conversation: ConversationSummary }) {
  return (
    <dl className="inbox-facts">
      <div>
        <dt>Status</dt>
        <dd>
          {STATUS_LABELS[c.status] ?? c.status}
          {c.status === "snoozed" && c.snoozedUntil && (
            <>
              {" "}
              until <Time iso={c.snoozedUntil} />
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>Priority</dt>
        <dd>{PRIORITY_LABELS[c.priority] ?? c.priority}</dd>
      </div>
      <div>
        <dt>Assignee</dt>
        <dd>{c.assignee?.name ?? "Nobody"}</dd>
      </div>
      <div>
        <dt>Team</dt>
        <dd>{c.team?.name ?? "None"}</dd>
      </div>
      <div>
        <dt>Tags</dt>
        <dd>{c.tags.length ? c.tags.map((t) => `#${t}`).join(" ") : "None"}</dd>
      </div>
    </dl>
  );
}
