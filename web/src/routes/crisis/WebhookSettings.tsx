import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import {
  type CrisisWebhook,
  createWebhook,
  crisisWebhooksKey,
  deleteWebhook,
  fetchWebhooks,
  testWebhook,
  updateWebhook,
  type WebhookDelivery,
} from "../../api/crisis.js";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { TextField } from "../../components/TextField.js";
import { Time } from "../../components/Time.js";
import { useMutateOnce } from "../../lib/useMutateOnce.js";

/** 32 random bytes as hex: a signing secret made in the browser, so the admin can copy it before saving. */
function generateSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

const DELIVERY_LABELS: Record<WebhookDelivery["status"], [string, string]> = {
  pending: ["badge badge-quiet", "Sending"],
  retrying: ["badge badge-warn", "Retrying"],
  delivered: ["badge badge-ok", "Delivered"],
  failed: ["badge badge-danger", "Failed"],
};

function LastDelivery({ delivery }: { delivery: WebhookDelivery | null }) {
  if (!delivery) return <span className="muted">Nothing sent yet</span>;
  const [className, label] = DELIVERY_LABELS[delivery.status];
  return (
    <span className="webhook-delivery">
      <span className={className}>{label}</span>{" "}
      <span className="muted">
        {delivery.event === "crisis.test" ? "test" : "alert"}, <Time iso={delivery.lastAttemptAt ?? delivery.createdAt} />
        {delivery.attempts > 1 ? `, ${delivery.attempts} attempts` : ""}
      </span>
      {delivery.lastError && delivery.status !== "delivered" && <span className="webhook-error">{delivery.lastError}</span>}
    </span>
  );
}

function SecretField({ value, onChange, label, hint }: { value: string; onChange: (v: string) => void; label: string; hint: string }) {
  return (
    <div className="webhook-secret">
      <TextField label={label} hint={hint} value={value} onChange={(e) => onChange(e.target.value)} autoComplete="off" spellCheck={false} />
      <button type="button" className="button button-small" onClick={() => onChange(generateSecret())}>
        Generate
      </button>
    </div>
  );
}

function WebhookRow({ hook }: { hook: CrisisWebhook }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [url, setUrl] = useState(hook.url);
  const [description, setDescription] = useState(hook.description);
  const [secret, setSecret] = useState("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: crisisWebhooksKey });
  const test = useMutation({ mutationFn: () => testWebhook(hook.id), onSuccess: refresh });
  const save = useMutation({
    mutationFn: (input: { enabled: boolean; withEdits: boolean }) =>
      updateWebhook(hook.id, {
        url: input.withEdits ? url : hook.url,
        description: input.withEdits ? description : hook.description,
        enabled: input.enabled,
        ...(input.withEdits && secret ? { secret } : {}),
      }),
    onSuccess: () => {
      setEditing(false);
      setSecret("");
      return refresh();
    },
  });
  const remove = useMutation({ mutationFn: () => deleteWebhook(hook.id), onSuccess: refresh });

  return (
    <li className="webhook">
      <div className="webhook-summary">
        <div className="webhook-target">
          <span className="webhook-url break-anywhere">{hook.url}</span>
          {hook.description && <span className="muted">{hook.description}</span>}
          {!hook.enabled && <span className="badge badge-quiet">Off</span>}
        </div>
        <div className="webhook-status">
          <LastDelivery delivery={hook.lastDelivery} />
          {hook.failedDeliveries > 0 && (
            <span className="muted">
              {hook.failedDeliveries} failed {hook.failedDeliveries === 1 ? "delivery" : "deliveries"} in all
            </span>
          )}
        </div>
        <div className="webhook-actions">
          <button type="button" className="button button-small" disabled={!hook.enabled || test.isPending} onClick={() => test.mutate()}>
            Send test
          </button>
          <button type="button" className="button button-small" onClick={() => save.mutate({ enabled: !hook.enabled, withEdits: false })}>
            {hook.enabled ? "Switch off" : "Switch on"}
          </button>
          <button type="button" className="button button-small" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            Edit
          </button>
          <button type="button" className="button button-small" onClick={() => setRemoving(true)}>
            Remove
          </button>
        </div>
      </div>
      <ErrorMessage error={test.error ?? (editing ? null : save.error)} />
      {editing && (
        <form
          className="webhook-form"
          aria-label={`Edit ${hook.url}`}
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ enabled: hook.enabled, withEdits: true });
          }}
        >
          <TextField label="URL" type="url" value={url} onChange={(e) => setUrl(e.target.value)} required />
          <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={200} />
          <SecretField
            label="New signing secret"
            hint={`Leave empty to keep the current one (set ${hook.secretUpdatedAt ? new Date(hook.secretUpdatedAt).toLocaleDateString() : "earlier"}); it is never shown again.`}
            value={secret}
            onChange={setSecret}
          />
          <ErrorMessage error={save.error} />
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              Save
            </button>
          </div>
        </form>
      )}
      {removing && (
        <ConfirmDialog
          title="Remove this webhook?"
          confirmLabel="Remove"
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutateAsync()}
          onClose={() => setRemoving(false)}
        >
          <p>
            <span className="break-anywhere">{hook.url}</span> stops receiving crisis alerts; its secret and delivery history are deleted.
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
}

/** Where alerts are posted beyond the app: signed JSON, retried with backoff, failures shown here. */
export function WebhookSettings() {
  const queryClient = useQueryClient();
  const hooks = useQuery({ queryKey: crisisWebhooksKey, queryFn: fetchWebhooks, refetchInterval: 15_000 });
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [secret, setSecret] = useState("");
  const create = useMutation({
    mutationFn: createWebhook,
    onSuccess: () => {
      setUrl("");
      setDescription("");
      setSecret("");
      return queryClient.invalidateQueries({ queryKey: crisisWebhooksKey });
    },
  });
  const createOnce = useMutateOnce(create);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    createOnce({ url: url.trim(), description: description.trim(), enabled: true, secret });
  };

  return (
    <section className="section crisis-webhooks" id="webhooks" aria-labelledby="crisis-webhooks-heading">
      <h2 id="crisis-webhooks-heading">Webhooks</h2>
      <p className="muted">
        Every alert is also posted as JSON to these URLs, signed with HMAC-SHA256 in <code>x-switchboard-signature</code> over the timestamp
        in <code>x-switchboard-timestamp</code> and the body. Failed deliveries are retried for about 15 minutes.
      </p>
      {hooks.isPending ? (
        <Loading label="Loading webhooks…" />
      ) : hooks.isError ? (
        <ErrorMessage error={hooks.error} />
      ) : hooks.data.length === 0 ? (
        <p className="muted">No webhooks yet.</p>
      ) : (
        <ul className="webhook-list" aria-label="Webhooks">
          {hooks.data.map((h) => (
            <WebhookRow key={h.id} hook={h} />
          ))}
        </ul>
      )}
      <form className="webhook-form webhook-new" onSubmit={submit} aria-label="Add a webhook">
        <h3>Add a webhook</h3>
        <TextField
          label="URL"
          type="url"
          placeholder="https://hooks.example.com/switchboard"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          required
        />
        <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={200} />
        <SecretField
          label="Signing secret"
          hint="At least 24 characters. Copy it to the receiver now: it is kept in the vault and never shown again."
          value={secret}
          onChange={setSecret}
        />
        <ErrorMessage error={create.error} />
        <div>
          <button type="submit" className="button button-primary" disabled={create.isPending || !url.trim() || secret.length < 24}>
            Add webhook
          </button>
        </div>
      </form>
    </section>
  );
}
