export function RoleBadges({ roles, empty = "No roles" }: { roles: readonly string[]; empty?: string }) {
  if (roles.length === 0) return <span className="muted">{empty}</span>;
  return (
    <ul className="badge-list">
      {roles.map((role) => (
        <li key={role} className="badge">
          {role}
        </li>
      ))}
    </ul>
  );
}
