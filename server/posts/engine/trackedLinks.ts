import { textLength } from "../../../connectors/text/length.js";
import { systemActor } from "../../audit/context.js";
import { findUrls, shortenPostLinks } from "../../links/shortenPostLinks.js";
import { linksDb } from "../../links/tables.js";
import type { Services } from "../../services.js";
import type { ClaimedVariant } from "./claim.js";

/** Loopback and private hosts: a short link there would be dead for everyone who reads the post. */
const LOCAL_HOST = /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[::1\]|0\.0\.0\.0)|\.local$|\.internal$/i;

/** Whether short links made under this base URL can be opened by the public. */
export function publicBaseUrl(baseUrl: string): boolean {
  try {
    return !LOCAL_HOST.test(new URL(baseUrl).hostname);
  } catch {
    return false;
  }
}

/**
 * The texts a variant goes out with (its text, then its thread parts). In a campaign's posts every link
 * becomes a tracked short link for that post, channel and campaign, with the campaign's UTM preset
 * (server/links); the post itself keeps the addresses its author wrote, so approvers see where links
 * lead. Left as written: posts outside a campaign, a Switchboard whose BASE_URL the public cannot
 * reach, and a part that would no longer fit the network's length limit with its links shortened.
 * Shortening again gives the same text (links are reused), so settling an unknown outcome can look
 * for exactly what was sent.
 */
export async function outgoingTexts(services: Services, variant: ClaimedVariant): Promise<string[]> {
  const parts = [variant.text, ...variant.threadParts];
  const { baseUrl } = services.config;
  if (!parts.some((text) => findUrls(text).length > 0) || !publicBaseUrl(baseUrl)) return parts;
  const post = await services.db.selectFrom("posts").select("campaign_id").where("id", "=", variant.postId).executeTakeFirst();
  if (!post?.campaign_id) return parts;
  const limit = services.connectors.get(variant.network)?.constraints.text;
  const out: string[] = [];
  for (const text of parts) {
    if (findUrls(text).length === 0) {
      out.push(text);
      continue;
    }
    const input = { text, postId: variant.postId, accountId: variant.accountId, campaignId: post.campaign_id };
    const shortened = (await shortenPostLinks(linksDb(services.db), systemActor("publishing"), input, baseUrl)).text;
    out.push(limit && textLength(shortened, limit.counting) > limit.maxLength ? text : shortened);
  }
  return out;
}
