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
import { createTestApp, type TestApp, type TestClient } from "./testApp.js";

export interface PublishingApp {
  t: TestApp;
  x: XStandIn;
  admin: TestClient;
  /** A connected X channel on the stand-in. */
  accountId: string;
  dispose(): Promise<void>;
}

/** An app whose only connector is X, pointed at a local stand-in, with one connected channel (as engine.test.ts sets up). */
export async function startPublishingApp(dialect: DialectName): Promise<PublishingApp> {
  const x = await startXStandIn();
  const http: HttpClient = testHttp();
  const connector = createXConnector({ api: x.url, authorize: x.authorizeUrl });
  const t = await createTestApp(dialect, {}, { connectors: catalogOf([connector]), http });
  const admin = await t.setupAdmin();
  const { db, keyring } = t.services;
  await saveNetworkApp(db, keyring, null, { network: "x", ...X_CLIENT });
  if (!connector.oauth) throw new Error("X has OAuth");
  const [granted] = await connect(connector.oauth, http, X_CLIENT, X_REDIRECT);
  if (!granted) throw new Error("nothing granted");
  const accountId = await createAccount(db, systemActor(), { network: "x", handle: granted.profile.handle });
  await saveCredentials(db, keyring, accountId, granted.credentials);
  await markConnected(db, systemActor(), accountId, granted.profile);
  return {
    t,
    x,
    admin,
    accountId,
    async dispose() {
      await t.dispose();
      await http.close();
      await x.close();
    },
  };
}

/** Signs in a new user with these roles (created by `admin`); returns the client and the user's id. */
export async function signInAs(app: TestApp, admin: TestClient, user: { email: string; name: string; roles: string[]; password: string }) {
  const created = await admin.post("/api/users", user);
  if (created.statusCode !== 201) throw new Error(`user not created: ${created.body}`);
  const client = app.client();
  await client.csrf();
  const login = await client.login(user.email, user.password);
  if (login.statusCode !== 200) throw new Error(`sign-in failed: ${login.body}`);
  return { client, id: created.json().id as string };
}
