import { checkPost } from "../../connectors/constraints.js";
import { textLength } from "../../connectors/text/length.js";
import type { MediaItem } from "../../connectors/types.js";
import { accountPermissionsOf } from "../accounts/policies.js";
import type { Database } from "../db/database.js";
import { AppError, badRequest } from "../errors.js";
import type { Actor } from "../identity/actor.js";
import type { Services } from "../services.js";

export interface VariantDraft {
  accountId: string;
  text?: string | null | undefined;
  threadParts?: string[] | undefined;
}

export interface CheckedVariant {
  accountId: string;
  network: string;
  text: string | null;
  threadParts: string[];
}

export interface Problem {
  accountId: string;
  network: string;
  code: string;
  message: string;
  count?: number;
  limit?: number;
}

/** The length of a variant's first part, counted the network's way, against its limit. */
export function variantLength(services: Pick<Services, "connectors">, network: string, text: string) {
  const connector = services.connectors.get(network);
  if (!connector) return null;
  return { count: textLength(text, connector.constraints.text.counting), limit: connector.constraints.text.maxLength };
}

export interface VariantReport {
  accountId: string;
  network: string;
  length: { count: number; limit: number } | null;
  problems: Problem[];
}

/**
 * Every channel must be one the author may draft for, on a network Switchboard can publish to,
 * and each part must fit the network's rules. Reports every problem, with exact counts.
 */
export async function inspectVariants(
  services: Pick<Services, "connectors">,
  db: Database,
  actor: Actor,
  postText: string,
  drafts: readonly VariantDraft[],
  media: readonly MediaItem[] = [],
): Promise<{ checked: CheckedVariant[]; reports: VariantReport[] }> {
  const ids = drafts.map((d) => d.accountId);
  if (new Set(ids).size !== ids.length) throw badRequest("duplicate_channel", "Each channel can have only one variant of a post.");
  const accounts = ids.length
    ? await db.selectFrom("accounts").select(["id", "network", "handle", "owner_id", "status"]).where("id", "in", ids).execute()
    : [];
  const checked: CheckedVariant[] = [];
  const reports: VariantReport[] = [];
  for (const draft of drafts) {
    const account = accounts.find((a) => a.id === draft.accountId);
    if (!account) throw new AppError(404, "account_not_found", `Account ${draft.accountId} was not found.`);
    const granted = await accountPermissionsOf(db, actor, account);
    // Drafting is enough to compose and submit; without "publish" a scheduled post needs a sign-off (approvals/submit.ts).
    if (!granted.has("draft") && !granted.has("publish")) {
      throw new AppError(403, "forbidden", `You need "draft" access to ${account.handle} on ${account.network} for this.`, {
        details: { accountId: account.id, permission: "draft" },
      });
    }
    const text = draft.text ?? postText;
    const report: VariantReport = {
      accountId: account.id,
      network: account.network,
      length: variantLength(services, account.network, text),
      problems: [],
    };
    reports.push(report);
    const connector = services.connectors.get(account.network);
    if (!connector) {
      report.problems.push({
        accountId: account.id,
        network: account.network,
        code: "no_connector",
        message: `Switchboard cannot publish to ${account.network}.`,
      });
      continue;
    }
    const parts = [text, ...(draft.threadParts ?? [])];
    parts.forEach((part, index) => {
      // The post's images go with the first part.
      const sent = { text: part, ...(index > 0 ? { inReplyTo: "previous" } : media.length > 0 ? { media } : {}) };
      for (const violation of checkPost(connector, sent)) {
        const where = parts.length > 1 ? ` (part ${index + 1})` : "";
        const length =
          violation.code === "text_too_long"
            ? variantLength(services, account.network, part)
            : violation.count !== undefined && violation.limit !== undefined
              ? { count: violation.count, limit: violation.limit }
              : null;
        report.problems.push({
          accountId: account.id,
          network: account.network,
          code: violation.code,
          message: `${violation.message}${where}`,
          ...(length ?? {}),
        });
      }
    });
    checked.push({ accountId: account.id, network: account.network, text: draft.text ?? null, threadParts: draft.threadParts ?? [] });
  }
  return { checked, reports };
}

/** As inspectVariants, but any problem is a 400 `variant_invalid` listing them all. */
export async function checkVariants(
  services: Pick<Services, "connectors">,
  db: Database,
  actor: Actor,
  postText: string,
  drafts: readonly VariantDraft[],
  media: readonly MediaItem[] = [],
): Promise<CheckedVariant[]> {
  const { checked, reports } = await inspectVariants(services, db, actor, postText, drafts, media);
  const problems = reports.flatMap((r) => r.problems);
  if (problems.length > 0) {
    throw badRequest("variant_invalid", problems.map((p) => p.message).join(" "), { problems });
  }
  return checked;
}
