import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type RefObject, useId, useState } from "react";
import { addNote, inboxKey } from "../../api/inbox.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { useToast } from "../../components/Toasts.js";
import { useMutateOnce } from "../../lib/useMutateOnce.js";

/** An internal note for colleagues: kept on the conversation, never sent to the contact. */
export function NoteBox({
  conversationId,
  noteRef,
  onLeave,
}: {
  conversationId: string;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  onLeave: () => void;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const queryClient = useQueryClient();
  const toast = useToast();
  const save = useMutation({
    mutationFn: (note: string) => addNote(conversationId, note),
    onSuccess: async () => {
      setText("");
      toast("Note added");
      await queryClient.invalidateQueries({ queryKey: inboxKey });
    },
  });

  const saveOnce = useMutateOnce(save);
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (text.trim()) saveOnce(text.trim());
  };

  return (
    <form className="inbox-note" onSubmit={submit}>
      <label htmlFor={`${id}-note`}>Internal note</label>
      <textarea
        ref={noteRef}
        id={`${id}-note`}
        className="input"
        rows={2}
        maxLength={10_000}
        aria-describedby={`${id}-hint`}
        placeholder="Only your colleagues see this"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) submit();
          else if (e.key === "Escape") {
            e.preventDefault();
            onLeave();
          }
        }}
      />
      <div className="inbox-note-actions">
        <p id={`${id}-hint`} className="field-hint">
          Never sent to the contact. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> adds it, <kbd>Esc</kbd> goes back to the list.
        </p>
        <button type="submit" className="button button-small" disabled={save.isPending || !text.trim()}>
          {save.isPending ? "Adding…" : "Add note"}
        </button>
      </div>
      <ErrorMessage error={save.error} title="The note was not added" />
    </form>
  );
}
