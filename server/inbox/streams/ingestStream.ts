import type { InboundItem } from "../../../connectors/types.js";
import type { Services } from "../../services.js";
import { afterIngest } from "../ingest/afterIngest.js";
import { ingestBatch } from "../ingest/ingest.js";
import type { IngestResult } from "../ingest/types.js";
import { compileRules } from "../routing/rules.js";
import { loadRoutingRules } from "../routing/store.js";

/**
 * A streamed item goes the way a polled one does: `ingestBatch` then `afterIngest`. The database's unique
 * (channel, external id) makes an item the poller also reads, or one X or Mastodon delivers twice after a
 * reconnect, a duplicate that changes nothing: that is the streams' replay protection.
 */
export async function ingestStreamItems(
  services: Services,
  accountId: string,
  network: string,
  items: readonly InboundItem[],
): Promise<IngestResult> {
  const rules = compileRules(await loadRoutingRules(services.db));
  const events = items.map((item) => ({
    accountId,
    network,
    kind: "mention" as const,
    remoteId: item.remoteId,
    text: item.text,
    createdAt: item.createdAt,
    author: item.author,
    url: item.url,
    inReplyTo: item.inReplyTo,
    threadRoot: item.threadRoot ?? null,
  }));
  const ingested = await ingestBatch(services.db, events, { rules, capabilities: services.capabilities });
  await afterIngest(services, ingested);
  return ingested;
}
