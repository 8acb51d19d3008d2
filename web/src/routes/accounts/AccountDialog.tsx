import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { accountKey, accountsKey, createAccount, fetchNetworks, networksKey, updateAccount } from "../../api/accounts.js";
import { auditKey } from "../../api/audit.js";
import { ApiError } from "../../api/client.js";
import { fetchTeams, teamsKey } from "../../api/teams.js";
import type { AccountDetail, AccountStatus, NetworkStatus, TwoFactorState } from "../../api/types.js";
import { fetchUsers, usersKey } from "../../api/users.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Modal } from "../../components/Modal.js";
import { SelectField } from "../../components/SelectField.js";
import { TextAreaField } from "../../components/TextAreaField.js";
import { TextField } from "../../components/TextField.js";
import { useToast } from "../../components/Toasts.js";
import { useMutateOnce } from "../../lib/useMutateOnce.js";
import { type AccountDraft, changesBetween, draftOf, EMPTY_DRAFT, newAccountInput } from "./accountDraft.js";
import { STATUS_HINTS, STATUS_LABELS, TWO_FACTOR_LABELS } from "./labels.js";

const NETWORK_HINTS: Record<NetworkStatus, string> = {
  connector: "Switchboard can connect to this network to publish and read.",
  planned: "Recorded in the inventory; connecting it comes with its connector.",
  "inventory-only": "Recorded in the inventory only: Switchboard does not connect to this network.",
  defunct: "This network has closed. The account is kept on record only.",
};

/** Which form field an API refusal is about, so it shows next to that field. */
const FIELD_OF_CODE: Record<string, keyof AccountDraft> = {
  account_exists: "handle",
  unknown_network: "network",
  unknown_owner: "ownerId",
  unknown_team: "teamId",
};

function fieldErrors(error: unknown): Partial<Record<keyof AccountDraft, string>> {
  if (!(error instanceof ApiError)) return {};
  const errors: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const field = issue.field === "lastActivityAt" ? "lastActivity" : issue.field;
    if (field) errors[field] ??= issue.message;
  }
  const byCode = FIELD_OF_CODE[error.code];
  if (byCode) errors[byCode] = error.message;
  return errors as Partial<Record<keyof AccountDraft, string>>;
}

