import { recordTopicHits } from "../../listening/topics.js";
import { type CrisisDeps, observeStored } from "../crisis/alerts.js";
import type { IngestResult } from "./types.js";

/** What follows every ingested batch, whatever brought it: listening topics matched, spikes watched. */
export async function afterIngest(services: CrisisDeps, result: IngestResult): Promise<void> {
  const hits = await recordTopicHits(services.db, result.messages);
  await observeStored(services, result.messages, hits);
}
