import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFacebookConnector } from "../../../connectors/facebook/index.js";
import type { HttpClient } from "../../../connectors/http/types.js";
import { type GraphStandIn, startGraphStandIn } from "../../../connectors/meta/test/graphStandIn.js";
import { META_APP, META_REDIRECT, PAGE_ID } from "../../../connectors/meta/test/graphState.js";
import { connect, testHttp } from "../../../connectors/test/harness.js";
import { DIALECTS } from "../../../test/helpers/databases.js";
import { createTestApp, type TestApp } from "../../../test/helpers/testApp.js";
import { createAccount } from "../../accounts/saveAccount.js";
import { systemActor } from "../../audit/context.js";
import { catalogOf } from "../../connections/catalog.js";
import { markConnected } from "../../connections/connectionState.js";
import { saveCredentials } from "../../connections/credentials.js";
import { saveNetworkApp } from "../../connections/networkApps.js";
import { COMMENTS_WITHIN_MS, POLL_INTERVAL_MS, pollInboxSources } from "./pollSources.js";

// Comments under the channel's own posts: read from every network that offers them (here Facebook,
// through the Graph API stand-in), threaded into one conversation per post.
describe.each(DIALECTS)("polling comments under a channel's posts (Graph API stand-in) on %s", (dialect) => {
  let graph: GraphStandIn;
  let http: HttpClient;
  let t: TestApp;
  let accountId: string;

  beforeEach(async () => {
    graph = await startGraphStandIn();
    http = testHttp();
    const connector = createFacebookConnector({ graph: graph.url, dialog: graph.url, version: "v23.0" });
    t = await createTestApp(dialect, {}, { connectors: catalogOf([connector]), http });
    const { db, keyring } = t.services;
    await saveNetworkApp(db, keyring, null, { network: "facebook", ...META_APP });
    if (!connector.oauth) throw new Error("Facebook has OAuth");
    const page = (await connect(connector.oauth, http, META_APP, META_REDIRECT)).find((g) => g.profile.externalId === PAGE_ID);
    if (!page) throw new Error("page not granted");
    accountId = await createAccount(db, systemActor(), { network: "facebook", handle: page.profile.handle });
    await saveCredentials(db, keyring, accountId, page.credentials);
    await markConnected(db, systemActor(), accountId, page.profile);
  });
  afterEach(async () => {
    await t.dispose();
    await http.close();
    await graph.close();
  });

  /** A post of ours the engine published at `at`, with the remote id the network gave it. */
  const published = async (remoteId: string, at: Date) => {
    const { db } = t.services;
    graph.state.posts.push({
      id: remoteId,
      message: "Thoughts?",
      created_time: at.toISOString(),
      from: { id: PAGE_ID, name: "Switchboard" },
      pageId: PAGE_ID,
    });
    const admin = await db.selectFrom("users").select("id").executeTakeFirst();
    const authorId =
      admin?.id ??
      (
        await db
          .insertInto("users")
          .values({
            id: "author",
            email: "a@example.com",
            name: "A",
            password_hash: null,
            created_at: at.toISOString(),
            updated_at: at.toISOString(),
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const postId = `post-${remoteId}`;
    const iso = at.toISOString();
    await db
      .insertInto("posts")
      .values({
        id: postId,
        author_id: authorId,
        text: "Thoughts?",
        tags: "[]",
        time_zone: "UTC",
        scheduled_at: iso,
        status: "published",
        version: 1,
        created_at: iso,
        updated_at: iso,
      })
      .execute();
    await db
      .insertInto("post_variants")
      .values({
        id: `v-${remoteId}`,
        post_id: postId,
        account_id: accountId,
        network: "facebook",
        thread_parts: "[]",
        status: "published",
        remote_id: remoteId,
        published_at: iso,
      })
      .execute();
  };
  const comment = (id: string, message: string, from = "42") => ({
    id,
    message,
    created_time: new Date().toISOString(),
    from: { id: from, name: `Person ${from}` },
  });

  it("reads new comments under recent posts once, one conversation per post; old posts are left alone", async () => {
    const now = new Date();
    await published(`${PAGE_ID}_1`, new Date(now.getTime() - 3_600_000));
    await published(`${PAGE_ID}_2`, new Date(now.getTime() - COMMENTS_WITHIN_MS - 3_600_000));
    graph.state.comments.set(`${PAGE_ID}_1`, [
      comment("c1", "My flight was cancelled and nobody told me"),
      comment("c2", "Same here", "43"),
    ]);
    graph.state.comments.set(`${PAGE_ID}_2`, [comment("c9", "An old thread")]);

    expect(await pollInboxSources(t.services, now)).toMatchObject({ failed: 0, stored: 2 });
    const { db } = t.services;
    const conversations = await db.selectFrom("inbox_conversations").selectAll().execute();
    expect(conversations.map((c) => [c.kind, c.thread_key, c.message_count])).toEqual([["comment", `post:${PAGE_ID}_1`, 2]]);

    // The next poll stores only what is new.
    graph.state.comments.get(`${PAGE_ID}_1`)?.push(comment("c3", "Any news?", "44"));
    expect(await pollInboxSources(t.services, new Date(now.getTime() + POLL_INTERVAL_MS))).toMatchObject({ stored: 1 });
    expect(await db.selectFrom("inbox_messages").select("external_id").orderBy("external_id").execute()).toEqual([
      { external_id: "c1" },
      { external_id: "c2" },
      { external_id: "c3" },
    ]);
    const sources = await db.selectFrom("inbox_sources").select(["stream", "failures"]).orderBy("stream").execute();
    expect(sources).toEqual([
      { stream: "comments", failures: 0 },
      { stream: "mentions", failures: 0 },
    ]);
  });

  it("backs the comments off on their own when the network refuses them; mentions carry on", async () => {
    const now = new Date();
    // A post the network no longer has: reading its comments fails.
    const { db } = t.services;
    await published(`${PAGE_ID}_7`, new Date(now.getTime() - 60_000));
    graph.state.posts.length = 0;
    graph.state.tagged.push(comment("t1", "@Switchboard is the lounge open?"));
    expect(await pollInboxSources(t.services, now)).toMatchObject({ polled: 2, failed: 1, stored: 1 });
    const sources = await db.selectFrom("inbox_sources").select(["stream", "failures", "last_error"]).orderBy("stream").execute();
    expect(sources[0]).toMatchObject({ stream: "comments", failures: 1 });
    expect(sources[0]?.last_error).toMatch(/does not exist/);
    expect(sources[1]).toMatchObject({ stream: "mentions", failures: 0, last_error: null });
  });
});
