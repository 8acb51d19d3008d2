import { useState } from "react";
import type { PublishPause } from "../../api/pauses.js";
import { useCan } from "../../auth/currentUser.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Time } from "../../components/Time.js";
import { scopeText, usePauses } from "./pauses.js";
import { ResumeDialog } from "./ResumeDialog.js";
import "./pause.css";

/**
 * On every publishing page while anything is paused: what, why, who and since when; Resume for those
 * who may. Nothing at all while publishing runs normally.
 */
export function PauseBanner() {
  const canPause = useCan("publishing.pause");
  const pauses = usePauses();
  const [resuming, setResuming] = useState<PublishPause>();
  const inForce = pauses.data?.inForce ?? [];
  if (pauses.error) return <ErrorMessage error={pauses.error} title="Whether publishing is paused could not be checked" />;
  if (inForce.length === 0) return null;
  return (
    <section className="pause-banner" aria-labelledby="pause-banner-title">
      <h2 id="pause-banner-title" className="pause-banner-title">
        {inForce.some((p) => p.scope === "all") ? "Publishing is paused" : "Publishing is partly paused"}
      </h2>
      <p className="pause-banner-intro">Posts that fall due in a paused scope are held: not sent, not marked missed, until resumed.</p>
      <ul className="pause-list">
        {inForce.map((pause) => (
          <li key={pause.id} className="pause-item">
            <div className="pause-item-text">
              <p className="pause-scope">{scopeText(pause)}</p>
              <p className="pause-reason">“{pause.reason}”</p>
              <p className="pause-meta">
                Paused by {pause.pausedBy?.name ?? "a deleted user"} since <Time iso={pause.pausedAt} />
                {pause.held && pause.held.due > 0 && ` · holding ${pause.held.due === 1 ? "1 post" : `${pause.held.due} posts`}`}
              </p>
            </div>
            {canPause && (
              <button type="button" className="button button-small" onClick={() => setResuming(pause)}>
                Resume<span className="sr-only"> {scopeText(pause)}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {resuming && (
        <ResumeDialog pause={resuming} missedAfterMinutes={pauses.data?.missedAfterMinutes ?? 60} onClose={() => setResuming(undefined)} />
      )}
    </section>
  );
}
