import { useId } from "react";
import type { PostFilters as Filters, PostStatus } from "../../api/posts.js";
import type { AccountSummary } from "../../api/types.js";
import { POST_STATUS_LABELS } from "./labels.js";

interface PostFiltersProps {
  filters: Filters;
  channels: AccountSummary[];
  onChange: (filters: Filters) => void;
}

export function PostFilters({ filters, channels, onChange }: PostFiltersProps) {
  const id = useId();
  return (
    <search className="filters">
      <div className="field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          className="input"
          value={filters.status}
          onChange={(e) => onChange({ ...filters, status: e.target.value as PostStatus | "" })}
        >
          <option value="">Any status</option>
          {(Object.keys(POST_STATUS_LABELS) as PostStatus[]).map((s) => (
            <option key={s} value={s}>
              {POST_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor={`${id}-channel`}>Channel</label>
        <select
          id={`${id}-channel`}
          className="input"
          value={filters.accountId}
          onChange={(e) => onChange({ ...filters, accountId: e.target.value })}
        >
          <option value="">All channels</option>
          {channels.map((c) => (
            <option key={c.id} value={c.id}>
              {c.networkName} · {c.handle}
            </option>
          ))}
          {filters.accountId && !channels.some((c) => c.id === filters.accountId) && (
            <option value={filters.accountId}>(not a channel)</option>
          )}
        </select>
      </div>
    </search>
  );
}
