import { useState } from "react";
import type { ContactDetail } from "../../api/inbox.js";
import type { Network } from "../../api/types.js";
import { useCan } from "../../auth/currentUser.js";
import { atHandle, networkLabel, StatusBadge } from "./labels.js";
import { MergeContactDialog } from "./MergeContactDialog.js";
import { RelativeTime } from "./RelativeTime.js";

/** Who wrote: their accounts on each network, and their other conversations. */
export function ContactPanel({
  contact,
  networks,
  now,
  onOpen,
}: {
  contact: ContactDetail | null;
  networks: readonly Network[];
  now: number;
  onOpen: (id: string) => void;
}) {
  const canMerge = useCan("inbox.work");
  const [merging, setMerging] = useState(false);
  return (
    <aside className="inbox-contact" aria-labelledby="inbox-contact-heading">
      <div className="inbox-contact-header">
        <h3 id="inbox-contact-heading">Contact</h3>
        {contact && canMerge && (
          <button type="button" className="button button-small" onClick={() => setMerging(true)}>
            Merge with…
          </button>
        )}
      </div>
      {merging && contact && <MergeContactDialog contact={contact} networks={networks} onClose={() => setMerging(false)} />}
      {!contact && <p className="muted">No contact is known for this conversation.</p>}
      {contact && (
        <>
          <p className="inbox-contact-name">{contact.displayName || "Unnamed contact"}</p>
          <ul className="inbox-identities" aria-label="Accounts">
            {contact.identities.map((identity) => (
              <li key={`${identity.network}:${identity.externalId}`}>
                <span className="muted">{networkLabel(networks, identity.network)}</span>{" "}
                <span className="break-anywhere">{identity.handle ? atHandle(identity.handle) : identity.externalId}</span>
              </li>
            ))}
          </ul>
          <h4 className="inbox-contact-subheading">Other conversations</h4>
          {contact.history.length === 0 ? (
            <p className="muted">None before this one.</p>
          ) : (
            <ul className="inbox-history">
              {contact.history.map((h) => (
                <li key={h.id}>
                  <button type="button" className="link-button" onClick={() => onOpen(h.id)}>
                    {h.subject || "(no subject)"}
                  </button>
                  <span className="inbox-history-meta">
                    <StatusBadge status={h.status} /> <RelativeTime iso={h.lastMessageAt} now={now} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </aside>
  );
}
