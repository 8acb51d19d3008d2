import { useEffect, useRef } from "react";
import { useBlocker } from "react-router";
import { ConfirmDialog } from "./ConfirmDialog.js";

/**
 * While `when` holds (there are changes not saved), leaving the page asks first: the browser's own
 * question for closing or reloading the tab, and this dialog for a link followed inside the app.
 */
export function UnsavedChangesGuard({ when, what }: { when: boolean; what: string }) {
  useEffect(() => {
    if (!when) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [when]);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname);
  const leaving = useRef(false);
  if (blocker.state !== "blocked") return null;
  return (
    <ConfirmDialog
      title="Leave without saving?"
      confirmLabel="Leave without saving"
      danger
      pending={false}
      error={null}
      onClose={() => {
        if (!leaving.current) blocker.reset();
      }}
      onConfirm={async () => {
        leaving.current = true;
        blocker.proceed();
      }}
    >
      <p>Your changes to {what} are not saved. They are lost if you leave this page now.</p>
    </ConfirmDialog>
  );
}
