import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef } from "react";
import { useCurrentUser } from "../../auth/currentUser.js";
import { agentsKey, fetchAgents, PRESENCE_LABELS, type Presence, reportActivity, setPresence } from "./queueApi.js";

/** How often the page tells the server whether its person is active (the server marks them away after 10 min). */
const HEARTBEAT_MS = 60_000;

/**
 * While the inbox is open, report about once a minute whether the person used it lately (a key,
 * a click, a scroll): it keeps an available agent available, and brings one made away by inactivity back.
 */
function useActivityHeartbeat(enabled: boolean, onBack: () => void) {
  const lastActivity = useRef(Date.now());
  useEffect(() => {
    if (!enabled) return;
    const mark = () => {
      lastActivity.current = Date.now();
    };
    const events = ["keydown", "pointerdown", "wheel", "focus"] as const;
    for (const e of events) window.addEventListener(e, mark, { passive: true });
    const timer = window.setInterval(() => {
      const active = document.visibilityState === "visible" && Date.now() - lastActivity.current < HEARTBEAT_MS * 2;
      if (active) void reportActivity(true).then(onBack, () => undefined);
    }, HEARTBEAT_MS);
    return () => {
      for (const e of events) window.removeEventListener(e, mark);
      window.clearInterval(timer);
    };
  }, [enabled, onBack]);
}

/** The agent's own presence: whether auto-assignment hands them new conversations. */
export function PresenceControl() {
  const id = useId();
  const { user } = useCurrentUser();
  const queryClient = useQueryClient();
  const agents = useQuery({ queryKey: agentsKey, queryFn: () => fetchAgents(), refetchInterval: 60_000 });
  const me = agents.data?.find((a) => a.id === user.id);
  const refresh = useRef(() => void queryClient.invalidateQueries({ queryKey: agentsKey }));
  useActivityHeartbeat(Boolean(me && me.presence !== "offline"), refresh.current);
  const change = useMutation({
    mutationFn: (presence: Presence) => setPresence(presence),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agentsKey }),
  });
  if (!me) return null;
  const presence = change.isPending && change.variables ? change.variables : me.presence;
  return (
    <span className="inbox-presence">
      <span className="inbox-presence-dot" data-presence={presence} aria-hidden="true" />
      <label htmlFor={`${id}-presence`} className="sr-only">
        Your presence
      </label>
      <select
        id={`${id}-presence`}
        className="input input-compact"
        value={presence}
        disabled={change.isPending}
        title={me.presenceAuto ? "Away after 10 minutes without activity; working in the inbox makes you available again" : undefined}
        onChange={(e) => change.mutate(e.target.value as Presence)}
      >
        {(Object.keys(PRESENCE_LABELS) as Presence[]).map((p) => (
          <option key={p} value={p}>
            {PRESENCE_LABELS[p]}
            {p === "away" && me.presenceAuto ? " (inactive)" : ""}
          </option>
        ))}
      </select>
      <span className="muted inbox-load" title="Open conversations assigned to you, of your capacity">
        {me.load}/{me.capacity} open
      </span>
    </span>
  );
}
