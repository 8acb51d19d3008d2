import type { Connector } from "../../connectors/types.js";

/** The server address kept for a self-hosted account, the connector's way (default: the origin). */
export const baseUrlOf = (connector: Connector, url: string): string => {
  const parsed = new URL(url);
  return connector.baseUrlOf?.(parsed) ?? parsed.origin;
};
