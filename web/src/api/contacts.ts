import { api } from "./client.js";

export interface ContactMatch {
  id: string;
  displayName: string;
  identities: { network: string; externalId: string; handle: string | null }[];
  conversations: number;
}

export const searchContacts = (q: string, excludeId: string, signal?: AbortSignal) =>
  api<{ items: ContactMatch[] }>("GET", "/api/inbox/contacts", { query: { q, excludeId, limit: 8 }, ...(signal ? { signal } : {}) }).then(
    (r) => r.items,
  );

/** Merges `sourceId` into `intoId`: the source's accounts, conversations and messages move there. */
export const mergeContact = (sourceId: string, intoId: string) =>
  api<{ id: string }>("POST", `/api/inbox/contacts/${encodeURIComponent(sourceId)}/merge`, { body: { intoId } });
