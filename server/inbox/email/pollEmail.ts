import { formatCursor, parseCursor, readMailbox } from "../../../connectors/email/index.js";
import { recordFailure, recordSuccess } from "../../connections/connectionState.js";
import type { Services } from "../../services.js";
import { afterIngest } from "../ingest/afterIngest.js";
import { inChunks } from "../ingest/chunks.js";
import { ingestBatch } from "../ingest/ingest.js";
import type { IngestResult } from "../ingest/types.js";
import { POLL_INTERVAL_MS } from "../poll/pollSources.js";
import { compileRules } from "../routing/rules.js";
import { loadRoutingRules } from "../routing/store.js";
import { loadMailbox } from "./store.js";
import { emailEvent } from "./toEvent.js";

const STREAM = "imap";
/** A failing mailbox waits 1, 2, 4 … minutes, at most an hour, while the others carry on. */
const MAX_BACKOFF_MS = 3_600_000;
/** Messages read per poll; a longer backlog goes on at the next tick. */
const PER_POLL = 100;

export interface EmailPollResult {
  polled: number;
  failed: number;
  stored: number;
  results: IngestResult[];
}

/**
 * Reads every connected email channel whose turn has come: the messages since its cursor (the
 * mailbox's UIDVALIDITY and last UID, kept in `inbox_sources`), into the inbox. A mailbox that cannot be
 * read (a refused password, a server down) backs off with the reason kept, both on the source and on the
 * channel's health, and never holds up the others.
 */
export async function pollEmailChannels(services: Services, now = new Date()): Promise<EmailPollResult> {
  const { db } = services;
  const result: EmailPollResult = { polled: 0, failed: 0, stored: 0, results: [] };
  const channels = await db
    .selectFrom("accounts")
    .innerJoin("email_channels", "email_channels.account_id", "accounts.id")
    .select("accounts.id")
    .where("accounts.network", "=", "email")
    .where("accounts.connection_status", "=", "connected")
    .execute();
  if (channels.length === 0) return result;
  const at = now.toISOString();
  const ids = channels.map((c) => c.id);
  await db
    .insertInto("inbox_sources")
    .values(ids.map((id) => ({ account_id: id, stream: STREAM, cursor: null, next_poll_at: at, failures: 0 })))
    .onConflict((oc) => oc.columns(["account_id", "stream"]).doNothing())
    .execute();
  const due = await db
    .selectFrom("inbox_sources")
    .select(["account_id", "failures", "cursor"])
    .where("stream", "=", STREAM)
    .where("account_id", "in", ids)
    .where("next_poll_at", "<=", at)
    .execute();
  if (due.length === 0) return result;
  const rules = compileRules(await loadRoutingRules(db));
  for (const source of due) {
    result.polled++;
    const update = (set: {
      cursor?: string | null;
      failures: number;
      last_error: string | null;
      next_poll_at: string;
      last_success_at?: string;
    }) =>
      db
        .updateTable("inbox_sources")
        .set({ ...set, last_polled_at: at })
        .where("account_id", "=", source.account_id)
        .where("stream", "=", STREAM)
        .execute();
    try {
      const mailbox = await loadMailbox(db, services.keyring, source.account_id);
      if (!mailbox) throw new Error("The channel has no mail servers or password: connect it again.");
      const page = await readMailbox(mailbox.settings, mailbox.password, parseCursor(source.cursor), { limit: PER_POLL, now });
      // Each chunk is its own transaction: a huge message does not make one enormous batch.
      await inChunks(
        page.items,
        async (chunk) => {
          const ingested = await ingestBatch(
            db,
            chunk.map((item) => emailEvent(source.account_id, item)),
            { rules, capabilities: services.capabilities },
          );
          result.stored += ingested.stored;
          result.results.push(ingested);
          await afterIngest(services, ingested);
        },
        25,
      );
      await update({
        cursor: formatCursor(page.cursor),
        failures: 0,
        last_error: null,
        last_success_at: new Date().toISOString(),
        // A backlog is read on at the next tick instead of waiting a whole interval.
        next_poll_at: new Date(now.getTime() + (page.more ? 0 : POLL_INTERVAL_MS)).toISOString(),
      });
      await recordSuccess(db, source.account_id);
    } catch (error) {
      result.failed++;
      const failures = source.failures + 1;
      const wait = Math.min(POLL_INTERVAL_MS * 2 ** (failures - 1), MAX_BACKOFF_MS);
      const message = error instanceof Error ? error.message.slice(0, 500) : "unknown error";
      // The cursor stays: nothing after it was stored, so the next poll reads the same messages again.
      await update({ failures, last_error: message, next_poll_at: new Date(now.getTime() + wait).toISOString() });
      // The channel's health says why (a refused password marks it needs_reconnect and tells its owner).
      await recordFailure(db, source.account_id, error);
    }
  }
  return result;
}
