import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { cannedRepliesKey, fetchCannedReplies, fillCannedReply, inboxKey, type SentReply } from "../../api/inbox.js";
import { checkText, policyKey } from "../../api/policy.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { useToast } from "../../components/Toasts.js";
import { useDebouncedValue } from "../../lib/useDebouncedValue.js";
import { useMutateOnce } from "../../lib/useMutateOnce.js";
import { Findings } from "../publishing/composer/Findings.js";
import { HeldReplies } from "./HeldReplies.js";
import { sendOrHoldReply } from "./queueApi.js";

/**
 * The answer to the customer, sent through the channel by the server (POST …/replies): it checks the
 * policy first and refuses what breaks it, so nothing here pretends a reply went out before it did.
 */
export function ReplyBox({
  conversationId,
  channel,
  contactName,
  customerText,
}: {
  conversationId: string;
  channel: string;
  contactName: string;
  /** The customer's latest message: the reply is checked as an answer to it, live, as the agent types. */
  customerText: string | undefined;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [sent, setSent] = useState<SentReply | null>(null);
  const queryClient = useQueryClient();
  const toast = useToast();
  const settled = useDebouncedValue(text.trim(), 300);
  const check = useQuery({
    queryKey: [...policyKey, "reply-check", settled, customerText ?? ""],
    queryFn: ({ signal }) =>
      checkText({ text: settled, kind: "reply", ...(customerText ? { inReplyTo: customerText.slice(0, 5000) } : {}) }, signal),
    enabled: settled !== "",
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
  const findings = text.trim() ? (check.data ?? []) : [];
  const canned = useQuery({ queryKey: cannedRepliesKey, queryFn: fetchCannedReplies, staleTime: 60_000 });
  const insertCanned = async (cannedId: string) => {
    if (!cannedId) return;
    const filled = await fillCannedReply(conversationId, cannedId);
    setText((current) => (current.trim() ? `${current.trimEnd()}\n\n${filled}` : filled));
    setSent(null);
  };
  const send = useMutation({
    mutationFn: (reply: string) => sendOrHoldReply(conversationId, reply),
    onSuccess: async (result) => {
      setText("");
      if ("held" in result) toast("Reply held: a lead approves it before it goes out");
      else {
        setSent(result);
        toast("Reply sent");
      }
      await queryClient.invalidateQueries({ queryKey: inboxKey });
    },
  });

  const sendOnce = useMutateOnce(send);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) sendOnce(text.trim());
  };

  return (
    <form className="inbox-reply" onSubmit={submit}>
      <HeldReplies conversationId={conversationId} />
      <label htmlFor={`${id}-reply`}>Reply to {contactName}</label>
      <textarea
        id={`${id}-reply`}
        className="input"
        rows={3}
        maxLength={10_000}
        aria-describedby={`${id}-hint`}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setSent(null);
        }}
      />
      <Findings findings={findings} label="What the policy notes on this reply" />
      <div className="inbox-note-actions">
        <p id={`${id}-hint`} className="field-hint">
          Sent on {channel} as an answer to the latest message, after the policy check.
        </p>
        {(canned.data?.length ?? 0) > 0 && (
          <select
            className="input input-small"
            aria-label="Insert a canned reply"
            value=""
            onChange={(e) => {
              void insertCanned(e.target.value);
            }}
          >
            <option value="">Canned reply…</option>
            {canned.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
        <button
          type="submit"
          className="button button-small button-primary"
          disabled={send.isPending || !text.trim() || findings.some((f) => f.level === "error")}
        >
          {send.isPending ? "Sending…" : "Send reply"}
        </button>
      </div>
      <ErrorMessage error={send.error} title="The reply was not sent" />
      {sent && sent.findings.length > 0 && (
        <div className="alert alert-warning">
          <p className="alert-title">Sent, with notes from the policy</p>
          <ul>
            {sent.findings.map((f) => (
              <li key={`${f.source}:${f.ruleId}`}>{f.reason}</li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
