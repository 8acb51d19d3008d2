import { rssConnector } from "../../../connectors/rss/index.js";
import type { Connector, ConnectorClient, MetricName, MetricsReport, MetricsSupport } from "../../../connectors/types.js";

/**
 * For tests only: a network that reports metrics from memory, following the `readMetrics` contract
 * (running totals; offered metrics it withholds listed in `missing`). Nothing to sign in to, so an account
 * is connected with `markConnected` alone. The server side is tested against it while each real
 * connector's readMetrics is tested against its own network's stand-in.
 */
export interface MetricsNetworkState {
  account: Map<MetricName, number>;
  posts: Map<string, Map<MetricName, number>>;
  /** Post metrics the network has stopped returning (listed in `missing`). */
  withdrawn: Set<MetricName>;
  /** Handles whose calls fail, with the network's message. */
  failing: Map<string, string>;
  calls: { handle: string; posts: string[] }[];
}

export function metricsNetwork(id: string, support: MetricsSupport): { connector: Connector; state: MetricsNetworkState } {
  const state: MetricsNetworkState = { account: new Map(), posts: new Map(), withdrawn: new Set(), failing: new Map(), calls: [] };
  const connector: Connector = {
    ...rssConnector,
    id,
    displayName: `Test network ${id}`,
    capabilities: { ...rssConnector.capabilities, metrics: true },
    metrics: support,
    createClient(context) {
      const handle = context.account.handle ?? "";
      const client: ConnectorClient = {
        verifyCredentials: async () => ({ externalId: handle, handle, displayName: handle, url: null }),
        publish: async () => {
          throw new Error("not used");
        },
        async readMetrics(request): Promise<MetricsReport> {
          state.calls.push({ handle, posts: request.posts.map((p) => p.remoteId) });
          const failure = state.failing.get(handle);
          if (failure) throw new Error(failure);
          return {
            account: [...state.account].filter(([m]) => support.account.includes(m)).map(([metric, value]) => ({ metric, value })),
            posts: request.posts.flatMap((p) => {
              const totals = state.posts.get(p.remoteId);
              if (!totals) return [];
              const readings = [...totals].filter(([m]) => !state.withdrawn.has(m)).map(([metric, value]) => ({ metric, value }));
              const missing = support.post.filter((m) => state.withdrawn.has(m));
              return [{ remoteId: p.remoteId, readings, ...(missing.length > 0 ? { missing } : {}) }];
            }),
          };
        },
      };
      return client;
    },
  };
  return { connector, state };
}
