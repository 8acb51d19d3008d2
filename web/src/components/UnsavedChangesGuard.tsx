import { createContext, type ReactNode, useCallback, useContext, useEffect, useId, useRef, useState } from "react";
import { useBlocker } from "react-router";
import { ConfirmDialog } from "./ConfirmDialog.js";

/** Router state for a navigation the page makes itself once its changes are saved (or deleted): not asked about. */
export const LEAVING_AFTER_SAVE = { leavingAfterSave: true } as const;

const leavingAfterSave = (state: unknown) =>
  typeof state === "object" && state !== null && (state as Partial<typeof LEAVING_AFTER_SAVE>).leavingAfterSave === true;

/**
 * While `when` holds (there are changes not saved), leaving the page asks first: the browser's own
 * question for closing or reloading the tab, and this dialog for a link followed inside the app.
 * One per page (react-router keeps one blocker at a time): a page whose parts save separately wraps them
 * in an UnsavedChangesScope instead.
 */
export function UnsavedChangesGuard({ when, what }: { when: boolean; what: string }) {
  useEffect(() => {
    if (!when) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [when]);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      when && currentLocation.pathname !== nextLocation.pathname && !leavingAfterSave(nextLocation.state),
  );
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

const Scope = createContext<((part: string, unsaved: boolean) => void) | null>(null);

/** A page whose parts each save on their own: one guard while any of them has changes not saved. */
export function UnsavedChangesScope({ what, children }: { what: string; children: ReactNode }) {
  const [unsavedParts, setUnsavedParts] = useState<ReadonlySet<string>>(() => new Set());
  const report = useCallback((part: string, unsaved: boolean) => {
    setUnsavedParts((parts) => {
      if (parts.has(part) === unsaved) return parts;
      const next = new Set(parts);
      if (unsaved) next.add(part);
      else next.delete(part);
      return next;
    });
  }, []);
  return (
    <Scope.Provider value={report}>
      <UnsavedChangesGuard when={unsavedParts.size > 0} what={what} />
      {children}
    </Scope.Provider>
  );
}

/** Tells the enclosing UnsavedChangesScope (if any) whether this part has changes not saved. */
export function useReportUnsaved(unsaved: boolean) {
  const report = useContext(Scope);
  const part = useId();
  useEffect(() => {
    report?.(part, unsaved);
    return () => report?.(part, false);
  }, [report, part, unsaved]);
}