/** Records a new account, or edits one when `account` is given. */
export function AccountDialog({ account, onClose }: { account?: AccountDetail; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const networks = useQuery({ queryKey: networksKey, queryFn: fetchNetworks, staleTime: Number.POSITIVE_INFINITY });
  const users = useQuery({ queryKey: [...usersKey, {}], queryFn: () => fetchUsers() });
  const teams = useQuery({ queryKey: teamsKey, queryFn: fetchTeams });
  const [initial] = useState<AccountDraft>(() => (account ? draftOf(account) : EMPTY_DRAFT));
  const [draft, setDraft] = useState<AccountDraft>(initial);
  const set = <K extends keyof AccountDraft>(key: K, value: AccountDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = useMutation({
    mutationFn: () => (account ? updateAccount(account.id, changesBetween(initial, draft)) : createAccount(newAccountInput(draft))),
    onSuccess: (saved) => {
      queryClient.setQueryData(accountKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: accountsKey });
      void queryClient.invalidateQueries({ queryKey: auditKey });
      toast(account ? `Saved ${saved.handle}` : `Added ${saved.networkName} account ${saved.handle}`);
    },
  });
  const saveOnce = useMutateOnce(save);
  const errors = fieldErrors(save.error);

  const network = networks.data?.find((n) => n.id === draft.network);
  const live = (networks.data ?? []).filter((n) => n.status !== "defunct");
  const closed = (networks.data ?? []).filter((n) => n.status === "defunct");
  // A disabled owner stays choosable on their own account until someone else takes it over.
  const owners = (users.data ?? []).filter((u) => !u.disabled || u.id === initial.ownerId);

  return (
    <Modal
      title={account ? `Edit ${account.handle}` : "Add account"}
      description={
        account ? undefined : "Record a presence on any network, connected or not, so everyone knows who owns it and how it is protected."
      }
      onClose={onClose}
    >
      {(close) => {
        const submit = (event: FormEvent) => {
          event.preventDefault();
          if (account && Object.keys(changesBetween(initial, draft)).length === 0) {
            close();
            return;
          }
          saveOnce(undefined, { onSuccess: close });
        };
        return (
          <form className="form" onSubmit={submit}>
            <div className="form-grid">
              <SelectField
                label="Network"
                required
                value={draft.network}
                onChange={(e) => set("network", e.target.value)}
                hint={network ? NETWORK_HINTS[network.status] : undefined}
                error={errors.network}
              >
                <option value="">{networks.isPending ? "Loading networks…" : "Choose a network…"}</option>
                <optgroup label="Networks">
                  {live.map((n) => (
                    <option key={n.id} value={n.id}>
                      {n.name}
                    </option>
                  ))}
                </optgroup>
                <optgroup label="Closed networks (record only)">
                  {closed.map((n) => (
                    <option key={n.id} value={n.id}>
                      {n.name}
                    </option>
                  ))}
                </optgroup>
              </SelectField>
              <TextField
                label="Handle"
                required
                autoComplete="off"
                value={draft.handle}
                onChange={(e) => set("handle", e.target.value)}
                hint="As the network shows it, e.g. acmeair or acme.bsky.social."
                error={errors.handle}
              />
              <TextField
                label="URL"
                type="url"
                autoComplete="off"
                placeholder="https://"
                className="field-span"
                value={draft.url}
                onChange={(e) => set("url", e.target.value)}
                error={errors.url}
              />
              <TextField
                label="Display name"
                autoComplete="off"
                value={draft.displayName}
                onChange={(e) => set("displayName", e.target.value)}
                error={errors.displayName}
              />
              <SelectField
                label="Status"
                value={draft.status}
                onChange={(e) => set("status", e.target.value as AccountStatus)}
                hint={STATUS_HINTS[draft.status]}
                error={errors.status}
              >
                {(Object.keys(STATUS_LABELS) as AccountStatus[]).map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABELS[s]}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label="Owner"
                value={draft.ownerId}
                onChange={(e) => set("ownerId", e.target.value)}
                hint="The person answerable for it. Owners manage their accounts."
                error={errors.ownerId}
              >
                <option value="">Nobody yet</option>
                {owners.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name} ({u.email}){u.disabled ? ", disabled" : ""}
                  </option>
                ))}
              </SelectField>
              <SelectField label="Team" value={draft.teamId} onChange={(e) => set("teamId", e.target.value)} error={errors.teamId}>
                <option value="">No team</option>
                {(teams.data ?? []).map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label="Two-factor authentication"
                value={draft.twoFactor}
                onChange={(e) => set("twoFactor", e.target.value as TwoFactorState)}
                error={errors.twoFactor}
              >
                {(Object.keys(TWO_FACTOR_LABELS) as TwoFactorState[]).map((s) => (
                  <option key={s} value={s}>
                    {TWO_FACTOR_LABELS[s]}
                  </option>
                ))}
              </SelectField>
              <TextField
                label="Last activity"
                type="date"
                value={draft.lastActivity}
                onChange={(e) => set("lastActivity", e.target.value)}
                hint="The last post or login you know of."
                error={errors.lastActivity}
              />
            </div>
            <TextAreaField
              label="Purpose"
              maxLength={2000}
              value={draft.purpose}
              onChange={(e) => set("purpose", e.target.value)}
              hint="What the account is for, e.g. “Customer care for flights in Europe”."
              error={errors.purpose}
            />
            <TextAreaField
              label="Audience"
              rows={2}
              maxLength={2000}
              value={draft.audience}
              onChange={(e) => set("audience", e.target.value)}
              error={errors.audience}
            />
            <TextField
              label="Recovery contact"
              autoComplete="off"
              maxLength={500}
              value={draft.recoveryContact}
              onChange={(e) => set("recoveryContact", e.target.value)}
              hint="Where password resets and sign-in codes go: a shared mailbox or phone, never one person's. Only people with access to the account see it."
              error={errors.recoveryContact}
            />
            <TextAreaField
              label="Notes"
              maxLength={10_000}
              value={draft.notes}
              onChange={(e) => set("notes", e.target.value)}
              hint="Never write a password here: credentials belong in the vault."
              error={errors.notes}
            />
            <ErrorMessage error={save.error} />
            <div className="form-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button-primary" disabled={save.isPending}>
                {save.isPending ? "Saving…" : account ? "Save changes" : "Add account"}
              </button>
            </div>
          </form>
        );
      }}
    </Modal>
  );
}
