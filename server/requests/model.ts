/** The help desk's vocabulary. */
export const REQUEST_STATUSES = ["new", "open", "pending", "on_hold", "resolved", "closed"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** While waiting on the requester or a third party, SLA clocks stand still. */
export const PAUSED_STATUSES: readonly RequestStatus[] = ["pending", "on_hold"];
export const DONE_STATUSES: readonly RequestStatus[] = ["resolved", "closed"];

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const SLA_METRICS = ["first_response", "next_response", "resolution"] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export const WORKFLOWS = ["none", "access", "new_account", "rogue_report"] as const;
export type Workflow = (typeof WORKFLOWS)[number];

export const FIELD_KINDS = ["text", "textarea", "select", "account", "user", "team", "network"] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export interface FormField {
  key: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  options?: string[];
}

export interface ChecklistItem {
  id: string;
  label: string;
  done: boolean;
  doneBy: string | null;
  doneAt: string | null;
}

/** What a rogue-account report asks the queue to do, in order. */
export const TAKEDOWN_CHECKLIST = [
  "Confirm the account is not ours (check the inventory and ask the team it claims to be)",
  "Save evidence: screenshots, links, dates, follower count",
  "Report it to the network as impersonation or trademark misuse",
  "Tell PR and legal, and warn followers if it is misleading people",
  "Follow up until the network removes it, then record the outcome",
];
