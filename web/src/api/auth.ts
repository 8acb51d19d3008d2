import { ApiError, api } from "./client.js";
import type { Me } from "./types.js";

export const meKey = ["me"] as const;
export const setupStatusKey = ["setup-status"] as const;

/** The signed-in person, or null when nobody is (a 401 is an answer here, not an error). */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api<Me>("GET", "/api/me");
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export const login = (email: string, password: string) => api<Me>("POST", "/api/auth/login", { body: { email, password } });

export const logout = () => api<void>("POST", "/api/auth/logout");

export const fetchSetupStatus = () => api<{ needed: boolean }>("GET", "/api/setup");

export const completeSetup = (input: { token: string; email: string; name: string; password: string }) =>
  api<Me>("POST", "/api/setup", { body: input });

export const changeOwnPassword = (currentPassword: string, newPassword: string) =>
  api<void>("POST", "/api/me/password", { body: { currentPassword, newPassword } });
