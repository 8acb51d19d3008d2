import { type RefObject, useId } from "react";
import { INTENTS, PRIORITIES, SENTIMENTS } from "../../api/inbox.js";
import type { AccountSummary, Team } from "../../api/types.js";
import { atHandle, INTENT_LABELS, PRIORITY_LABELS, SENTIMENT_LABELS } from "./labels.js";
import { FILTER_KEYS, type InboxFilters as Filters, type InboxView } from "./views.js";

interface InboxFiltersProps {
  view: InboxView;
  filters: Filters;
  channels: AccountSummary[];
  teams: Team[];
  firstRef: RefObject<HTMLSelectElement | null>;
  onChange: (filters: Filters) => void;
}

/** Channel, sentiment, intent, priority and team on top of the view; what the view decides is fixed. */
export function InboxFilters({ view, filters, channels, teams, firstRef, onChange }: InboxFiltersProps) {
  const id = useId();
  const fixed = (key: keyof Filters) => view.fixes?.includes(key) ?? false;
  const shown = (key: keyof Filters) => (fixed(key) ? "" : filters[key]);
  const set = (key: keyof Filters, value: string) => onChange({ ...filters, [key]: value });
  const active = FILTER_KEYS.some((key) => shown(key));
  const fixedHint = `Set by the ${view.title} view`;

  return (
    <search className="filters inbox-filters" aria-label="Filter conversations">
      <div className="field field-grow">
        <label htmlFor={`${id}-channel`}>Channel</label>
        <select
          ref={firstRef}
          id={`${id}-channel`}
          className="input input-compact"
          value={filters.accountId}
          onChange={(e) => set("accountId", e.target.value)}
        >
          <option value="">All channels</option>
          {channels.map((c) => (
            <option key={c.id} value={c.id}>
              {c.networkName} · {atHandle(c.handle)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-sentiment`}>Sentiment</label>
        <select
          id={`${id}-sentiment`}
          className="input input-compact"
          value={fixed("sentiment") ? (view.query.sentiment ?? "") : filters.sentiment}
          disabled={fixed("sentiment")}
          title={fixed("sentiment") ? fixedHint : undefined}
          onChange={(e) => set("sentiment", e.target.value)}
        >
          <option value="">Any</option>
          {SENTIMENTS.map((s) => (
            <option key={s} value={s}>
              {SENTIMENT_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-intent`}>Intent</label>
        <select id={`${id}-intent`} className="input input-compact" value={filters.intent} onChange={(e) => set("intent", e.target.value)}>
          <option value="">Any</option>
          {INTENTS.map((i) => (
            <option key={i} value={i}>
              {INTENT_LABELS[i]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-priority`}>Priority</label>
        <select
          id={`${id}-priority`}
          className="input input-compact"
          value={fixed("priority") ? "" : filters.priority}
          disabled={fixed("priority")}
          title={fixed("priority") ? fixedHint : undefined}
          onChange={(e) => set("priority", e.target.value)}
        >
          <option value="">{fixed("priority") ? (view.priorities ?? []).map((p) => PRIORITY_LABELS[p]).join(" or ") : "Any"}</option>
          {!fixed("priority") &&
            [...PRIORITIES].reverse().map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-team`}>Team</label>
        <select id={`${id}-team`} className="input input-compact" value={filters.teamId} onChange={(e) => set("teamId", e.target.value)}>
          <option value="">Any team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      {active && (
        <button
          type="button"
          className="button button-small inbox-clear-filters"
          onClick={() => onChange({ accountId: "", sentiment: "", intent: "", priority: "", teamId: "" })}
        >
          Clear filters
        </button>
      )}
    </search>
  );
}
