import { useQuery } from "@tanstack/react-query";
import { useCurrentUser } from "../../auth/currentUser.js";
import { conversationHeldKey, fetchConversationHeld } from "./queueApi.js";

/** The conversation's replies waiting for a lead's approval, or sent back with the lead's comment. */
export function HeldReplies({ conversationId }: { conversationId: string }) {
  const held = useQuery({
    queryKey: conversationHeldKey(conversationId),
    queryFn: () => fetchConversationHeld(conversationId),
    refetchInterval: 30_000,
  });
  const { user } = useCurrentUser();
  const items = held.data ?? [];
  if (items.length === 0) return null;
  return (
    <ul className="inbox-held-list" aria-label="Replies held for approval">
      {items.map((h) => (
        <li key={h.id} className="inbox-held" data-status={h.status}>
          <strong>
            {h.status === "returned"
              ? `Sent back by ${h.decidedBy?.name ?? "a lead"}`
              : `Waiting for a lead's approval${h.author ? ` (written by ${h.author.id === user.id ? "you" : h.author.name})` : ""}`}
          </strong>
          <p>{h.text}</p>
          {h.comment && (
            <p>
              <em>“{h.comment}”</em>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
