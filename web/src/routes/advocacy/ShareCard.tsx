import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ApiError } from "../../api/client.js";
import type { Finding } from "../../api/policy.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { TextAreaField } from "../../components/TextAreaField.js";
import { TextField } from "../../components/TextField.js";
import { Time } from "../../components/Time.js";
import { useDebouncedValue } from "../../lib/useDebouncedValue.js";
import { Findings } from "../publishing/composer/Findings.js";
import {
  type AdvocacyItem,
  type AdvocacyNetwork,
  advocacyKey,
  cancelShare,
  checkShareText,
  confirmShare,
  NETWORK_NAMES,
  prepareShare,
  type Share,
} from "./advocacyApi.js";

const MASTODON_KEY = "sb.advocacy.mastodon";
const readMastodon = () => {
  try {
    return window.localStorage.getItem(MASTODON_KEY) ?? "";
  } catch {
    return "";
  }
};

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
};

/** The findings a refused share came back with, so the card shows why as the live check does. */
const findingsOf = (error: unknown): Finding[] => {
  if (!(error instanceof ApiError) || error.code !== "policy_blocked") return [];
  const findings = (error.details as { findings?: unknown } | undefined)?.findings;
  return Array.isArray(findings) ? (findings as Finding[]) : [];
};

/**
 * One item to share: the employee's own text (the suggestion to start from), the policy's findings as
 * they type, one button per network. Sharing opens nothing by itself: it prepares the post and offers
 * the network's compose window as a link, then asks whether it was posted.
 */
