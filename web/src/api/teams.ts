import { api } from "./client.js";
import type { Team, TeamMemberRole } from "./types.js";

export interface TeamInput {
  name: string;
  description: string;
  members: { userId: string; role: TeamMemberRole }[];
}

export const teamsKey = ["teams"] as const;

export const fetchTeams = () => api<{ teams: Team[] }>("GET", "/api/teams").then((r) => r.teams);

export const createTeam = (input: TeamInput) => api<Team>("POST", "/api/teams", { body: input });

export const updateTeam = (id: string, input: Partial<TeamInput>) =>
  api<Team>("PATCH", `/api/teams/${encodeURIComponent(id)}`, { body: input });

export const deleteTeam = (id: string) => api<void>("DELETE", `/api/teams/${encodeURIComponent(id)}`);
