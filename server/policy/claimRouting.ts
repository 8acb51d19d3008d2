import type { ClaimKind, Finding } from "./types.js";

// For the publishing approval hook: which claim kinds a draft makes, and so which approver groups
// must sign off (the map from kind to group is set in the management UI).

export function claimKinds(findings: readonly Finding[]): ClaimKind[] {
  return [...new Set(findings.flatMap((f) => (f.claim ? [f.claim] : [])))];
}

export function approverGroupsFor(findings: readonly Finding[], groupByClaim: Partial<Record<ClaimKind, string>>): string[] {
  return [...new Set(claimKinds(findings).flatMap((kind) => (groupByClaim[kind] ? [groupByClaim[kind]] : [])))];
}
