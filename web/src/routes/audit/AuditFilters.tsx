import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { auditActionsKey, fetchAuditActions } from "../../api/audit.js";
import { useDebouncedValue } from "../../lib/useDebouncedValue.js";

/** What the URL holds: dates as YYYY-MM-DD, as the date inputs give them. */
export interface AuditFilterValues {
  action: string;
  q: string;
  from: string;
  to: string;
}

export const NO_AUDIT_FILTERS: AuditFilterValues = { action: "", q: "", from: "", to: "" };

/** "user.created" → "user.": one option per area matches all of its actions. */
const prefixesOf = (actions: string[]) => [...new Set(actions.filter((a) => a.includes(".")).map((a) => `${a.split(".")[0]}.`))];

export function AuditFilters({ filters, onChange }: { filters: AuditFilterValues; onChange: (next: AuditFilterValues) => void }) {
  const id = useId();
  const actions = useQuery({ queryKey: auditActionsKey, queryFn: fetchAuditActions });
  const [q, setQ] = useState(filters.q);
  const settledQ = useDebouncedValue(q);

  useEffect(() => setQ(filters.q), [filters.q]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the settled search text should trigger this
  useEffect(() => {
    if (settledQ !== filters.q) onChange({ ...filters, q: settledQ });
  }, [settledQ]);

  const known = actions.data ?? [];
  // Keep a filter from the URL selectable even before (or without) the list of actions.
  const exact = filters.action && !filters.action.endsWith(".") && !known.includes(filters.action) ? [...known, filters.action] : known;

  return (
    <search className="filters">
      <div className="field">
        <label htmlFor={`${id}-action`}>Action</label>
        <select
          id={`${id}-action`}
          className="input"
          value={filters.action}
          onChange={(e) => onChange({ ...filters, action: e.target.value })}
        >
          <option value="">All actions</option>
          <optgroup label="By area">
            {prefixesOf(exact).map((prefix) => (
              <option key={prefix} value={prefix}>
                All {prefix.slice(0, -1)} actions
              </option>
            ))}
          </optgroup>
          <optgroup label="Actions">
            {exact.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor={`${id}-q`}>Search</label>
        <input
          id={`${id}-q`}
          className="input"
          type="search"
          placeholder="Summary or actor"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          className="input"
          type="date"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(e) => onChange({ ...filters, from: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          className="input"
          type="date"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(e) => onChange({ ...filters, to: e.target.value })}
        />
      </div>
    </search>
  );
}