export function ShareCard({ item }: { item: AdvocacyItem }) {
  const headingId = useId();
  const [text, setText] = useState(item.suggestedText);
  const [mastodon, setMastodon] = useState(readMastodon);
  const [prepared, setPrepared] = useState<Share | null>(null);
  // In case the network's composer drops the text (LinkedIn's `text=` is undocumented): paste it.
  const [copied, setCopied] = useState(false);
  const queryClient = useQueryClient();
  const settled = useDebouncedValue(text, 300);
  const check = useQuery({
    queryKey: [...advocacyKey, "check", item.id, settled],
    queryFn: ({ signal }) => checkShareText(item.id, settled, signal),
    enabled: settled.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: advocacyKey });
  const share = useMutation({
    mutationFn: (network: AdvocacyNetwork) =>
      prepareShare(item.id, { network, text, ...(network === "mastodon" ? { instance: mastodon } : {}) }),
    onSuccess: (result) => {
      setPrepared(result);
      setCopied(false);
      if (result.instance) {
        try {
          window.localStorage.setItem(MASTODON_KEY, result.instance);
        } catch {
          // Private windows may refuse storage; the field is simply empty next time.
        }
      }
    },
  });
  const confirm = useMutation({
    mutationFn: (id: string) => confirmShare(id),
    onSuccess: async () => {
      setPrepared(null);
      await refresh();
    },
  });
  const cancel = useMutation({
    mutationFn: (id: string) => cancelShare(id),
    onSuccess: () => setPrepared(null),
  });

  const upToDate = settled === text && !check.isPlaceholderData && check.data !== undefined;
  const blocked = check.data?.blocked ?? false;
  const refusedFindings = findingsOf(share.error);
  const shown = refusedFindings.length > 0 && !upToDate ? refusedFindings : (check.data?.findings ?? []);
  const edited = text !== item.suggestedText;
  const shared = item.mine.filter((m) => m.status === "shared");

  return (
    <article className="card advocacy-card" aria-labelledby={headingId}>
      <header className="advocacy-card-header">
        <h2 id={headingId}>{item.title}</h2>
        <p className="advocacy-meta">
          {item.topics.map((t) => (
            <span key={t} className="badge">
              {t}
            </span>
          ))}
          {item.url && (
            <a href={item.url} target="_blank" rel="noopener noreferrer" className="advocacy-host">
              {hostOf(item.url)}
            </a>
          )}
          {item.expiresAt && (
            <span className="muted">
              Until <Time iso={item.expiresAt} date />
            </span>
          )}
        </p>
      </header>
      <TextAreaField
        label="Your text"
        value={text}
        rows={4}
        onChange={(e) => setText(e.target.value)}
        hint={
          <>
            Make it yours, but keep <strong>{item.disclosure}</strong> in the text: it tells readers you work here.
            {item.url ? " Your own link to the page is added when you share." : ""}
          </>
        }
      />
      <div className="advocacy-text-tools">
        {edited && (
          <button type="button" className="button button-small" onClick={() => setText(item.suggestedText)}>
            Use the suggested text
          </button>
        )}
      </div>
      <Findings findings={shown} label={`Policy findings for ${item.title}`} />
      {item.networks.includes("mastodon") && (
        <TextField
          label="Your Mastodon server"
          className="advocacy-instance"
          placeholder="mastodon.social"
          value={mastodon}
          onChange={(e) => setMastodon(e.target.value)}
        />
      )}
      <fieldset className="advocacy-networks">
        <legend className="sr-only">Share {item.title} on</legend>
        {item.networks.map((network) => {
          const problems = check.data?.networks.find((n) => n.network === network)?.problems ?? [];
          const disabled =
            share.isPending ||
            !text.trim() ||
            (upToDate && (blocked || problems.length > 0)) ||
            (network === "mastodon" && !mastodon.trim());
          return (
            <button
              key={network}
              type="button"
              className="button"
              disabled={disabled}
              title={problems[0]?.message}
              onClick={() => {
                setPrepared(null);
                share.mutate(network);
              }}
            >
              Share on {NETWORK_NAMES[network]}
            </button>
          );
        })}
      </fieldset>
      {upToDate && blocked && <p className="advocacy-blocked">Fix what blocks the text to share it.</p>}
      {upToDate &&
        (check.data?.networks ?? [])
          .filter((n) => n.problems.length > 0)
          .map((n) => (
            <p key={n.network} className="advocacy-note">
              <strong>{NETWORK_NAMES[n.network]}:</strong> {n.problems.map((p) => p.message).join(" ")}
            </p>
          ))}
      {share.error && refusedFindings.length === 0 && <ErrorMessage error={share.error} title="Not shared" />}
      {prepared && (
        <div className="advocacy-ready" role="status">
          <p>
            <strong>Ready for {NETWORK_NAMES[prepared.network]}.</strong> Open it, post, then come back and say so.
            {prepared.shortUrl ? " The link is yours alone: clicks on it count for this share." : ""}
          </p>
          <blockquote className="advocacy-preview" aria-label="What will be posted">
            {prepared.text}
          </blockquote>
          <div className="advocacy-ready-actions">
            <a className="button button-primary" href={prepared.intentUrl} target="_blank" rel="noopener noreferrer">
              Open {NETWORK_NAMES[prepared.network]}
            </a>
            <button
              type="button"
              className="button"
              onClick={() =>
                navigator.clipboard.writeText(prepared.text).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? "Copied" : "Copy text"}
            </button>
            <button type="button" className="button" disabled={confirm.isPending} onClick={() => confirm.mutate(prepared.id)}>
              I posted it
            </button>
            <button
              type="button"
              className="button button-danger-quiet"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate(prepared.id)}
            >
              Cancel
            </button>
          </div>
          {(confirm.error || cancel.error) && <ErrorMessage error={confirm.error ?? cancel.error} />}
        </div>
      )}
      {shared.length > 0 && (
        <ul className="advocacy-mine" aria-label="Your shares">
          {shared.map((m) => (
            <li key={m.id}>
              <span className="badge badge-ok">Shared on {NETWORK_NAMES[m.network]}</span> {m.sharedAt && <Time iso={m.sharedAt} />} ·{" "}
              {m.clicks === 1 ? "1 click" : `${m.clicks.toLocaleString()} clicks`}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
