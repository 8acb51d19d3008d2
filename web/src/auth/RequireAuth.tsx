import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { CurrentUserContext, useMeQuery } from "./currentUser.js";

/** Renders its children for a signed-in person; everyone else goes to /login and comes back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMeQuery();
  const location = useLocation();
  if (me.isPending) {
    return (
      <p className="boot-status" role="status">
        Loading Switchboard…
      </p>
    );
  }
  if (me.isError) {
    return (
      <main className="boot-status">
        <ErrorMessage error={me.error} title="Switchboard could not load" />
        <button type="button" className="button" onClick={() => void me.refetch()}>
          Try again
        </button>
      </main>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    const to = next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  return <CurrentUserContext.Provider value={me.data}>{children}</CurrentUserContext.Provider>;
}
