import type { Database } from "../../db/database.js";
import type { Services } from "../../services.js";
import type { PolicyContextInput } from "../context.js";
import type { Finding } from "../types.js";

export interface CheckedText {
  /** Which part of the post: 0 is the first, then each reply of a thread. */
  part: number;
  findings: Finding[];
}

/** The active policy's findings for each part of one channel's text, with the brand's sentiment as context. */
export async function checkParts(
  services: Pick<Services, "policy" | "brandSentiment">,
  parts: readonly string[],
  context: PolicyContextInput = {},
  executor?: Database,
): Promise<CheckedText[]> {
  const [{ policy }, sentiment] = await Promise.all([services.policy.current(executor), services.brandSentiment.current()]);
  return parts.map((text, part) => ({ part, findings: policy.check(text, { ...sentiment, ...context }) }));
}
