import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import type { Role } from "../../api/types.js";
import { fetchRoles, rolesKey } from "../../api/users.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";

/** One checkbox per role, each with what the role is for (from GET /api/roles). */
export function RoleCheckboxes({ value, onChange }: { value: Role[]; onChange: (roles: Role[]) => void }) {
  const id = useId();
  const roles = useQuery({ queryKey: rolesKey, queryFn: fetchRoles, staleTime: Number.POSITIVE_INFINITY });
  const toggle = (role: Role, checked: boolean) => onChange(checked ? [...value, role] : value.filter((r) => r !== role));
  return (
    <fieldset className="fieldset">
      <legend>Roles</legend>
      {roles.isPending && <Loading label="Loading roles…" />}
      <ErrorMessage error={roles.error} />
      <div className="checkbox-list">
        {roles.data?.roles.map(({ role, description }) => (
          <div key={role} className="checkbox">
            <input
              id={`${id}-${role}`}
              type="checkbox"
              aria-describedby={`${id}-${role}-hint`}
              checked={value.includes(role)}
              onChange={(e) => toggle(role, e.target.checked)}
            />
            <div>
              <label htmlFor={`${id}-${role}`} className="checkbox-label">
                {role}
              </label>
              <span id={`${id}-${role}-hint`} className="checkbox-hint">
                {description}
              </span>
            </div>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
