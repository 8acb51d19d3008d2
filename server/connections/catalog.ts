import type { Connector } from "../../connectors/types.js";

/** Which connector talks to a network. Tests pass one whose connectors point at local stand-ins. */
export interface ConnectorCatalog {
  get(network: string): Connector | undefined;
}

export const catalogOf = (connectors: readonly Connector[]): ConnectorCatalog => {
  const byId = new Map(connectors.map((c) => [c.id, c]));
  return { get: (network) => byId.get(network) };
};

/** How an account on a connector's network is connected, as the API tells the web app. */
export function connectMethodOf(connector: Connector | undefined) {
  if (!connector) return null;
  const { auth } = connector;
  return {
    kind: auth.kind,
    selfHosted: connector.selfHosted,
    appRegistration: auth.kind === "oauth2" ? auth.appRegistration : null,
  };
}
