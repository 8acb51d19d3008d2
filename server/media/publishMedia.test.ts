/**
 * An image attached in Switchboard reaches real networks: a real Bluesky PDS (as an image embed with its
 * alt text) and a real WordPress (as the post's featured image with its alt text), byte for byte.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { wordPressHttp, wpRest } from "../../connectors/wordpress/test/fixtures.js";
import { DIALECTS } from "../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";
import { type BlueskyPds, startBlueskyPds } from "../../test/servers/bluesky/pds.js";
import { startWordPress, type TestWordPress } from "../../test/servers/wordpress/startWordPress.js";
import { runDuePublishing } from "../posts/engine/runDue.js";
import { png } from "./test/images.js";

const ALT = "A blue square: the Switchboard logo's colour";

let pds: BlueskyPds;
let wp: TestWordPress;
beforeAll(async () => {
  [pds, wp] = await Promise.all([startBlueskyPds(), startWordPress()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([pds?.stop(), wp?.stop()]);
});

interface BlueskyRecord {
  value: { text: string; embed?: { images?: { alt: string; image: { ref: { $link: string }; mimeType: string } }[] } };
}

async function blueskyRecord(text: string): Promise<BlueskyRecord | undefined> {
  const res = await fetch(`${pds.url}/xrpc/com.atproto.repo.listRecords?repo=${pds.alice.did}&collection=app.bsky.feed.post&limit=100`);
  return ((await res.json()) as { records: BlueskyRecord[] }).records.find((r) => r.value.text === text);
}

describe.each(DIALECTS)("publishing a post with an image to a real PDS and a real WordPress on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let channels: string[] = [];
  const http = wordPressHttp();

  beforeEach(async () => {
    t = await createTestApp(dialect, {}, { http });
    admin = await t.setupAdmin();
    const connect = async (network: string, handle: string, body: Record<string, string>) => {
      const account = (await admin.post("/api/accounts", { network, handle })).json();
      const res = await admin.post(`/api/accounts/${account.id}/connect`, body);
      expect(res.statusCode, res.body).toBe(200);
      return account.id as string;
    };
    channels = [
      await connect("bluesky", pds.alice.handle, { baseUrl: pds.url, identifier: pds.alice.handle, secret: pds.alice.appPassword }),
      await connect("wordpress", "blog.example.org", {
        baseUrl: wp.url,
        identifier: wp.admin.username,
        secret: wp.admin.applicationPassword,
      }),
    ];
  }, 60_000);
  afterEach(async () => {
    await t.dispose();
  });
  afterAll(async () => {
    await http.close();
  });

  it("sends the stored image with its alt text, once, to each network", async () => {
    const image = png(64, 48);
    const uploaded = await admin.request({
      method: "POST",
      url: `/api/media?alt=${encodeURIComponent(ALT)}`,
      headers: { "content-type": "image/png" },
      payload: image,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const text = `Our new colours (${dialect} ${Date.now()})`;
    const composed = await admin.post("/api/posts", {
      text,
      timeZone: "Europe/Berlin",
      scheduledAt: new Date().toISOString(),
      variants: channels.map((accountId) => ({ accountId })),
      mediaIds: [uploaded.json().id],
    });
    expect(composed.statusCode, composed.body).toBe(201);
    expect(composed.json().status).toBe("scheduled");

    const later = new Date(Date.now() + 1000);
    expect((await runDuePublishing(t.services, "media-e2e", later)).sort()).toEqual(["published", "published"]);

    // Bluesky: an image embed with the alt text, whose blob is our file.
    const record = await blueskyRecord(text);
    const [embedded] = record?.value.embed?.images ?? [];
    expect(embedded).toMatchObject({ alt: ALT, image: { mimeType: "image/png" } });
    const blob = await fetch(`${pds.url}/xrpc/com.atproto.sync.getBlob?did=${pds.alice.did}&cid=${embedded?.image.ref.$link}`);
    expect(Buffer.from(await blob.arrayBuffer()).equals(image)).toBe(true);

    // WordPress: the featured image, with the alt text, whose original is our file.
    const published = (await admin.get(`/api/posts/${composed.json().id}`)).json();
    const wpVariant = published.variants.find((v: { network: string }) => v.network === "wordpress");
    const wpPostId = (
      await t.services.db.selectFrom("post_variants").select("remote_id").where("id", "=", wpVariant.id).executeTakeFirstOrThrow()
    ).remote_id;
    const wpPost = (await wpRest(wp, `wp/v2/posts/${wpPostId}`)).json as unknown as { featured_media: number };
    expect(wpPost.featured_media).toBeGreaterThan(0);
    const media = (await wpRest(wp, `wp/v2/media/${wpPost.featured_media}`)).json as unknown as {
      alt_text: string;
      mime_type: string;
      source_url: string;
      media_details: { width: number; height: number };
    };
    expect(media).toMatchObject({ alt_text: ALT, mime_type: "image/png", media_details: { width: 64, height: 48 } });
    const original = await fetch(media.source_url);
    expect(Buffer.from(await original.arrayBuffer()).equals(image)).toBe(true);
  });
});
