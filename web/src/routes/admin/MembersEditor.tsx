import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { TeamMemberRole } from "../../api/types.js";
import { fetchUsers, usersKey } from "../../api/users.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";

export interface DraftMember {
  userId: string;
  name: string;
  email: string;
  role: TeamMemberRole;
}

/** The members of a team being edited: change each one's role, remove them, or add someone. */
export function MembersEditor({ members, onChange }: { members: DraftMember[]; onChange: (members: DraftMember[]) => void }) {
  const id = useId();
  const filters = { status: "active" as const };
  const users = useQuery({ queryKey: [...usersKey, filters], queryFn: () => fetchUsers(filters) });
  const [candidate, setCandidate] = useState("");
  const addable = (users.data ?? []).filter((u) => !members.some((m) => m.userId === u.id));

  const add = () => {
    const user = addable.find((u) => u.id === candidate);
    if (!user) return;
    onChange([...members, { userId: user.id, name: user.name, email: user.email, role: "member" }]);
    setCandidate("");
  };
  const setRole = (userId: string, role: TeamMemberRole) => onChange(members.map((m) => (m.userId === userId ? { ...m, role } : m)));
  const remove = (userId: string) => onChange(members.filter((m) => m.userId !== userId));

  return (
    <fieldset className="fieldset">
      <legend>Members</legend>
      {members.length === 0 ? (
        <p className="muted">No members yet. Add people below.</p>
      ) : (
        <ul className="member-editor">
          {members.map((member) => (
            <li key={member.userId}>
              <span className="member-who">
                <span className="person-name">{member.name}</span>
                <span className="person-email">{member.email}</span>
              </span>
              <label className="sr-only" htmlFor={`${id}-${member.userId}`}>
                Team role of {member.name}
              </label>
              <select
                id={`${id}-${member.userId}`}
                className="input input-compact"
                value={member.role}
                onChange={(e) => setRole(member.userId, e.target.value as TeamMemberRole)}
              >
                <option value="member">Member</option>
                <option value="lead">Lead</option>
              </select>
              <button
                type="button"
                className="button button-small"
                aria-label={`Remove ${member.name}`}
                onClick={() => remove(member.userId)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={users.error} />
      <div className="member-add">
        <div className="field field-grow">
          <label htmlFor={`${id}-add`}>Person to add</label>
          <select id={`${id}-add`} className="input" value={candidate} onChange={(e) => setCandidate(e.target.value)}>
            <option value="">{addable.length ? "Choose a person…" : "Everyone is already a member"}</option>
            {addable.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name} ({user.email})
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button" disabled={!candidate} onClick={add}>
          Add member
        </button>
      </div>
    </fieldset>
  );
}
