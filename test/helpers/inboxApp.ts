import type { DialectName } from "../../server/db/capabilities.js";
import { ingestBatch } from "../../server/inbox/ingest/ingest.js";
import type { InboundEvent } from "../../server/inbox/ingest/types.js";
import { compileRules } from "../../server/inbox/routing/rules.js";
import { loadRoutingRules } from "../../server/inbox/routing/store.js";
import { signInAs } from "./publishingApp.js";
import { createTestApp, type TestApp, type TestClient } from "./testApp.js";

export interface InboxApp {
  t: TestApp;
  admin: TestClient;
  agent: { client: TestClient; id: string };
  viewer: { client: TestClient; id: string };
  accountId: string;
  /** A mention on the channel from `who` at minute `minute` of 23 Nov 2026, 09:00 UTC. */
  mention(remoteId: string, text: string, minute: number, more?: Partial<InboundEvent>): InboundEvent;
  /** Ingests as the pollers do, with the stored routing rules. */
  ingest(events: InboundEvent[]): Promise<void>;
  dispose(): Promise<void>;
}

export const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 9, minute));

/** An app with a Bluesky channel, an agent and a viewer signed in (the admin too). */
export async function startInboxApp(dialect: DialectName): Promise<InboxApp> {
  const t = await createTestApp(dialect);
  const admin = await t.setupAdmin();
  const agent = await signInAs(t, admin, {
    email: "aga@example.com",
    name: "Aga Agent",
    roles: ["agent"],
    password: "an agent works the inbox",
  });
  const viewer = await signInAs(t, admin, {
    email: "vic@example.com",
    name: "Vic Viewer",
    roles: ["viewer"],
    password: "a viewer only looks",
  });
  const account = await admin.post("/api/accounts", { network: "bluesky", handle: "acme.example" });
  if (account.statusCode !== 201) throw new Error(`account not created: ${account.body}`);
  const accountId = account.json().id as string;
  return {
    t,
    admin,
    agent,
    viewer,
    accountId,
    mention: (remoteId, text, minute, more = {}) => ({
      accountId,
      network: "bluesky",
      kind: "mention",
      remoteId,
      text,
      createdAt: at(minute),
      author: { externalId: "did:plc:jo", handle: "jo.example", displayName: "Jo" },
      ...more,
    }),
    async ingest(events) {
      const { db } = t.services;
      await ingestBatch(db, events, { rules: compileRules(await loadRoutingRules(db)) });
    },
    dispose: () => t.dispose(),
  };
}
