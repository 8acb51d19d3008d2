/**
 * Connecting a WordPress site through Switchboard's API, end to end: the inventory entry, the application
 * password checked against a real WordPress and kept only in the vault, the health check, and a publish
 * through the server's connector plumbing (which must find the user name again).
 */
import type { LightMyRequestResponse } from "fastify";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { catalogOf } from "../../../server/connections/catalog.js";
import { withClient } from "../../../server/connections/withClient.js";
import { pollInboxSources } from "../../../server/inbox/poll/pollSources.js";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { dumpDatabase } from "../../../test/helpers/dumpDatabase.js";
import { createTestApp, type TestApp, type TestClient } from "../../../test/helpers/testApp.js";
import { startWordPress, type TestWordPress } from "../../../test/servers/wordpress/startWordPress.js";
import { wordPressConnector } from "../index.js";
import { wpRest } from "./fixtures.js";

let wp: TestWordPress;
beforeAll(async () => {
  wp = await startWordPress();
});
afterAll(async () => {
  await wp?.stop();
});

describe.each(DIALECTS)("connecting a WordPress site through the server (real WordPress) on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  const responses: LightMyRequestResponse[] = [];
  const record = async (res: Promise<LightMyRequestResponse>) => {
    const answer = await res;
    responses.push(answer);
    return answer;
  };

  beforeEach(async () => {
    t = await createTestApp(dialect, {}, { connectors: catalogOf([wordPressConnector]) });
    admin = await t.setupAdmin();
  });
  afterEach(async () => {
    await t.dispose();
  });

  it("checks the application password, keeps it only in the vault, and publishes with it later", async () => {
    const password = wp.admin.applicationPassword;
    const me = (await admin.get("/api/me")).json().user;
    const account = (
      await record(admin.post("/api/accounts", { network: "wordpress", handle: "blog.example.org", ownerId: me.id }))
    ).json();

    const missingSite = await record(admin.post(`/api/accounts/${account.id}/connect`, { identifier: "admin", secret: password }));
    expect(missingSite.json().error.code).toBe("base_url_required");

    const refused = await record(
      admin.post(`/api/accounts/${account.id}/connect`, { identifier: "admin", secret: "abcd efgh ijkl mnop qrst uvwx", baseUrl: wp.url }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: "network_auth_expired" });
    expect(refused.json().error.message).toContain("WordPress: You are not currently logged in.");

    const connected = await record(
      admin.post(`/api/accounts/${account.id}/connect`, { identifier: "admin", secret: password, baseUrl: `${wp.url}/` }),
    );
    expect(connected.statusCode).toBe(200);
    expect(connected.json()).toMatchObject({
      authorizationUrl: null,
      account: { connectionStatus: "connected", url: wp.url, connection: { externalId: "1" } },
    });
    expect(
      connected
        .json()
        .account.connection.credentials.map((c: { kind: string }) => c.kind)
        .sort(),
    ).toEqual(["access_token", "identifier"]);

    const checked = await record(admin.post(`/api/accounts/${account.id}/check`));
    expect(checked.json()).toMatchObject({ connectionStatus: "connected", connection: { lastError: null } });
    const audit = await record(admin.get(`/api/audit?targetId=${account.id}`));
    expect(audit.json().events.map((e: { action: string }) => e.action)).toContain("account.connected");

    // The server finds the user name and the password again, from the vault, to publish.
    const published = await withClient(t.services, account.id, (client) =>
      client.publish({ text: "Via Switchboard\nHello." }, { idempotencyKey: "e2e" }),
    );
    expect((await wpRest(wp, `wp/v2/posts/${published.remoteId}?context=edit`)).json.title).toMatchObject({ raw: "Via Switchboard" });

    // The password is in no answer, header or database row, however it is written.
    const compact = password.replaceAll(" ", "");
    for (const res of responses) {
      const seen = `${JSON.stringify(res.headers)}\n${res.body}`;
      expect(seen).not.toContain(password);
      expect(seen).not.toContain(compact);
    }
    const dump = await dumpDatabase(t.services.db);
    expect(dump).not.toContain(password);
    expect(dump).not.toContain(compact);
  });

  it("brings a reader's comment under our post into the inbox, classified, and sends the answer back as a comment", async () => {
    const me = (await admin.get("/api/me")).json().user;
    const account = (await admin.post("/api/accounts", { network: "wordpress", handle: "news.example.org", ownerId: me.id })).json();
    const connected = await admin.post(`/api/accounts/${account.id}/connect`, {
      identifier: "admin",
      secret: wp.admin.applicationPassword,
      baseUrl: wp.url,
    });
    expect(connected.statusCode, connected.body).toBe(200);
    // Our post, as the publish engine leaves it: published, with the id WordPress gave it.
    const post = (
      await admin.post("/api/posts", {
        text: "Winter timetable\nOut now.",
        timeZone: "UTC",
        scheduledAt: new Date().toISOString(),
        variants: [{ accountId: account.id }],
      })
    ).json();
    const { remoteId } = await withClient(t.services, account.id, (client) =>
      client.publish({ text: "Winter timetable\nOut now." }, { idempotencyKey: `wp-${dialect}` }),
    );
    await t.services.db
      .updateTable("post_variants")
      .set({ status: "published", remote_id: remoteId, published_at: new Date().toISOString() })
      .where("post_id", "=", post.id)
      .execute();
    const question = await wpRest(wp, "wp/v2/comments", {
      method: "POST",
      json: {
        post: Number(remoteId),
        author_name: "Annoyed Reader",
        author_email: "reader@example.com",
        content: "The 7:15 was cancelled again and nobody told us. Terrible service.",
        status: "approved",
      },
    });
    expect(question.status).toBe(201);

    expect(await pollInboxSources(t.services)).toMatchObject({ failed: 0, stored: 1 });
    const [conversation] = (await admin.get("/api/inbox/conversations")).json().items;
    expect(conversation).toMatchObject({ account: { id: account.id, network: "wordpress" }, kind: "comment", sentiment: "negative" });

    const reply = await admin.post(`/api/inbox/conversations/${conversation.id}/replies`, {
      text: "We are sorry the 7:15 was cancelled without notice. We will post changes here first from now on.",
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const onSite = (await wpRest(wp, `wp/v2/comments?post=${remoteId}&parent=${question.json.id}`)).json as unknown as {
      content: { rendered: string };
    }[];
    expect(onSite.map((c) => c.content.rendered)).toEqual([expect.stringContaining("We are sorry the 7:15 was cancelled")]);
  });
});
