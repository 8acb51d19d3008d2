import { api } from "./client.js";
import { type Post, postsKey } from "./posts.js";

/** server/posts/approvals/schema.ts */
export interface ApproverRef {
  type: "user" | "team";
  id: string;
}

export interface WorkflowStep {
  name: string;
  mode: "any" | "all";
  approvers: ApproverRef[];
}

export interface Workflow {
  id: string;
  name: string;
  scopeType: "account" | "campaign";
  scopeId: string;
  expireMinutesBefore: number;
  steps: WorkflowStep[];
  createdAt: string;
  updatedAt: string;
}

export type WorkflowInput = Pick<Workflow, "name" | "scopeType" | "scopeId" | "expireMinutesBefore" | "steps">;

export interface Person {
  id: string;
  name: string;
}

export interface ApprovalStep {
  id: string;
  position: number;
  name: string;
  mode: "any" | "all";
  reason: string;
  /** waiting, approved, rejected, expired, superseded */
  status: string;
  expiresAt: string;
  decidedAt: string | null;
  approvers: (ApproverRef & { name: string })[];
  decisions: { user: Person; decision: "approved" | "rejected"; at: string }[];
}

export interface Review {
  approval: {
    round: number;
    state: "none" | "pending" | "approved" | "rejected" | "expired" | "withdrawn";
    canDecide: boolean;
    steps: ApprovalStep[];
  };
  comments: { id: string; author: Person; body: string; createdAt: string }[];
}

export const workflowsKey = ["approval-workflows"] as const;
export const reviewKey = (postId: string) => [...postsKey, "review", postId] as const;
export const myApprovalsKey = [...postsKey, "mine"] as const;

export const fetchWorkflows = () => api<{ workflows: Workflow[] }>("GET", "/api/approval-workflows").then((r) => r.workflows);
export const saveWorkflow = (input: WorkflowInput) => api<Workflow>("PUT", "/api/approval-workflows", { body: input });
export const deleteWorkflow = (id: string) => api<void>("DELETE", `/api/approval-workflows/${encodeURIComponent(id)}`);

export const fetchReview = (postId: string) => api<Review>("GET", `/api/posts/${encodeURIComponent(postId)}/review`);
export const fetchMyApprovals = () => api<{ posts: Post[] }>("GET", "/api/approvals/mine").then((r) => r.posts);

/** `version` is the version of the post the approver read. */
export const decide = (postId: string, decision: "approve" | "reject", input: { version: number; comment?: string }) =>
  api<Review>("POST", `/api/posts/${encodeURIComponent(postId)}/${decision}`, { body: input });

export const addComment = (postId: string, body: string) =>
  api<Review["comments"][number]>("POST", `/api/posts/${encodeURIComponent(postId)}/comments`, { body: { body } });
