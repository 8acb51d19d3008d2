import { Time } from "../../components/Time.js";
import type { Certification } from "./trainingApi.js";

/** A certificate's state in words: valid until, renew by, or expired on. */
export function CertificateBadge({ certification }: { certification: Certification | null }) {
  if (!certification) return <span className="badge badge-quiet">Not certified</span>;
  if (certification.status === "expired")
    return (
      <span className="badge badge-danger">
        Expired <Time iso={certification.expiresAt} date />
      </span>
    );
  if (certification.status === "renew")
    return (
      <span className="badge badge-accent">
        Renew by <Time iso={certification.expiresAt} date />
      </span>
    );
  return (
    <span className="badge badge-ok">
      Certified
      {certification.expiresAt ? (
        <>
          {" "}
          until <Time iso={certification.expiresAt} date />
        </>
      ) : null}
    </span>
  );
}

export function Progress({ done, total, label }: { done: number; total: number; label: string }) {
  return (
    <div className="training-progress">
      <progress max={Math.max(total, 1)} value={done} aria-label={label} />
      <span className="muted">
        {done} of {total} lessons read
      </span>
    </div>
  );
}

export const PERMISSION_LABELS: Record<string, string> = {
  "posts.write": "compose, schedule and publish posts",
  "posts.review": "review posts",
  "inbox.work": "answer in the inbox",
  "accounts.manage": "manage accounts",
};
