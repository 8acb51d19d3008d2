import { useCallback } from "react";
import type { User } from "../../api/types.js";

/** Offboardings name people by id only; look the names up in the user list. */
export function useUserNames(users: User[] | undefined): (id: string) => string | undefined {
  return useCallback((id: string) => users?.find((u) => u.id === id)?.name, [users]);
}
