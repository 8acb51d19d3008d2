import type { AuditActor } from "../../audit/context.js";
import { recordAudit } from "../../audit/record.js";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { Actor } from "../../identity/actor.js";
import type { Services } from "../../services.js";
import { checkParts } from "./checkPost.js";

export interface GatedVariant {
  accountId: string;
  text: string;
  threadParts: string[];
}

/**
 * The policy at submission: a post with error-level findings does not go out. An admin (policy.manage)
 * may override with a reason, which is audited; anyone else gets the findings to fix.
 */
export async function enforcePolicy(
  services: Pick<Services, "policy" | "brandSentiment">,
  trx: Database,
  actor: Actor,
  audit: AuditActor,
  post: { id: string; variants: GatedVariant[] },
  override: { reason: string } | undefined,
): Promise<void> {
  const blocking = [];
  for (const variant of post.variants) {
    for (const { part, findings } of await checkParts(services, [variant.text, ...variant.threadParts], {}, trx)) {
      for (const f of findings) if (f.level === "error") blocking.push({ accountId: variant.accountId, part, ...f });
    }
  }
  if (blocking.length === 0) return;
  if (!override) {
    throw new AppError(400, "policy_blocked", `The policy stops this post: ${blocking.map((f) => f.reason).join(" ")}`, {
      details: { findings: blocking },
      help: "Fix what the findings say; an administrator may override with a reason.",
    });
  }
  if (!actor.permissions.has("policy.manage")) {
    throw new AppError(403, "override_not_allowed", "Only an administrator may override the policy.");
  }
  await recordAudit(trx, audit, {
    action: "post.policy_overridden",
    targetType: "post",
    targetId: post.id,
    summary: `Overrode ${blocking.length} policy error${blocking.length === 1 ? "" : "s"} (${[...new Set(blocking.map((f) => `${f.source}.${f.ruleId}`))].join(", ")}): ${override.reason}`,
  });
}
