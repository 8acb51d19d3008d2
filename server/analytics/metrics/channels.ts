import { findNetwork } from "../../../connectors/networks.js";
import type { ConnectorCatalog } from "../../connections/catalog.js";
import type { MetricsDb } from "./tables.js";

/** Every connected channel, whether its network offers metrics, its latest followers and its collection status. */
export async function listChannels(db: MetricsDb, connectors: ConnectorCatalog) {
  const accounts = await db
    .selectFrom("accounts")
    .leftJoin("metric_sync_state as s", "s.account_id", "accounts.id")
    .select([
      "accounts.id",
      "accounts.network",
      "accounts.handle",
      "accounts.display_name",
      "s.last_synced_at",
      "s.next_sync_at",
      "s.backfilled_at",
      "s.failures",
      "s.last_error",
    ])
    .select((eb) =>
      eb
        .selectFrom("metric_snapshots as f")
        .select("f.value")
        .whereRef("f.account_id", "=", "accounts.id")
        .where("f.variant_id", "is", null)
        .where("f.metric", "=", "followers")
        .orderBy("f.captured_at", "desc")
        .limit(1)
        .as("followers"),
    )
    .where("accounts.connection_status", "=", "connected")
    .orderBy("accounts.network")
    .orderBy("accounts.handle")
    .execute();
  return accounts.map((a) => {
    const support = connectors.get(a.network)?.metrics;
    return {
      id: a.id,
      network: a.network,
      networkName: findNetwork(a.network)?.name ?? a.network,
      handle: a.handle,
      displayName: a.display_name,
      offersMetrics: support !== undefined,
      followers: a.followers === null || a.followers === undefined ? null : Number(a.followers),
      sync:
        a.next_sync_at === null
          ? null
          : {
              lastSyncedAt: a.last_synced_at,
              nextSyncAt: a.next_sync_at,
              backfilledAt: a.backfilled_at,
              failures: a.failures ?? 0,
              lastError: a.last_error,
              intervalMinutes: support?.intervalMinutes ?? null,
            },
    };
  });
}
