import type { User } from "../../api/types.js";
import { RoleBadges } from "../../components/RoleBadges.js";

interface UsersTableProps {
  users: User[];
  currentUserId: string;
  canManage: boolean;
  onEdit: (user: User) => void;
  onSetPassword: (user: User) => void;
  onToggleDisabled: (user: User) => void;
  onOffboard: (user: User) => void;
}

export function UsersTable({ users, currentUserId, canManage, onEdit, onSetPassword, onToggleDisabled, onOffboard }: UsersTableProps) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">Users</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Roles</th>
            <th scope="col">Teams</th>
            <th scope="col">Status</th>
            {canManage && (
              <th scope="col" className="cell-actions">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row" className="cell-person">
                <span className="person-name">
                  {user.name}
                  {user.id === currentUserId && <span className="muted"> (you)</span>}
                </span>
                <span className="person-email">{user.email}</span>
              </th>
              <td>
                <RoleBadges roles={user.roles} />
              </td>
              <td>{user.teams.length ? user.teams.map((t) => t.name).join(", ") : <span className="muted">—</span>}</td>
              <td>
                <span className={user.disabled ? "status status-off" : "status status-on"}>{user.disabled ? "Disabled" : "Active"}</span>
                {!user.hasPassword && <span className="status-note">No password</span>}
              </td>
              {canManage && (
                <td className="cell-actions">
                  <div className="row-actions">
                    <button type="button" className="button button-small" aria-label={`Edit ${user.name}`} onClick={() => onEdit(user)}>
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Set password for ${user.name}`}
                      onClick={() => onSetPassword(user)}
                    >
                      Set password
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.name}`}
                      onClick={() => onToggleDisabled(user)}
                    >
                      {user.disabled ? "Enable" : "Disable"}
                    </button>
                    {user.id !== currentUserId && (
                      <button
                        type="button"
                        className="button button-small button-danger-quiet"
                        aria-label={`Offboard ${user.name}`}
                        onClick={() => onOffboard(user)}
                      >
                        Offboard
                      </button>
                    )}
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
