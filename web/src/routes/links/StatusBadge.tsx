import type { TrackedLink } from "../../api/links.js";

const LABELS = { active: "Active", expired: "Expired", archived: "Archived" } as const;
const CLASSES = { active: "badge badge-ok", expired: "badge badge-quiet", archived: "badge badge-quiet" } as const;

export function StatusBadge({ link }: { link: Pick<TrackedLink, "status"> }) {
  return <span className={CLASSES[link.status]}>{LABELS[link.status]}</span>;
}
