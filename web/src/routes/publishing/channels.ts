import { useQuery } from "@tanstack/react-query";
import { accountsKey, fetchAccounts, fetchNetworks, networksKey } from "../../api/accounts.js";
import type { AccountSummary, Network } from "../../api/types.js";

/**
 * The inventory accounts Switchboard can publish to: those on a network with a connector.
 * Also the networks, to name a variant's network when its account is gone.
 */
export function usePublishableChannels() {
  const networks = useQuery({ queryKey: networksKey, queryFn: fetchNetworks, staleTime: Number.POSITIVE_INFINITY });
  const accounts = useQuery({ queryKey: [...accountsKey, "list", {}], queryFn: () => fetchAccounts() });
  const connectable = new Set((networks.data ?? []).filter((n) => n.connect !== null).map((n) => n.id));
  const channels: AccountSummary[] = (accounts.data ?? [])
    .filter((a) => connectable.has(a.network))
    .sort((a, b) => a.networkName.localeCompare(b.networkName) || a.handle.localeCompare(b.handle));
  return {
    channels,
    networks: networks.data ?? ([] as Network[]),
    isPending: networks.isPending || accounts.isPending,
    error: networks.error ?? accounts.error,
  };
}

/** "X (Twitter)" for "x"; the id itself for a network the server no longer lists. */
export const networkName = (networks: readonly Network[], id: string) => networks.find((n) => n.id === id)?.name ?? id;
