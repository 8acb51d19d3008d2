import type { HttpClient } from "../../connectors/http/types.js";
import { connect, testHttp } from "../../connectors/test/harness.js";
import { createXConnector } from "../../connectors/x/index.js";
import { startXStandIn, X_CLIENT, X_REDIRECT, type XStandIn } from "../../connectors/x/test/standIn.js";
import { createAccount } from "../../server/accounts/saveAccount.js";
import { systemActor } from "../../server/audit/context.js";
import { catalogOf } from "../../server/connections/catalog.js";
import { markConnected } from "../../server/connections/connectionState.js";
import { saveCredentials } from "../../server/connections/credentials.js";
import { saveNetworkApp } from "../../server/connections/networkApps.js";
import type { DialectName } from "../../server/db/capabilities.js";
import { createTestApp, type TestApp } from "./testApp.js";

export interface XChannelApp {
  t: TestApp;
  x: XStandIn;
  http: HttpClient;
  /** The connected X channel (accounts.id) and its handle on the stand-in. */
  accountId: string;
  handle: string;
  dispose(): Promise<void>;
}

/** An app with one X channel connected through OAuth to the X stand-in, as a person would connect it. */
export async function startXChannelApp(dialect: DialectName, env: Record<string, string> = {}): Promise<XChannelApp> {
  const x = await startXStandIn();
  const http = testHttp();
  const connector = createXConnector({ api: x.url, authorize: x.authorizeUrl });
  const t = await createTestApp(dialect, env, { connectors: catalogOf([connector]), http });
  const { db, keyring } = t.services;
  await saveNetworkApp(db, keyring, null, { network: "x", ...X_CLIENT });
  if (!connector.oauth) throw new Error("X has OAuth");
  const [granted] = await connect(connector.oauth, http, X_CLIENT, X_REDIRECT);
  if (!granted) throw new Error("nothing granted");
  const handle = granted.profile.handle;
  const accountId = await createAccount(db, systemActor(), { network: "x", handle });
  await saveCredentials(db, keyring, accountId, granted.credentials);
  await markConnected(db, systemActor(), accountId, granted.profile);
  return {
    t,
    x,
    http,
    accountId,
    handle,
    async dispose() {
      await t.dispose();
      await http.close();
      await x.close();
    },
  };
}
