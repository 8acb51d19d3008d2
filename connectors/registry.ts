/** Every connector Switchboard has, and the full network list for the inventory. */
import { blueskyConnector } from "./bluesky/index.js";
import { emailConnector } from "./email/index.js";
import { facebookConnector } from "./facebook/index.js";
import { instagramConnector } from "./instagram/index.js";
import { linkedInConnector } from "./linkedin/index.js";
import { mastodonConnector } from "./mastodon/index.js";
import { rssConnector } from "./rss/index.js";
import type { Connector } from "./types.js";
import { wordPressConnector } from "./wordpress/index.js";
import { xConnector } from "./x/index.js";

export { findNetwork, NETWORKS, type NetworkInfo, type NetworkStatus, networkForUrl } from "./networks.js";

/** The production connectors, talking to the real networks. */
export const CONNECTORS: readonly Connector[] = [
  xConnector,
  mastodonConnector,
  linkedInConnector,
  facebookConnector,
  instagramConnector,
  blueskyConnector,
  wordPressConnector,
  rssConnector,
  emailConnector,
];

const BY_ID = new Map(CONNECTORS.map((c) => [c.id, c]));

export const connectorFor = (network: string): Connector | undefined => BY_ID.get(network);
