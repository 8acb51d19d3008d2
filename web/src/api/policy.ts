import { api } from "./client.js";

/** The policy's shapes as the API sends them (server/policy/service/schema.ts, settings.ts, lexiconData.ts). */

export const LEVELS = ["suggestion", "warning", "error"] as const;
export type Level = (typeof LEVELS)[number];

export const CLAIM_KINDS = ["price", "discount", "date", "guarantee", "availability", "health", "financial"] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const POST_KINDS = ["post", "engagement", "reply", "advocacy", "paid"] as const;
export type PostKind = (typeof POST_KINDS)[number];

export interface RuleToggle {
  enabled?: boolean;
  level?: Level;
}

export interface PolicySettings {
  /** By source: a built-in pack (`netiquette`) or a Vale style (`write-good`). */
  packs: Record<string, RuleToggle>;
  /** By `source.ruleId`; a rule's setting wins over its pack's. */
  rules: Record<string, RuleToggle>;
  minLevel: Level;
  maxHashtags: number;
  readabilityAge: number;
  guideUrl: string;
}

export type LexiconTerm = string | { term: string; reason?: string; level?: Level };
export type BrandTerm = string | { term: string; variants: string[]; reason?: string };
export interface SwapTerm {
  term: string;
  use: string;
  reason?: string;
  level?: Level;
}

export interface Lexicon {
  banned: LexiconTerm[];
  confidential: LexiconTerm[];
  competitors: LexiconTerm[];
  brands: BrandTerm[];
  swaps: SwapTerm[];
}

/** Which team approves a post making each kind of claim; a kind not listed needs no approval. */
export type ClaimApprovers = Partial<Record<ClaimKind, string>>;

export interface PolicyRule {
  /** `source.ruleId` */
  id: string;
  source: string;
  ruleId: string;
  description: string;
  defaultLevel: Level;
  /** In effect, after the pack's and the rule's settings. */
  enabled: boolean;
  level: Level;
}

export interface StyleLoadError {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

export interface PolicyView {
  version: number;
  updatedAt: string | null;
  settings: PolicySettings;
  lexicon: Lexicon;
  claimApprovers: ClaimApprovers;
  rules: PolicyRule[];
  styles: {
    names: string[];
    errors: StyleLoadError[];
    /** Rules of Vale types Switchboard does not run. */
    unsupported: { file: string; rule: string; extends: string }[];
  };
}

export interface Finding {
  source: string;
  ruleId: string;
  level: Level;
  reason: string;
  /** UTF-16 offsets into the checked text; end exclusive. */
  start: number;
  end: number;
  line: number;
  column: number;
  actual?: string;
  /** Suggested replacements, when the rule has a fix. */
  expected?: string[];
  /** The guide's section on it. */
  url?: string;
  claim?: ClaimKind;
}

export interface CheckInput {
  text: string;
  kind?: PostKind;
  inReplyTo?: string;
}

export const policyKey = ["policy"] as const;

export const fetchPolicy = () => api<PolicyView>("GET", "/api/policy");

export const saveSettings = (settings: PolicySettings) => api<PolicyView>("PUT", "/api/policy/settings", { body: settings });

export const saveLexicon = (lexicon: Lexicon) => api<PolicyView>("PUT", "/api/policy/lexicon", { body: lexicon });

export const saveClaimApprovers = (approvers: ClaimApprovers) => api<PolicyView>("PUT", "/api/policy/claim-approvers", { body: approvers });

/** A zip of Vale style folders; a style already loaded under the same name is replaced. */
export const uploadStyles = (zip: Blob) =>
  api<PolicyView>("POST", "/api/policy/styles", {
    body: zip.type === "application/zip" ? zip : new Blob([zip], { type: "application/zip" }),
  });

export const removeStyle = (name: string) => api<PolicyView>("DELETE", `/api/policy/styles/${encodeURIComponent(name)}`);

export const checkText = (input: CheckInput, signal?: AbortSignal) =>
  api<{ findings: Finding[] }>("POST", "/api/policy/check", { body: input, ...(signal ? { signal } : {}) }).then((r) => r.findings);
