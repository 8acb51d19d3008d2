import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { useToast } from "../../components/Toasts.js";
import { fetchLead, type Lead, type LeadFields, leadKey, resendLead, saveLead, unmarkLead } from "./queueApi.js";

const DELIVERY_WORDS: Record<Lead["delivery"]["status"], string> = {
  not_sent: "Not sent to sales (no sales webhook)",
  pending: "Sending to sales…",
  retrying: "Sales did not take it yet; retrying",
  sent: "Sent to sales",
  failed: "Could not be sent to sales",
};

/** Mark the conversation as a sales lead (name, company, email, note): it goes to sales' webhook. */
export function LeadPanel({ conversationId, canWork, contactName }: { conversationId: string; canWork: boolean; contactName: string }) {
  const id = useId();
  const toast = useToast();
  const queryClient = useQueryClient();
  const lead = useQuery({ queryKey: leadKey(conversationId), queryFn: () => fetchLead(conversationId), refetchInterval: 30_000 });
  const [editing, setEditing] = useState<LeadFields | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: leadKey(conversationId) });
  const save = useMutation({
    mutationFn: (fields: LeadFields) => saveLead(conversationId, fields),
    onSuccess: async (saved) => {
      setEditing(null);
      toast(saved.delivery.status === "pending" ? "Marked as a lead and sent to sales" : "Lead saved");
      await refresh();
    },
  });
  const unmark = useMutation({ mutationFn: () => unmarkLead(conversationId), onSuccess: refresh });
  const resend = useMutation({
    mutationFn: () => resendLead(conversationId),
    onSuccess: async () => {
      toast("Sending the lead to sales again");
      await refresh();
    },
  });
  const current = lead.data ?? null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (editing) save.mutate(editing);
  };
  const field = (key: keyof LeadFields, label: string, type = "text") => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {key === "note" ? (
        <textarea
          id={`${id}-${key}`}
          className="input"
          rows={2}
          maxLength={5000}
          value={editing?.[key] ?? ""}
          onChange={(e) => setEditing((f) => (f ? { ...f, [key]: e.target.value } : f))}
        />
      ) : (
        <input
          id={`${id}-${key}`}
          className="input input-compact"
          type={type}
          maxLength={key === "email" ? 320 : 200}
          value={editing?.[key] ?? ""}
          onChange={(e) => setEditing((f) => (f ? { ...f, [key]: e.target.value } : f))}
        />
      )}
    </div>
  );

  return (
    <section className="inbox-side-section" aria-labelledby={`${id}-heading`}>
      <div className="inbox-contact-header">
        <h3 id={`${id}-heading`}>Sales lead</h3>
        {canWork && !editing && (
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              setEditing(
                current
                  ? { name: current.name, company: current.company, email: current.email, note: current.note }
                  : { name: contactName, company: "", email: "", note: "" },
              )
            }
          >
            {current ? "Edit" : "Mark as lead"}
          </button>
        )}
      </div>
      {editing ? (
        <form className="inbox-lead-form" onSubmit={submit} aria-label="Lead details">
          {field("name", "Name")}
          {field("company", "Company")}
          {field("email", "Email", "email")}
          {field("note", "Note for sales")}
          <div className="inbox-note-actions">
            <button
              type="submit"
              className="button button-small button-primary"
              disabled={save.isPending || !(editing.name.trim() || editing.company.trim() || editing.email.trim())}
            >
              {current ? "Save lead" : "Mark as lead"}
            </button>
            <button type="button" className="button button-small" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
          <ErrorMessage error={save.error} title="The lead was not saved" />
        </form>
      ) : current ? (
        <div className="inbox-lead">
          <p>
            <strong>{current.name || current.company}</strong>
            {current.name && current.company ? `, ${current.company}` : ""}
            {current.email && (
              <>
                {" · "}
                <a href={`mailto:${current.email}`}>{current.email}</a>
              </>
            )}
          </p>
          {current.note && <p className="muted">{current.note}</p>}
          <p
            className={current.delivery.status === "failed" || current.delivery.status === "retrying" ? "inbox-lead-problem" : "muted"}
            data-delivery={current.delivery.status}
          >
            {DELIVERY_WORDS[current.delivery.status]}
            {current.delivery.lastError ? `: ${current.delivery.lastError}` : ""}
          </p>
          {canWork && (
            <div className="inbox-note-actions">
              {current.delivery.status !== "pending" && (
                <button type="button" className="button button-small" disabled={resend.isPending} onClick={() => resend.mutate()}>
                  Send to sales again
                </button>
              )}
              <button type="button" className="link-button" disabled={unmark.isPending} onClick={() => unmark.mutate()}>
                Not a lead
              </button>
            </div>
          )}
          <ErrorMessage error={resend.error ?? unmark.error} title="That did not work" />
        </div>
      ) : (
        <p className="muted">Not marked as a lead.</p>
      )}
    </section>
  );
}
