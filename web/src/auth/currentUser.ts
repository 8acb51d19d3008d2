import { useQuery } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import { fetchMe, meKey } from "../api/auth.js";
import type { Me, Permission } from "../api/types.js";

export const useMeQuery = () => useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 60_000 });

export const CurrentUserContext = createContext<Me | null>(null);

/** The signed-in person; only for components rendered inside RequireAuth. */
export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error("useCurrentUser() used outside RequireAuth");
  return me;
}

export function useCan(permission: Permission): boolean {
  return useCurrentUser().permissions.includes(permission);
}
