/**
 * The WordPress connector against a real WordPress (Playground: WordPress 6.5 on PHP 8.3 in WebAssembly,
 * see test/servers/wordpress). Failures WordPress cannot be made to produce on cue (a 503, an answer that
 * never comes) are played by a proxy in front of it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startWordPress, type TestWordPress, type WordPressUser } from "../../../test/servers/wordpress/startWordPress.js";
import type { HttpClient } from "../../http/types.js";
import { rejection } from "../../test/assertions.js";
import { testContext } from "../../test/harness.js";
import type { ConnectorClient } from "../../types.js";
import { wordPressConnector as connector } from "../index.js";
import { type ProxyFault, startFaultProxy } from "./faultProxy.js";
import { PNG, startImageServer, wordPressHttp, wpRest } from "./fixtures.js";

let wp: TestWordPress;
let images: Awaited<ReturnType<typeof startImageServer>>;
let http: HttpClient;

beforeAll(async () => {
  [wp, images] = await Promise.all([startWordPress(), startImageServer()]);
});
afterAll(async () => {
  await Promise.all([wp?.stop(), images?.close()]);
});
beforeEach(() => {
  http = wordPressHttp();
});
afterEach(async () => {
  await http.close();
});

function clientFor(user: WordPressUser, options: { password?: string; baseUrl?: string; http?: HttpClient } = {}): ConnectorClient {
  const credentials = { accessToken: options.password ?? user.applicationPassword, identifier: user.username };
  const account = { handle: "blog.example.org", baseUrl: options.baseUrl ?? wp.url };
  return connector.createClient(testContext(options.http ?? http, { clientId: "" }, credentials, account).context);
}

describe("WordPress connector against a real WordPress", () => {
  it("verifies the application password and reads the user's profile, with or without the password's spaces", async () => {
    const profile = await clientFor(wp.admin).verifyCredentials();
    expect(profile).toMatchObject({ externalId: "1", handle: "admin", displayName: "admin" });
    expect(profile.url?.startsWith(wp.url)).toBe(true);
    const compact = wp.admin.applicationPassword.replaceAll(" ", "");
    expect((await clientFor(wp.admin, { password: compact }).verifyCredentials()).externalId).toBe("1");
  });

  it("a wrong application password is auth_expired with WordPress's reason, and never repeats the password", async () => {
    const wrong = "abcd efgh ijkl mnop qrst uvwx";
    const error = await rejection(clientFor(wp.admin, { password: wrong }).verifyCredentials());
    expect(error.kind).toBe("auth_expired");
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/^WordPress: You are not currently logged in\./);
    expect(error.message).not.toContain("abcd");
  });

  it("a contributor may not publish: auth_expired naming what the user lacks", async () => {
    const error = await rejection(clientFor(wp.contributor).verifyCredentials());
    expect(error).toMatchObject({ kind: "auth_expired", networkCode: "missing_capability" });
    expect(error.message).toBe(
      "WordPress: contributor may not publish_posts or upload_files (roles: contributor). Connect a user with the Author role or above.",
    );
  });

  it("publishes the first line as the title and the rest as HTML paragraphs, and reads it back", async () => {
    const text = "Spring opening hours\nFrom Monday we open at 8.\n\nDetails & map: https://example.org/hours <3";
    const published = await clientFor(wp.admin).publish({ text }, { idempotencyKey: "k1" });
    const post = await wpRest(wp, `wp/v2/posts/${published.remoteId}?context=edit`);
    expect(post.json).toMatchObject({ status: "publish", link: published.url, author: 1 });
    expect(post.json.title).toMatchObject({ raw: "Spring opening hours" });
    expect(post.json.content).toMatchObject({
      raw: '<p>From Monday we open at 8.</p>\n<p>Details &amp; map: <a href="https://example.org/hours">https://example.org/hours</a> &lt;3</p>',
    });
    // Anyone can read it on the site.
    expect((await wpRest(wp, `wp/v2/posts/${published.remoteId}`, { as: null })).status).toBe(200);
  });

  it("publishes with a featured image and its alt text", async () => {
    const media = [{ url: `${images.url}/images/team%20photo.png`, mimeType: "image/png", altText: "The team in front of the office" }];
    const published = await clientFor(wp.admin).publish({ text: "Meet the team\nSay hello.", media }, { idempotencyKey: "k2" });
    const post = await wpRest(wp, `wp/v2/posts/${published.remoteId}`);
    const featured = post.json.featured_media as number;
    expect(featured).toBeGreaterThan(0);
    const attachment = await wpRest(wp, `wp/v2/media/${featured}`);
    expect(attachment.json).toMatchObject({ alt_text: "The team in front of the office", mime_type: "image/png", media_type: "image" });
    expect(String(attachment.json.source_url)).toMatch(/\/team-photo(-\d+)?\.png$/);
    const bytes = Buffer.from(await (await fetch(String(attachment.json.source_url))).arrayBuffer());
    expect(bytes.equals(PNG)).toBe(true);
  });

  it("an image WordPress refuses is rejected with WordPress's code and reason", async () => {
    const media = [{ url: `${images.url}/images/empty.png`, mimeType: "image/png" }];
    const error = await rejection(clientFor(wp.admin).publish({ text: "Nothing to see", media }, { idempotencyKey: "k3" }));
    expect(error).toMatchObject({ kind: "rejected", status: 400, networkCode: "rest_upload_no_data" });
    expect(error.message).toBe("WordPress: No data supplied. (rest_upload_no_data)");
  });

  it("deletes to the trash, and deleting again (or a post that never was) resolves", async () => {
    const client = clientFor(wp.admin);
    const { remoteId } = await client.publish({ text: "Oops\nThis went out too early." }, { idempotencyKey: "k4" });
    await client.delete?.(remoteId);
    expect((await wpRest(wp, `wp/v2/posts/${remoteId}?context=edit`)).json.status).toBe("trash");
    expect((await wpRest(wp, `wp/v2/posts/${remoteId}`, { as: null })).status).toBe(401);
    await expect(client.delete?.(remoteId)).resolves.toBeUndefined();
    await expect(client.delete?.("999999")).resolves.toBeUndefined();
    expect((await rejection(client.delete?.("../users/1") ?? Promise.resolve())).kind).toBe("rejected");
  });

  it("reads a post's comments newest first, page by page, as plain text", async () => {
    const client = clientFor(wp.admin);
    const { remoteId } = await client.publish({ text: "Open day\nCome and see us." }, { idempotencyKey: "k5" });
    const post = Number(remoteId);
    const first = await wpRest(wp, "wp/v2/comments", { method: "POST", json: { post, content: "It's great & fun" } });
    expect(first.status).toBe(201);
    await wpRest(wp, "wp/v2/comments", {
      method: "POST",
      json: {
        post,
        // An administrator may post a comment under a guest's name (author 0) by naming them.
        author_name: "Guest Reader",
        author_email: "guest@example.com",
        content: "Is it free?",
        date_gmt: "2030-01-01T10:00:00",
        status: "approved",
      },
    });
    await wpRest(wp, "wp/v2/comments", {
      method: "POST",
      json: { post, parent: first.json.id, content: "Yes, <em>free</em>.", date_gmt: "2030-01-02T10:00:00" },
    });

    const page1 = await client.readComments?.(remoteId, null, { limit: 2 });
    expect(page1?.items.map((c) => c.text)).toEqual(["Yes, free.", "Is it free?"]);
    expect(page1?.items[0]).toMatchObject({
      kind: "comment",
      inReplyTo: String(first.json.id),
      author: { externalId: "1", displayName: "admin" },
    });
    expect(page1?.items[1]).toMatchObject({
      inReplyTo: remoteId,
      createdAt: new Date("2030-01-01T10:00:00Z"),
      author: { externalId: "guest:Guest Reader", handle: null, displayName: "Guest Reader" },
    });
    expect(page1?.nextCursor).toBe("2");
    const page2 = await client.readComments?.(remoteId, page1?.nextCursor ?? null, { limit: 2 });
    expect(page2).toMatchObject({ items: [{ text: "It’s great & fun" }], nextCursor: null });
  });

  it("answers a comment with a comment under the same post, its parent the comment", async () => {
    const client = clientFor(wp.admin);
    const { remoteId } = await client.publish({ text: "Timetable\nOur winter timetable is out." }, { idempotencyKey: "k6" });
    const question = await wpRest(wp, "wp/v2/comments", {
      method: "POST",
      json: {
        post: Number(remoteId),
        author_name: "Guest Reader",
        author_email: "guest@example.com",
        content: "Is the 7:15 still running?",
        status: "approved",
      },
    });
    const answer = await client.publish(
      { text: "Yes, every weekday.\nSee the timetable page.", inReplyTo: String(question.json.id) },
      { idempotencyKey: "k7" },
    );
    expect(answer.url).toContain(`#comment-${answer.remoteId}`);
    const read = await client.readComments?.(remoteId, null);
    const mine = read?.items.find((c) => c.remoteId === answer.remoteId);
    expect(mine).toMatchObject({ inReplyTo: String(question.json.id), text: "Yes, every weekday.\n\nSee the timetable page." });
    // A comment that is not there: WordPress's refusal, as for any call.
    expect((await rejection(client.publish({ text: "Hello?", inReplyTo: "999999" }, { idempotencyKey: "k8" }))).kind).toBe("not_found");
  });
});

describe("WordPress failures (a proxy in front of the real site)", () => {
  let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
  // `quick` gives up on a hanging request fast; `patient` is for the normal calls that follow,
  // which WordPress in WebAssembly can take seconds to answer on a busy machine.
  let quick: HttpClient;
  let patient: HttpClient;
  beforeEach(async () => {
    proxy = await startFaultProxy(wp.url);
    quick = wordPressHttp(1500);
    patient = wordPressHttp();
  });
  afterEach(async () => {
    await quick.close();
    await patient.close();
    await proxy.close();
  });
  const viaProxy = () => clientFor(wp.admin, { baseUrl: proxy.url, http: quick });
  const html = (status: number, headers: Record<string, string> = {}): ProxyFault => ({
    kind: "reply",
    status,
    headers: { "content-type": "text/html", ...headers },
    body: "<html><body>Busy</body></html>",
  });

  it("a publish whose answer never came is unknown_outcome, and findPublished finds the post (lookup)", async () => {
    const client = viaProxy();
    const since = new Date();
    const post = { text: "Lookup me\nPublished while the network went quiet." };
    proxy.fault({ kind: "hang_after_forwarding" }, /\/wp\/v2\/posts/);
    expect((await rejection(client.publish(post, { idempotencyKey: "k6" }))).kind).toBe("unknown_outcome");
    const settler = clientFor(wp.admin, { baseUrl: proxy.url, http: patient });
    const found = await settler.findPublished?.(post, { since });
    expect(found?.remoteId).toMatch(/^\d+$/);
    expect((await wpRest(wp, `wp/v2/posts/${found?.remoteId}?context=edit`)).json.title).toMatchObject({ raw: "Lookup me" });
    expect(await settler.findPublished?.({ text: "Never sent\nAt all." }, { since })).toBeNull();
  });

  it("maps 503 to unavailable, a 500 after a POST to unknown_outcome, and 429 to rate_limited with Retry-After", async () => {
    const client = viaProxy();
    proxy.fault(html(503), /users\/me/);
    expect((await rejection(client.verifyCredentials())).kind).toBe("unavailable");
    proxy.fault(html(500), /\/wp\/v2\/posts/);
    expect((await rejection(client.publish({ text: "Maybe" }, { idempotencyKey: "k7" }))).kind).toBe("unknown_outcome");
    proxy.fault(html(429, { "retry-after": "120" }), /users\/me/);
    const limited = await rejection(client.verifyCredentials());
    expect(limited.kind).toBe("rate_limited");
    expect(Math.round(((limited.resetAt?.getTime() ?? 0) - Date.now()) / 1000)).toBeGreaterThan(100);
  });

  it("a 400 from WordPress is rejected with its code and message", async () => {
    proxy.fault(
      {
        kind: "reply",
        status: 400,
        body: JSON.stringify({ code: "rest_invalid_param", message: "Invalid parameter(s): status", data: { status: 400 } }),
      },
      /\/wp\/v2\/posts/,
    );
    const error = await rejection(viaProxy().publish({ text: "Bad" }, { idempotencyKey: "k8" }));
    expect(error).toMatchObject({
      kind: "rejected",
      networkCode: "rest_invalid_param",
      message: "WordPress: Invalid parameter(s): status (rest_invalid_param)",
    });
  });
});
