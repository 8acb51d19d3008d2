import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { type UserFilters as Filters, fetchRoles, rolesKey } from "../../api/users.js";
import { useDebouncedValue } from "../../lib/useDebouncedValue.js";

interface UserFiltersProps {
  filters: Filters;
  onChange: (filters: Filters) => void;
}

export function UserFilters({ filters, onChange }: UserFiltersProps) {
  const id = useId();
  const roles = useQuery({ queryKey: rolesKey, queryFn: fetchRoles, staleTime: Number.POSITIVE_INFINITY });
  const [q, setQ] = useState(filters.q);
  const settledQ = useDebouncedValue(q);

  // "Clear filters" (or Back) changes the URL: show what it now says.
  useEffect(() => setQ(filters.q), [filters.q]);

  // Typing updates the URL (and the list) once the person pauses.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the settled search text should trigger this
  useEffect(() => {
    if (settledQ !== filters.q) onChange({ ...filters, q: settledQ });
  }, [settledQ]);

  return (
    <search className="filters">
      <div className="field field-grow">
        <label htmlFor={`${id}-q`}>Search</label>
        <input
          id={`${id}-q`}
          className="input"
          type="search"
          placeholder="Name or email"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>Role</label>
        <select
          id={`${id}-role`}
          className="input"
          value={filters.role}
          onChange={(e) => onChange({ ...filters, role: e.target.value as Filters["role"] })}
        >
          <option value="">All roles</option>
          {roles.data?.roles.map(({ role }) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          className="input"
          value={filters.status}
          onChange={(e) => onChange({ ...filters, status: e.target.value as Filters["status"] })}
        >
          <option value="">Any status</option>
          <option value="active">Active</option>
          <option value="disabled">Disabled</option>
        </select>
      </div>
    </search>
  );
}
