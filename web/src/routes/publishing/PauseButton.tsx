import { useState } from "react";
import { useCan } from "../../auth/currentUser.js";
import { PauseDialog } from "./PauseDialog.js";

/** Opens the kill switch, for those who may pause publishing (admins and social leads). */
export function PauseButton() {
  const canPause = useCan("publishing.pause");
  const [open, setOpen] = useState(false);
  if (!canPause) return null;
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Pause publishing…
      </button>
      {open && <PauseDialog onClose={() => setOpen(false)} />}
    </>
  );
}
