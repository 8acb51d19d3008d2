import type { AccountInput } from "../../api/accounts.js";
import type { AccountDetail, AccountStatus, TwoFactorState } from "../../api/types.js";
import { localDayStart, toLocalDay } from "../../lib/format.js";

/** The account form's values, as the inputs hold them ("" for empty). */
export interface AccountDraft {
  network: string;
  handle: string;
  url: string;
  displayName: string;
  ownerId: string;
  teamId: string;
  purpose: string;
  audience: string;
  status: AccountStatus;
  twoFactor: TwoFactorState;
  recoveryContact: string;
  notes: string;
  /** YYYY-MM-DD, local. */
  lastActivity: string;
}

export const EMPTY_DRAFT: AccountDraft = {
  network: "",
  handle: "",
  url: "",
  displayName: "",
  ownerId: "",
  teamId: "",
  purpose: "",
  audience: "",
  status: "active",
  twoFactor: "unknown",
  recoveryContact: "",
  notes: "",
  lastActivity: "",
};

export function draftOf(account: AccountDetail): AccountDraft {
  return {
    network: account.network,
    handle: account.handle,
    url: account.url ?? "",
    displayName: account.displayName,
    ownerId: account.owner?.id ?? "",
    teamId: account.team?.id ?? "",
    purpose: account.purpose,
    audience: account.audience,
    status: account.status,
    twoFactor: account.twoFactor,
    recoveryContact: account.recoveryContact,
    notes: account.notes,
    lastActivity: account.lastActivityAt ? toLocalDay(account.lastActivityAt) : "",
  };
}

/** The draft as API input: empty optional fields become null (or are left out for a new account). */
export function inputOf(draft: AccountDraft): AccountInput {
  return {
    network: draft.network,
    handle: draft.handle.trim(),
    url: draft.url.trim() || null,
    displayName: draft.displayName.trim(),
    ownerId: draft.ownerId || null,
    teamId: draft.teamId || null,
    purpose: draft.purpose.trim(),
    audience: draft.audience.trim(),
    status: draft.status,
    twoFactor: draft.twoFactor,
    recoveryContact: draft.recoveryContact.trim(),
    notes: draft.notes.trim(),
    lastActivityAt: draft.lastActivity ? (localDayStart(draft.lastActivity) ?? null) : null,
  };
}

/** Only what the person changed, so the audit log records real changes (and an untouched day keeps its time). */
export function changesBetween(before: AccountDraft, after: AccountDraft): Partial<AccountInput> {
  const next = inputOf(after);
  const changes: Partial<Record<keyof AccountInput, unknown>> = {};
  for (const key of Object.keys(before) as (keyof AccountDraft)[]) {
    if (before[key] === after[key]) continue;
    const field = key === "lastActivity" ? "lastActivityAt" : key;
    changes[field] = next[field];
  }
  return changes as Partial<AccountInput>;
}

/** What a new account sends: nothing for the fields left empty. */
export function newAccountInput(draft: AccountDraft): AccountInput {
  const full = inputOf(draft);
  const input: Partial<Record<keyof AccountInput, unknown>> = {};
  for (const [key, value] of Object.entries(full) as [keyof AccountInput, unknown][]) {
    if (value !== null && value !== "") input[key] = value;
  }
  return input as AccountInput;
}
