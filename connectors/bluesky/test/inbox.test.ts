import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { catalogOf } from "../../../server/connections/catalog.js";
import { POLL_INTERVAL_MS, pollInboxSources } from "../../../server/inbox/poll/pollSources.js";
import { DIALECTS, TEST_DATABASE_URL } from "../../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../../test/helpers/testApp.js";
import { type BlueskyNetwork, startBlueskyNetwork } from "../../../test/servers/bluesky/pds.js";
import type { HttpClient } from "../../http/types.js";
import { blueskyConnector } from "../index.js";
import { type Person, personOn } from "./network.js";
import { clientFor, pdsHttp, signedInAs, storedRecord } from "./support.js";

// One network (PDS, PLC directory and AppView) for the whole file: it takes seconds to start.
let net: BlueskyNetwork;
let bob: Person;
beforeAll(async () => {
  net = await startBlueskyNetwork({ postgresUrl: TEST_DATABASE_URL });
  bob = await personOn(net, net.bob);
});
afterAll(async () => {
  await net?.stop();
});

describe.each(DIALECTS)("the Bluesky inbox (real PDS and AppView) on %s", (dialect) => {
  let t: TestApp;
  let http: HttpClient;
  let admin: TestClient;
  beforeEach(async () => {
    http = pdsHttp();
    t = await createTestApp(dialect, {}, { connectors: catalogOf([blueskyConnector]), http });
    admin = await t.setupAdmin();
  });
  afterEach(async () => {
    await t.dispose();
    await http.close();
  });

  const messages = () =>
    t.services.db
      .selectFrom("inbox_messages")
      .innerJoin("inbox_conversations", "inbox_conversations.id", "inbox_messages.conversation_id")
      .select([
        "inbox_messages.external_id",
        "inbox_messages.direction",
        "inbox_messages.conversation_id",
        "inbox_conversations.thread_key",
      ])
      .orderBy("inbox_messages.sent_at")
      .execute();

  it("reads mentions and replies once, threads replies under their post, and answers on Bluesky as a real reply", async () => {
    // Each dialect's run connects alice with an app password of its own.
    const appPassword = (await (await signedInAs(net, net.alice)).com.atproto.server.createAppPassword({ name: `inbox-${dialect}` })).data
      .password;
    const me = (await admin.get("/api/me")).json().user;
    const account = (await admin.post("/api/accounts", { network: "bluesky", handle: net.alice.handle, ownerId: me.id })).json();
    const connected = await admin.post(`/api/accounts/${account.id}/connect`, {
      identifier: net.alice.handle,
      secret: appPassword,
      baseUrl: net.url,
    });
    expect(connected.statusCode, connected.body).toBe(200);

    const ours = await clientFor(http, net, net.alice).publish(
      { text: `Our Lisbon lounge is open (${dialect})` },
      { idempotencyKey: dialect },
    );
    const oursRef = await bob.ref(ours.remoteId);
    const mention = await bob.post(`@${net.alice.handle} my bag never arrived in Lisbon and nobody answers (${dialect})`);
    const reply = await bob.reply(`Is it open to economy passengers? (${dialect})`, oursRef);
    const deeper = await bob.reply(`And is there a shower? (${dialect})`, reply, oursRef);
    await net.processAll();

    const now = new Date();
    // Two streams per Bluesky channel: mentions (notifications) and comments under its recent posts.
    const first = await pollInboxSources(t.services, now);
    expect(first).toMatchObject({ polled: 2, failed: 0 });
    // Polled again: nothing is stored twice.
    const second = await pollInboxSources(t.services, new Date(now.getTime() + POLL_INTERVAL_MS));
    expect(second).toMatchObject({ polled: 2, failed: 0, stored: 0 });
    const stored = await messages();
    const byId = (uri: string) => stored.filter((m) => m.external_id === uri);
    for (const uri of [mention.uri, reply.uri, deeper.uri]) expect(byId(uri)).toHaveLength(1);
    // Both replies sit under our post; the mention is a conversation of its own.
    expect(byId(reply.uri)[0]?.thread_key).toBe(`post:${ours.remoteId}`);
    expect(byId(deeper.uri)[0]?.conversation_id).toBe(byId(reply.uri)[0]?.conversation_id);
    const mentionConversation = byId(mention.uri)[0]?.conversation_id as string;
    expect(mentionConversation).not.toBe(byId(reply.uri)[0]?.conversation_id);

    // Answered from the inbox: a real Bluesky reply to the mention, in its thread.
    const answered = await admin.post(`/api/inbox/conversations/${mentionConversation}/replies`, {
      text: "So sorry about your bag. Please send us your booking reference and we will trace it today.",
    });
    expect(answered.statusCode, answered.body).toBe(201);
    const answer = answered.json();
    expect(answer.remoteId).toMatch(new RegExp(`^at://${net.alice.did}/app\\.bsky\\.feed\\.post/`));
    expect(await storedRecord(net, answer.remoteId)).toMatchObject({
      text: expect.stringContaining("So sorry about your bag"),
      reply: { parent: { uri: mention.uri }, root: { uri: mention.uri } },
    });

    // The customer answers our reply once they see it (the AppView has indexed it): it joins the same conversation.
    await net.processAll();
    const followUp = await bob.reply(`It is ABC123, thanks (${dialect})`, await bob.ref(answer.remoteId), await bob.ref(mention.uri));
    await net.processAll();
    expect(await pollInboxSources(t.services, new Date(now.getTime() + 3 * POLL_INTERVAL_MS))).toMatchObject({ failed: 0, stored: 1 });
    const after = await messages();
    expect(after.filter((m) => m.external_id === followUp.uri).map((m) => m.conversation_id)).toEqual([mentionConversation]);
    expect(after.filter((m) => m.conversation_id === mentionConversation).map((m) => m.direction)).toEqual(["in", "out", "in"]);
  });
});
