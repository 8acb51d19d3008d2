import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type BlueskyPds, startBlueskyPds } from "../../../test/servers/bluesky/pds.js";
import { checkPost } from "../../constraints.js";
import { createHttpClient } from "../../http/client.js";
import type { HttpClient } from "../../http/types.js";
import { rejection } from "../../test/assertions.js";
import { publishThread } from "../../thread.js";
import { blueskyConnector } from "../index.js";
import { parseRecordUri } from "../mapping.js";
import { solidPng } from "./png.js";
import { clientFor, latch, pdsHttp, startAnswerSwallowingProxy, startFileServer, storedPosts, storedRecord } from "./support.js";

let pds: BlueskyPds;
let http: HttpClient;
beforeAll(async () => {
  pds = await startBlueskyPds();
});
afterAll(async () => {
  await pds?.stop();
});
beforeEach(() => {
  http = pdsHttp();
});
afterEach(async () => {
  await http.close();
});

const utf8 = new TextEncoder();
const bytes = (text: string) => utf8.encode(text).length;
/** Where `part` sits in `text`, in UTF-8 bytes: what a facet's index must say. */
function byteRange(text: string, part: string) {
  const at = text.indexOf(part);
  if (at === -1) throw new Error(`${part} is not in the text`);
  return { byteStart: bytes(text.slice(0, at)), byteEnd: bytes(text.slice(0, at)) + bytes(part) };
}

