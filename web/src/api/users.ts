import { api } from "./client.js";
import type { Role, RolesCatalogue, User } from "./types.js";

/** The list's filters; "" means "any". */
export interface UserFilters {
  q: string;
  role: Role | "";
  status: "active" | "disabled" | "";
}

export interface NewUser {
  email: string;
  name: string;
  roles: Role[];
  password?: string;
}

export interface UserChanges {
  email?: string;
  name?: string;
  roles?: Role[];
  disabled?: boolean;
}

export const usersKey = ["users"] as const;
export const rolesKey = ["roles"] as const;

export const fetchRoles = () => api<RolesCatalogue>("GET", "/api/roles");

export const fetchUsers = (filters: Partial<UserFilters> = {}) =>
  api<{ users: User[] }>("GET", "/api/users", { query: { ...filters } }).then((r) => r.users);

export const createUser = (input: NewUser) => api<User>("POST", "/api/users", { body: input });

export const updateUser = (id: string, changes: UserChanges) =>
  api<User>("PATCH", `/api/users/${encodeURIComponent(id)}`, { body: changes });

export const setUserPassword = (id: string, password: string) =>
  api<void>("POST", `/api/users/${encodeURIComponent(id)}/password`, { body: { password } });
