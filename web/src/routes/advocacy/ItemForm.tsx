import { type FormEvent, useState } from "react";
import { ApiError } from "../../api/client.js";
import type { Finding } from "../../api/policy.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { TextAreaField } from "../../components/TextAreaField.js";
import { TextField } from "../../components/TextField.js";
import { localDayEnd, toLocalDay } from "../../lib/format.js";
import { Findings } from "../publishing/composer/Findings.js";
import { type AdvocacyItem, type AdvocacyNetwork, type ItemInput, NETWORK_NAMES, NETWORKS } from "./advocacyApi.js";

interface Draft {
  title: string;
  suggestedText: string;
  url: string;
  topics: string;
  networks: AdvocacyNetwork[];
  disclosure: string;
  expiresOn: string;
}

const draftOf = (item: AdvocacyItem | undefined, disclosure: string): Draft => ({
  title: item?.title ?? "",
  suggestedText: item?.suggestedText ?? "",
  url: item?.url ?? "",
  topics: item?.topics.join(", ") ?? "",
  networks: item?.networks ?? [...NETWORKS],
  disclosure: item?.disclosure ?? disclosure,
  expiresOn: item?.expiresAt && item.status === "active" ? toLocalDay(item.expiresAt) : "",
});

function inputOf(draft: Draft): ItemInput {
  // Works through the chosen day: the last second before the next local midnight.
  const dayEnd = draft.expiresOn ? localDayEnd(draft.expiresOn) : undefined;
  return {
    title: draft.title.trim(),
    suggestedText: draft.suggestedText.trim(),
    url: draft.url.trim() || null,
    topics: draft.topics
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    networks: draft.networks,
    disclosure: draft.disclosure.trim(),
    expiresAt: dayEnd ? new Date(Date.parse(dayEnd) - 1000).toISOString() : null,
  };
}

const fieldError = (error: unknown, field: string) =>
  error instanceof ApiError ? error.issues.find((i) => i.path === `body/${field}` || i.field === field)?.message : undefined;

/** Create or change a shareable item: what employees start from, its link, topics, networks, disclosure and last day. */
export function ItemForm({
  item,
  defaultDisclosure,
  submitLabel,
  pending,
  error,
  onSubmit,
}: {
  item?: AdvocacyItem;
  defaultDisclosure: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: ItemInput) => void;
}) {
  const [draft, setDraft] = useState(() => draftOf(item, defaultDisclosure));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) onSubmit(inputOf(draft));
  };
  const blockedBy =
    error instanceof ApiError && error.code === "policy_blocked"
      ? ((error.details as { findings?: Finding[] } | undefined)?.findings ?? [])
      : [];
  const urlError = error instanceof ApiError && error.code.startsWith("link_destination") ? error.message : fieldError(error, "url");
  return (
    <form className="form advocacy-form" onSubmit={submit} aria-label={submitLabel}>
      <TextField label="Title" value={draft.title} onChange={(e) => set("title", e.target.value)} required maxLength={200} />
      <TextAreaField
        label="Suggested text"
        rows={4}
        value={draft.suggestedText}
        onChange={(e) => set("suggestedText", e.target.value)}
        required
        hint="What employees start from. It must carry the disclosure and pass the policy as it is."
        error={fieldError(error, "suggestedText")}
      />
      <Findings findings={blockedBy} label="Why the suggested text was refused" />
      <div className="form-grid">
        <TextField
          label="Page to link to"
          type="url"
          inputMode="url"
          placeholder="https://"
          value={draft.url}
          onChange={(e) => set("url", e.target.value)}
          hint="Optional. Each share gets its own short link to it."
          error={urlError}
        />
        <TextField
          label="Disclosure"
          value={draft.disclosure}
          onChange={(e) => set("disclosure", e.target.value)}
          required
          placeholder="#AcmeEmployee"
          hint="One hashtag every share must carry in its text."
          error={fieldError(error, "disclosure")}
        />
        <TextField
          label="Topics"
          value={draft.topics}
          onChange={(e) => set("topics", e.target.value)}
          hint="Separated by commas; employees filter by them."
        />
        <TextField
          label="Shareable until"
          type="date"
          value={draft.expiresOn}
          onChange={(e) => set("expiresOn", e.target.value)}
          hint="Optional: the last day it can be shared."
          error={error instanceof ApiError && error.code === "advocacy_expiry_in_past" ? error.message : undefined}
        />
      </div>
      <fieldset className="fieldset">
        <legend>Networks</legend>
        <div className="advocacy-network-boxes">
          {NETWORKS.map((n) => (
            <label key={n} className="checkbox-inline">
              <input
                type="checkbox"
                checked={draft.networks.includes(n)}
                onChange={(e) =>
                  set(
                    "networks",
                    e.target.checked
                      ? NETWORKS.filter((x) => x === n || draft.networks.includes(x))
                      : draft.networks.filter((x) => x !== n),
                  )
                }
              />{" "}
              {NETWORK_NAMES[n]}
            </label>
          ))}
        </div>
      </fieldset>
      {error !== null && error !== undefined && blockedBy.length === 0 && !urlError && <ErrorMessage error={error} title="Not saved" />}
      <div className="form-actions form-actions-start">
        <button type="submit" className="button button-primary" disabled={pending || draft.networks.length === 0}>
          {pending ? "Saving…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
