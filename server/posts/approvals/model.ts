import type { Database } from "../../db/database.js";

/** Who may approve a step: a person, or any member of a team. */
export interface Approver {
  type: "user" | "team";
  id: string;
}

export type StepMode = "any" | "all";

/** One step a post must pass: any listed approver signs off, or all of them. */
export interface StepSpec {
  name: string;
  mode: StepMode;
  approvers: Approver[];
}

/** A step with why it applies and how long before the scheduled time it must be given. */
export interface RequiredStep extends StepSpec {
  reason: string;
  expireMinutesBefore: number;
}

/** What a submitted post says, as the policy engine sees it. */
export interface SubmittedPost {
  postId: string;
  text: string;
  campaignId: string | null;
  variants: { accountId: string; network: string; text: string; threadParts: string[] }[];
}

/**
 * Adds required approvers from what a post says (the policy engine registers one, e.g. a price
 * claim needs operations). Called inside the submitting transaction, given as `db`: read through it
 * (on SQLite a query outside the transaction would wait for it); returns extra steps.
 */
export type ApprovalHook = (post: SubmittedPost, db: Database) => Promise<RequiredStep[]> | RequiredStep[];

/** Default: an approval not given an hour before the scheduled time expires. */
export const DEFAULT_EXPIRE_MINUTES_BEFORE = 60;

export type StepStatus = "waiting" | "approved" | "rejected" | "expired" | "superseded";
