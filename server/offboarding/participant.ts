import type { AuditActor } from "../audit/context.js";
import type { Database } from "../db/database.js";

export interface ChecklistItem {
  area: string;
  title: string;
  detail: string;
  accountId?: string;
  done: boolean;
  doneBy?: string;
  doneAt?: string;
}

export interface OffboardingContext {
  user: { id: string; email: string; name: string };
  reassignTo: { id: string; email: string; name: string } | null;
  actor: AuditActor;
}

export interface OffboardingPart {
  /** What was done, one line each, for the person running the offboarding. */
  summary: string[];
  /** What must still be done by hand, outside Switchboard. */
  checklist: Omit<ChecklistItem, "done">[];
  /** Whether this area needs someone to take over the user's items. */
  needsReassignment?: boolean;
}

/**
 * Each area that holds something of a user's (accounts today; drafts,
 * conversations and requests as those areas arrive) takes part in
 * offboarding: it revokes, reassigns, and says what is left to do by hand.
 * It runs inside the offboarding's transaction and records its own audit events.
 */
export interface OffboardingParticipant {
  area: string;
  /** Called first, to refuse before anything changes (e.g. items but nobody to take them). */
  check?(db: Database, ctx: OffboardingContext): Promise<void>;
  offboard(trx: Database, ctx: OffboardingContext): Promise<OffboardingPart>;
}
