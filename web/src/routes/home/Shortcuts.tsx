import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import type { Permission } from "../../api/types.js";
import { useCurrentUser } from "../../auth/currentUser.js";
import { fetchQueue, requestKeys } from "../requests/requestsApi.js";

interface Shortcut {
  to: string;
  label: string;
  permission: Permission;
  hint: string;
}

const SHORTCUTS: Shortcut[] = [
  { to: "/helpdesk/queue", label: "Request queues", permission: "requests.work", hint: "Help desk requests to answer" },
  { to: "/inbox", label: "Inbox", permission: "inbox.read", hint: "Messages from every channel" },
  { to: "/inbox/approvals", label: "Replies to approve", permission: "inbox.manage", hint: "Replies waiting for a lead" },
  { to: "/reports", label: "Reports", permission: "requests.manage", hint: "Requests, SLAs, deflection, training, policy" },
  { to: "/attestation/manage", label: "Policy acknowledgments", permission: "attestation.manage", hint: "Who has not accepted the policy" },
  { to: "/advocacy/manage", label: "Curate content to share", permission: "advocacy.manage", hint: "What employees may share" },
  { to: "/kb/new", label: "Write an article", permission: "kb.manage", hint: "Answer a question once, for everyone" },
];

/** Leads, agents and admins: one click to the queues and tools they work every day. Hidden for everyone else. */
export function Shortcuts() {
  const { permissions } = useCurrentUser();
  const canWork = permissions.includes("requests.work");
  const queue = useQuery({
    queryKey: requestKeys.queue({ status: "active", limit: "200" }),
    queryFn: () => fetchQueue({ status: "active", limit: "200" }),
    enabled: canWork,
  });
  const mine = SHORTCUTS.filter((s) => permissions.includes(s.permission));
  if (mine.length === 0) return null;
  const active = queue.data?.length;
  const unassigned = queue.data?.filter((r) => r.assignee === null).length;
  return (
    <section className="section" aria-labelledby="home-shortcuts">
      <h2 id="home-shortcuts">Your queues and tools</h2>
      <ul className="home-shortcuts">
        {mine.map((s) => (
          <li key={s.to}>
            <Link to={s.to} className="home-shortcut">
              <span className="home-shortcut-label">{s.label}</span>
              <span className="muted">
                {s.to === "/helpdesk/queue" && active !== undefined
                  ? `${active === 200 ? "200+" : active} active, ${unassigned} unassigned`
                  : s.hint}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
