import type { ApprovalHook, RequiredStep } from "../../posts/approvals/model.js";
import type { Services } from "../../services.js";
import type { ClaimKind } from "../types.js";
import { checkParts } from "./checkPost.js";

const CLAIM_NAMES: Record<ClaimKind, string> = {
  price: "a price",
  discount: "a discount",
  date: "a date or deadline",
  guarantee: "a guarantee",
  availability: "availability",
  health: "a health claim",
  financial: "a financial claim",
};

/**
 * The publishing approval hook: a post that makes a claim (a price, a discount, a deadline …) needs
 * the approval of the team the policy names for that kind of claim, so marketing cannot promise what
 * operations has not agreed. Kinds without a team add nothing (the finding still shows).
 */
export function claimsApprovalHook(services: () => Pick<Services, "policy" | "brandSentiment">): ApprovalHook {
  return async (post, db) => {
    const { config } = await services().policy.current(db);
    const found = new Map<ClaimKind, string>();
    for (const variant of post.variants) {
      for (const { findings } of await checkParts(services(), [variant.text, ...variant.threadParts], {}, db)) {
        for (const f of findings) if (f.claim && !found.has(f.claim)) found.set(f.claim, f.actual ?? "");
      }
    }
    const steps: RequiredStep[] = [];
    for (const [kind, actual] of found) {
      const teamId = config.claimApprovers[kind];
      if (!teamId) continue;
      steps.push({
        name: `Claim check: ${CLAIM_NAMES[kind]}`,
        mode: "any",
        approvers: [{ type: "team", id: teamId }],
        reason: `The post makes ${CLAIM_NAMES[kind]}${actual ? ` ("${actual}")` : ""}`,
        expireMinutesBefore: 0,
      });
    }
    return steps;
  };
}