describe("Bluesky connector against a real PDS: publishing", () => {
  it("publishes text with link, mention and hashtag facets at the right UTF-8 byte offsets", async () => {
    // Multi-byte characters before every facet: counting UTF-16 units or code points would misplace them.
    const text = "Grüße 👩‍👩‍👧 an @bob.test — lies https://example.com/über?x=1 #Café! Und @nobody.test";
    const published = await clientFor(http, pds, pds.alice).publish({ text }, { idempotencyKey: "facets-1" });
    expect(published.remoteId).toMatch(new RegExp(`^at://${pds.alice.did}/app.bsky.feed.post/[2-7a-j][2-7a-z]{12}$`));
    expect(published.url).toBe(`https://bsky.app/profile/${pds.alice.did}/post/${parseRecordUri(published.remoteId).rkey}`);

    const record = await storedRecord(pds, published.remoteId);
    expect(record.text).toBe(text);
    expect(record.facets).toEqual([
      {
        $type: "app.bsky.richtext.facet",
        index: byteRange(text, "@bob.test"),
        features: [{ $type: "app.bsky.richtext.facet#mention", did: pds.bob.did }],
      },
      {
        index: byteRange(text, "https://example.com/über?x=1"),
        features: [{ $type: "app.bsky.richtext.facet#link", uri: "https://example.com/über?x=1" }],
      },
      { index: byteRange(text, "#Café"), features: [{ $type: "app.bsky.richtext.facet#tag", tag: "Café" }] },
    ]);
    // A handle that does not exist stays plain text, as in the Bluesky app.
    const encoded = utf8.encode(text);
    const decoder = new TextDecoder();
    const facets = record.facets as { index: { byteStart: number; byteEnd: number } }[];
    expect(facets.map((f) => decoder.decode(encoded.slice(f.index.byteStart, f.index.byteEnd)))).toEqual([
      "@bob.test",
      "https://example.com/über?x=1",
      "#Café",
    ]);
  });

  it("uploads an image as a blob with its alt text", async () => {
    const png = solidPng(3, 2, [255, 120, 0]);
    const files = await startFileServer({ "/media/orange.png": { type: "image/png", body: png } });
    try {
      const client = clientFor(http, pds, pds.alice);
      const alt = "An orange rectangle";
      const published = await client.publish(
        { text: "With a picture", media: [{ url: `${files.url}/media/orange.png`, mimeType: "image/png", altText: alt }] },
        { idempotencyKey: "image-1" },
      );
      const record = await storedRecord(pds, published.remoteId);
      const embed = record.embed as { $type: string; images: { alt: string; image: { mimeType: string; size: number; ref: unknown } }[] };
      expect(embed.$type).toBe("app.bsky.embed.images");
      expect(embed.images).toHaveLength(1);
      expect(embed.images[0]).toMatchObject({ alt, image: { mimeType: "image/png", size: png.length } });
      // The PDS has the very bytes.
      const cid = String(embed.images[0]?.image.ref);
      const blob = await fetch(`${pds.url}/xrpc/com.atproto.sync.getBlob?did=${pds.alice.did}&cid=${cid}`);
      expect(Buffer.from(await blob.arrayBuffer()).equals(png)).toBe(true);
    } finally {
      await files.close();
    }
  });

  it("refuses an image over 1,000,000 bytes or of another type before uploading anything", async () => {
    const big = new Uint8Array(1_000_001);
    const files = await startFileServer({ "/big.png": { type: "image/png", body: big } });
    try {
      const client = clientFor(http, pds, pds.alice);
      const tooBig = await rejection(
        client.publish({ text: "big", media: [{ url: `${files.url}/big.png`, mimeType: "image/png" }] }, { idempotencyKey: "big" }),
      );
      expect(tooBig.kind).toBe("rejected");
      expect(tooBig.message).toBe("Bluesky accepts images up to 1,000,000 bytes; image 1 has 1,000,001.");
      const video = await rejection(
        client.publish({ text: "v", media: [{ url: `${files.url}/v.mp4`, mimeType: "video/mp4" }] }, { idempotencyKey: "video" }),
      );
      expect(video.message).toContain("image 1 is video/mp4");
      const missing = await rejection(
        client.publish({ text: "m", media: [{ url: `${files.url}/gone.png`, mimeType: "image/png" }] }, { idempotencyKey: "gone" }),
      );
      expect(missing).toMatchObject({ kind: "rejected", message: "Image 1 could not be downloaded (HTTP 404)." });
      expect(http.recent().filter((r) => r.operation === "com.atproto.repo.uploadBlob")).toEqual([]);
    } finally {
      await files.close();
    }
  });

  it("publishes a thread of three: every reply names the first post as root and the one before as parent", async () => {
    const client = clientFor(http, pds, pds.alice);
    const posts = await publishThread(client, [{ text: "1/3 Start" }, { text: "2/3 Middle" }, { text: "3/3 End" }], (i) => `thread-${i}`);
    const records = await Promise.all(posts.map((p) => storedRecord(pds, p.remoteId)));
    const ref = (i: number) => expect.objectContaining({ uri: posts[i]?.remoteId, cid: expect.any(String) });
    expect(records[0]?.reply).toBeUndefined();
    expect(records[1]?.reply).toEqual({ root: ref(0), parent: ref(0) });
    expect(records[2]?.reply).toEqual({ root: ref(0), parent: ref(1) });

    await client.delete?.(posts[2]?.remoteId ?? "");
    const orphan = await rejection(client.publish({ text: "4/3?", inReplyTo: posts[2]?.remoteId }, { idempotencyKey: "thread-orphan" }));
    expect(orphan).toMatchObject({ kind: "rejected", message: "Bluesky: the post this one continues no longer exists." });
  });

  it("deletes a post, and deleting it again resolves", async () => {
    const client = clientFor(http, pds, pds.alice);
    const { remoteId } = await client.publish({ text: "Oops" }, { idempotencyKey: "to-delete" });
    await client.delete?.(remoteId);
    await expect(storedRecord(pds, remoteId)).rejects.toThrow(/Could not locate record/);
    await expect(client.delete?.(remoteId)).resolves.toBeUndefined();
    const otherAccount = `at://${pds.bob.did}/app.bsky.feed.post/3jzfcijpj2z2a`;
    expect((await rejection(client.delete?.(otherAccount) ?? Promise.resolve())).kind).toBe("rejected");
  });

  it("publishing again with the same idempotency key returns the first post instead of a second copy", async () => {
    const before = (await storedPosts(pds, pds.alice)).length;
    const once = await clientFor(http, pds, pds.alice).publish({ text: "Only once" }, { idempotencyKey: "once" });
    // A retry after an unknown outcome: a new client, a later time.
    const later = () => new Date(Date.now() + 60_000);
    const retryHttp = pdsHttp();
    try {
      const again = await clientFor(retryHttp, pds, pds.alice, { now: later }).publish({ text: "Only once" }, { idempotencyKey: "once" });
      expect(again).toEqual(once);
    } finally {
      await retryHttp.close();
    }
    // Two tries racing: both find the key free, the PDS takes one write and refuses the other (InvalidSwap),
    // which then answers with the post that won. The second try is held just before its write.
    const release = latch();
    const atWrite = latch();
    const gated: HttpClient = {
      ...http,
      request: async (req) => {
        if (req.operation === "com.atproto.repo.putRecord") {
          atWrite.resolve();
          await release.promise;
        }
        return http.request(req);
      },
    };
    const second = clientFor(gated, pds, pds.alice).publish({ text: "Race" }, { idempotencyKey: "race" });
    await atWrite.promise;
    const first = await clientFor(http, pds, pds.alice).publish({ text: "Race" }, { idempotencyKey: "race" });
    release.resolve();
    expect(await second).toEqual(first);
    expect(
      http
        .recent()
        .filter((r) => r.operation === "com.atproto.repo.putRecord")
        .map((r) => r.status),
    ).toEqual([200, 200, 400]);
    expect((await storedPosts(pds, pds.alice)).length).toBe(before + 2);
  });

  it("reports a publish whose answer never came as unknown_outcome, and publishing again settles it", async () => {
    const proxy = await startAnswerSwallowingProxy(pds.url, ["com.atproto.repo.putRecord"]);
    const impatient = createHttpClient({ timeouts: { headersMs: 1500 }, proxy: { httpProxy: "", httpsProxy: "", noProxy: "" } });
    try {
      const before = (await storedPosts(pds, pds.alice)).length;
      const post = { text: "Did it go out?" };
      const lost = await rejection(clientFor(impatient, { ...pds, url: proxy.url }, pds.alice).publish(post, { idempotencyKey: "lost" }));
      expect(lost.kind).toBe("unknown_outcome");
      // Reconciling, as the server does for an `idempotency-key` network: the same key again.
      const settled = await clientFor(http, pds, pds.alice).publish(post, { idempotencyKey: "lost" });
      expect((await storedRecord(pds, settled.remoteId)).text).toBe("Did it go out?");
      expect((await storedPosts(pds, pds.alice)).length).toBe(before + 1);
    } finally {
      await impatient.close();
      await proxy.close();
    }
  });

  it("counts graphemes as the PDS does: 300 skin-toned emoji pass, 301 are refused with the PDS's reason", async () => {
    const client = clientFor(http, pds, pds.alice);
    const fits = "👍🏽".repeat(300);
    expect(checkPost(blueskyConnector, { text: fits })).toEqual([]);
    const published = await client.publish({ text: fits }, { idempotencyKey: "graphemes-300" });
    expect((await storedRecord(pds, published.remoteId)).text).toBe(fits);

    const tooLong = `${fits}👩‍👩‍👧`;
    expect(checkPost(blueskyConnector, { text: tooLong }).map((v) => v.code)).toEqual(["text_too_long"]);
    const error = await rejection(client.publish({ text: tooLong }, { idempotencyKey: "graphemes-301" }));
    expect(error.kind).toBe("rejected");
    expect(error.message).toBe("Bluesky: Invalid app.bsky.feed.post record: grapheme too big (maximum 300, got 301) at $.record.text");
  });

  it("is refused by the PDS beyond 3,000 bytes of text, even within 300 graphemes", async () => {
    const text = "👨‍👩‍👧‍👦".repeat(121); // 121 graphemes of 25 bytes each: 3,025 bytes
    expect(checkPost(blueskyConnector, { text })).toEqual([]);
    const error = await rejection(clientFor(http, pds, pds.alice).publish({ text }, { idempotencyKey: "bytes" }));
    expect(error.kind).toBe("rejected");
    expect(error.message).toBe("Bluesky: Invalid app.bsky.feed.post record: string too big (maximum 3000, got 3025) at $.record.text");
  });
});
