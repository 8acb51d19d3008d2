import type { Team } from "../../api/types.js";

interface TeamCardProps {
  team: Team;
  canManage: boolean;
  onEdit: () => void;
  onDelete: () => void;
}

export function TeamCard({ team, canManage, onEdit, onDelete }: TeamCardProps) {
  const headingId = `team-${team.id}`;
  return (
    <li className="card team-card">
      <div className="team-card-header">
        <div>
          <h2 id={headingId}>{team.name}</h2>
          {team.description && <p className="muted">{team.description}</p>}
        </div>
        {canManage && (
          <div className="row-actions">
            <button type="button" className="button button-small" aria-label={`Edit team ${team.name}`} onClick={onEdit}>
              Edit
            </button>
            <button
              type="button"
              className="button button-small button-danger-quiet"
              aria-label={`Delete team ${team.name}`}
              onClick={onDelete}
            >
              Delete
            </button>
          </div>
        )}
      </div>
      <p className="team-count">{team.members.length === 1 ? "1 member" : `${team.members.length} members`}</p>
      {team.members.length > 0 ? (
        <ul className="member-list">
          {team.members.map((member) => (
            <li key={member.userId}>
              <span className="person-name">{member.name}</span>
              <span className="person-email">{member.email}</span>
              {member.role === "lead" && <span className="badge badge-accent">lead</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nobody is in this team yet.</p>
      )}
    </li>
  );
}
