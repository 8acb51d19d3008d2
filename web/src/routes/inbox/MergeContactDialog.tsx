import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { type ContactMatch, mergeContact, searchContacts } from "../../api/contacts.js";
import { inboxKey } from "../../api/inbox.js";
import type { Network } from "../../api/types.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Modal } from "../../components/Modal.js";
import { TextField } from "../../components/TextField.js";
import { atHandle, networkLabel } from "./labels.js";

/** Waits for typing to pause before searching. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

const accountsOf = (contact: ContactMatch, networks: readonly Network[]) =>
  contact.identities.map((i) => `${networkLabel(networks, i.network)} ${i.handle ? atHandle(i.handle) : i.externalId}`).join(", ");

/**
 * "Merge with…": find the other contact that is the same person, then confirm. The one found is merged into
 * the contact at hand, so this conversation keeps its contact and its history gains the other's.
 */
export function MergeContactDialog({
  contact,
  networks,
  onClose,
}: {
  contact: { id: string; displayName: string | null };
  networks: readonly Network[];
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const [chosen, setChosen] = useState<ContactMatch | null>(null);
  const query = useDebounced(q.trim(), 250);
  const listId = useId();
  const results = useQuery({
    queryKey: [...inboxKey, "contact-search", contact.id, query],
    queryFn: ({ signal }) => searchContacts(query, contact.id, signal),
    enabled: query.length > 0,
  });
  const merge = useMutation({
    mutationFn: (other: ContactMatch) => mergeContact(other.id, contact.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
  const name = contact.displayName || "this contact";

  return (
    <Modal title={`Merge with ${name}`} onClose={onClose} size="small">
      {(close) =>
        chosen ? (
          <>
            <div className="confirm-text">
              <p>
                Merge <strong>{chosen.displayName || "Unnamed contact"}</strong> into <strong>{name}</strong>?
              </p>
              <p className="muted">
                Their accounts ({accountsOf(chosen, networks) || "none"}) and {chosen.conversations}{" "}
                {chosen.conversations === 1 ? "conversation" : "conversations"} move to {name}, and new messages from them arrive here. This
                cannot be undone from the inbox.
              </p>
            </div>
            <ErrorMessage error={merge.error} />
            <div className="form-actions">
              <button type="button" className="button" onClick={() => setChosen(null)} disabled={merge.isPending}>
                Back
              </button>
              <button
                type="button"
                className="button button-primary"
                disabled={merge.isPending}
                onClick={() => merge.mutate(chosen, { onSuccess: close })}
              >
                {merge.isPending ? "Merging…" : "Merge contacts"}
              </button>
            </div>
          </>
        ) : (
          <>
            <TextField
              label="Find the other contact"
              hint="Their name, handle or account id on a network"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              autoComplete="off"
              autoFocus
              aria-controls={listId}
            />
            <div id={listId} aria-live="polite" className="merge-results">
              {query.length === 0 ? null : results.isPending ? (
                <p className="muted">Searching…</p>
              ) : results.isError ? (
                <ErrorMessage error={results.error} />
              ) : results.data.length === 0 ? (
                <p className="muted">No other contact matches “{query}”.</p>
              ) : (
                <ul className="merge-result-list" aria-label="Matching contacts">
                  {results.data.map((c) => (
                    <li key={c.id}>
                      <button type="button" className="merge-result" onClick={() => setChosen(c)}>
                        <span className="merge-result-name">{c.displayName || "Unnamed contact"}</span>
                        <span className="muted">
                          {accountsOf(c, networks)} · {c.conversations} {c.conversations === 1 ? "conversation" : "conversations"}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </>
        )
      }
    </Modal>
  );
}
