import { recordTopicHits } from "../../listening/topics.js";
import type { Services } from "../../services.js";
import { observeStored } from "../crisis/alerts.js";
import type { IngestResult } from "./types.js";

/** What follows every ingested batch, whatever brought it: listening topics matched, spikes watched. */
export async function afterIngest(services: Pick<Services, "db" | "crisisDetector">, result: IngestResult): Promise<void> {
  await recordTopicHits(services.db, result.messages);
  await observeStored(services.db, services.crisisDetector, result.messages);
}
