import type { PublishPause } from "../../api/pauses.js";
import type { Post } from "../../api/posts.js";
import { pausesHolding, scopeText, usePauses } from "./pauses.js";

/** "Held" beside a post's status while a pause in force covers it; says which pause in its title. */
export function HeldBadge({ post }: { post: Post }) {
  const pauses = usePauses();
  const holding: PublishPause[] = pausesHolding(post, pauses.data?.inForce ?? []);
  if (holding.length === 0) return null;
  const why = holding.map((p) => `${scopeText(p)} paused: ${p.reason}`).join("; ");
  return (
    <span className="badge badge-held" title={why}>
      Held<span className="sr-only"> ({why})</span>
    </span>
  );
}
