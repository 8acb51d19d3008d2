import type { z } from "zod";
import { AppError } from "../errors.js";
import { checkParts } from "../policy/service/checkPost.js";
import type { Finding } from "../policy/types.js";
import { variantLength } from "../posts/variants.js";
import type { Services } from "../services.js";
import { type AdvocacyNetwork, composeShareText, NETWORK_NAMES, VISIBLE_PREFIX } from "./model.js";
import type { NetworkCheck } from "./schema.js";

export interface CheckedShare {
  findings: Finding[];
  networks: z.infer<typeof NetworkCheck>[];
  blocked: boolean;
}

interface ShareableItem {
  url: string | null;
  disclosure: string;
}

// Where a network's limits are unknown (no connector loaded), LinkedIn's generous one.
const FALLBACK = { count: 0, limit: 3000 };

/** Where the disclosure hashtag starts in the text (as a whole tag, any case), or -1. */
function disclosureIndex(text: string, disclosure: string): number {
  const tag = disclosure.slice(1).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`(^|[^\\p{L}\\p{N}_])[#＃]${tag}(?![\\p{L}\\p{N}_])`, "iu").exec(text);
  return match ? match.index + (match[1] ?? "").length : -1;
}

/**
 * An employee's text for an item, checked as an advocacy share: the organisation's policy (with the
 * item's disclosure as the tag the disclosure pack requires) and, per network, the length with the
 * share's short link and whether the disclosure sits where the network shows it without "…see more".
 */
export async function checkShare(
  services: Pick<Services, "policy" | "brandSentiment" | "connectors">,
  item: ShareableItem,
  networks: readonly AdvocacyNetwork[],
  text: string,
  baseUrl: string,
): Promise<CheckedShare> {
  const [checked] = await checkParts(services, [text], { kind: "advocacy", disclosure_tags: [item.disclosure] });
  const findings = checked?.findings ?? [];
  // The short link is not made until the share is: a code of the same length stands in for it.
  const composed = composeShareText(text, item.url, item.url ? `${baseUrl}/l/XXXXXXX` : null);
  const at = disclosureIndex(text.trim(), item.disclosure);
  const perNetwork = networks.map((network) => {
    const length = variantLength(services, network, composed) ?? { ...FALLBACK, count: [...composed].length };
    const problems: { code: string; message: string }[] = [];
    if (length.count > length.limit) {
      problems.push({
        code: "advocacy_text_too_long",
        message: `${NETWORK_NAMES[network]} takes ${length.limit} characters; with the link this is ${length.count}.`,
      });
    }
    const visible = VISIBLE_PREFIX[network];
    if (visible !== undefined && at >= 0 && [...text.trim().slice(0, at)].length + item.disclosure.length > visible) {
      problems.push({
        code: "advocacy_disclosure_hidden",
        message: `${NETWORK_NAMES[network]} shows about the first ${visible} characters before “…see more”: move ${item.disclosure} nearer the start so readers see it.`,
      });
    }
    return { network, length: length.count, limit: length.limit, problems };
  });
  return { findings, networks: perNetwork, blocked: findings.some((f) => f.level === "error") };
}

/** Refuses a share the check blocks: error findings first (no override, for anyone), then the network's problems. */
export function assertShareable(checked: CheckedShare, network: AdvocacyNetwork): void {
  const blocking = checked.findings.filter((f) => f.level === "error");
  if (blocking.length > 0) {
    throw new AppError(400, "policy_blocked", `The policy stops this share: ${blocking.map((f) => f.reason).join(" ")}`, {
      details: { findings: blocking },
      help: "Fix what the findings say, then share again. Advocacy shares cannot be overridden.",
    });
  }
  const problem = checked.networks.find((n) => n.network === network)?.problems[0];
  if (problem) throw new AppError(400, problem.code, problem.message);
}
