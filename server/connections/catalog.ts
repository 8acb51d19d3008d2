import type { Connector } from "../../connectors/types.js";

/** Which connector talks to a network. Tests pass one whose connectors point at local stand-ins. */
export interface ConnectorCatalog {
  get(network: string): Connector | undefined;
}

export const catalogOf = (connectors: readonly Connector[]): ConnectorCatalog => {
  const byId = new Map(connectors.map((c) => [c.id, c]));
  return { get: (network) => byId.get(network) };
};
