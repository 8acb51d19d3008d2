import { createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { createTestApp, type TestApp } from "../../../test/helpers/testApp.js";
import { createAccount } from "../../accounts/saveAccount.js";
import { systemActor } from "../../audit/context.js";
import { markConnected } from "../../connections/connectionState.js";
import { saveNetworkApp } from "../../connections/networkApps.js";
import { metaVerifyToken } from "./metaWebhook.js";

const SECRET = "meta-app-secret-for-tests";
const sign = (body: string, secret = SECRET) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

describe.each(DIALECTS)("Meta Page webhooks into the inbox on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await t.setupAdmin();
    const { db, keyring } = t.services;
    await saveNetworkApp(db, keyring, null, { network: "facebook", clientId: "app-1", clientSecret: SECRET });
    const id = await createAccount(db, systemActor(), { network: "facebook", handle: "Acme Air" });
    await markConnected(db, systemActor(), id, { externalId: "page-1", handle: "Acme Air", displayName: "Acme Air", url: null });
  });
  afterEach(async () => {
    await t.dispose();
  });

  const deliver = (body: string, signature = sign(body)) =>
    t.app.inject({
      method: "POST",
      url: "/api/inbox/webhooks/meta",
      headers: { "content-type": "application/json", "x-hub-signature-256": signature },
      payload: body,
    });
  const payload = (pageId: string) =>
    JSON.stringify({
      object: "page",
      entry: [
        {
          id: pageId,
          time: 1_763_900_000,
          changes: [
            {
              field: "feed",
              value: {
                item: "comment",
                verb: "add",
                comment_id: "post-9_c1",
                post_id: "post-9",
                parent_id: "post-9",
                message: "Two hours on the tarmac and no water. Unacceptable.",
                created_time: 1_763_900_000,
                from: { id: "user-77", name: "Robin" },
              },
            },
          ],
          messaging: [
            {
              sender: { id: "user-78" },
              recipient: { id: pageId },
              timestamp: 1_763_900_001_000,
              message: { mid: "m_1", text: "Can I change my seat?" },
            },
          ],
        },
      ],
    });
  const messages = () => t.services.db.selectFrom("inbox_messages").select(["external_id", "sentiment"]).orderBy("external_id").execute();

  it("stores a signed delivery's comments and messages once, however often Meta redelivers it", async () => {
    const body = payload("page-1");
    const first = await deliver(body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ received: 2, stored: 2 });
    expect((await deliver(body)).json()).toMatchObject({ received: 2, stored: 0 });
    expect(await messages()).toMatchObject([{ external_id: "m_1" }, { external_id: "post-9_c1", sentiment: "negative" }]);
    const conversations = await t.services.db.selectFrom("inbox_conversations").select(["kind", "thread_key"]).orderBy("kind").execute();
    expect(conversations).toEqual([
      { kind: "comment", thread_key: "post:post-9" },
      { kind: "message", thread_key: "dm:user-78" },
    ]);
  });

  it("refuses a forged or malformed delivery with a 4xx, and parks one for a page that is no channel here", async () => {
    const body = payload("page-1");
    expect((await deliver(body, sign(body, "someone else's secret"))).json().error.code).toBe("bad_signature");
    expect((await deliver(body, "")).statusCode).toBe(401);
    expect((await deliver(`${body} tampered`, sign(body))).statusCode).toBe(401);
    const garbage = "{not json";
    const malformed = await deliver(garbage);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe("malformed_body");
    expect((await deliver(JSON.stringify({ object: "page", entry: "no" }))).statusCode).toBe(400);
    expect(await messages()).toEqual([]);

    const stranger = await deliver(payload("page-unknown"));
    expect(stranger.statusCode).toBe(200);
    const parked = await t.services.db.selectFrom("inbox_parked_events").selectAll().execute();
    expect(parked).toMatchObject([{ source: "meta" }]);
    expect(parked[0]?.reason).toContain("page-unknown");
  });

  it("answers Meta's verification handshake only with this server's verify token", async () => {
    const token = metaVerifyToken(SECRET);
    const ok = await t.app.inject({
      method: "GET",
      url: `/api/inbox/webhooks/meta?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=42abc`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe("42abc");
    const bad = await t.app.inject({
      method: "GET",
      url: "/api/inbox/webhooks/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1",
    });
    expect(bad.statusCode).toBe(403);
  });
});
