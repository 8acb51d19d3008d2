import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { type AccountFilters as Filters, fetchNetworks, networksKey } from "../../api/accounts.js";
import { fetchTeams, teamsKey } from "../../api/teams.js";
import type { AccountStatus, HealthLevel } from "../../api/types.js";
import { fetchUsers, usersKey } from "../../api/users.js";
import { useDebouncedValue } from "../../lib/useDebouncedValue.js";
import { HEALTH_LABELS, STATUS_LABELS } from "./labels.js";

interface AccountFiltersProps {
  filters: Filters;
  onChange: (filters: Filters) => void;
}

export function AccountFilters({ filters, onChange }: AccountFiltersProps) {
  const id = useId();
  const networks = useQuery({ queryKey: networksKey, queryFn: fetchNetworks, staleTime: Number.POSITIVE_INFINITY });
  const users = useQuery({ queryKey: [...usersKey, {}], queryFn: () => fetchUsers() });
  const teams = useQuery({ queryKey: teamsKey, queryFn: fetchTeams });
  const [q, setQ] = useState(filters.q);
  const settledQ = useDebouncedValue(q);

  // "Clear filters" (or Back) changes the URL: show what it now says.
  useEffect(() => setQ(filters.q), [filters.q]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only the settled search text should trigger this
  useEffect(() => {
    if (settledQ !== filters.q) onChange({ ...filters, q: settledQ });
  }, [settledQ]);

  const select = (key: keyof Filters, label: string, all: string, options: { value: string; label: string }[], loaded = true) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} className="input" value={filters[key]} onChange={(e) => onChange({ ...filters, [key]: e.target.value })}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {/* A filter from the URL stays selectable before (or without) its list. */}
        {filters[key] && !options.some((o) => o.value === filters[key]) && (
          <option value={filters[key]}>{loaded ? "(no longer exists)" : "Loading…"}</option>
        )}
      </select>
    </div>
  );

  return (
    <search className="filters filters-dense">
      <div className="field field-grow">
        <label htmlFor={`${id}-q`}>Search</label>
        <input
          id={`${id}-q`}
          className="input"
          type="search"
          placeholder="Handle, name or purpose"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      {select(
        "network",
        "Network",
        "All networks",
        (networks.data ?? []).map((n) => ({ value: n.id, label: n.name })),
        !networks.isPending,
      )}
      {select(
        "status",
        "Status",
        "Any status",
        (Object.keys(STATUS_LABELS) as AccountStatus[]).map((s) => ({ value: s, label: STATUS_LABELS[s] })),
      )}
      {select(
        "health",
        "Health",
        "Any health",
        (Object.keys(HEALTH_LABELS) as HealthLevel[]).map((h) => ({ value: h, label: HEALTH_LABELS[h] })),
      )}
      {select(
        "ownerId",
        "Owner",
        "Anyone",
        (users.data ?? []).map((u) => ({ value: u.id, label: u.disabled ? `${u.name} (disabled)` : u.name })),
        !users.isPending,
      )}
      {select(
        "teamId",
        "Team",
        "Any team",
        (teams.data ?? []).map((t) => ({ value: t.id, label: t.name })),
        !teams.isPending,
      )}
    </search>
  );
}
