import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";
import { MAX_UPLOAD_BYTES } from "./schema.js";
import { gif, png, SVG } from "./test/images.js";

const CARLA = { email: "carla@example.com", name: "Carla", roles: ["contributor"], password: "a contributor who drafts" };
const DAN = { email: "dan@example.com", name: "Dan", roles: ["contributor"], password: "another contributor here" };
const VERA = { email: "vera@example.com", name: "Vera", roles: ["viewer"], password: "a viewer who only reads" };

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

describe.each(DIALECTS)("media on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let carla: TestClient;
  let dan: TestClient;
  let vera: TestClient;
  let bluesky: string;
  let wordpress: string;

  const signIn = async (user: typeof CARLA) => {
    await admin.post("/api/users", user);
    const client = t.client();
    await client.csrf();
    expect((await client.login(user.email, user.password)).statusCode).toBe(200);
    return client;
  };
  const upload = (client: TestClient, bytes: Buffer, type: string, query = "") =>
    client.request({ method: "POST", url: `/api/media${query}`, headers: { "content-type": type }, payload: bytes });
  const auditOf = async (id: string) =>
    ((await admin.get(`/api/audit?targetId=${id}`)).json().events as { action: string }[]).map((e) => e.action);

  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.setupAdmin();
    carla = await signIn(CARLA);
    dan = await signIn(DAN);
    vera = await signIn(VERA);
    bluesky = (await admin.post("/api/accounts", { network: "bluesky", handle: "acme.bsky.social" })).json().id;
    wordpress = (await admin.post("/api/accounts", { network: "wordpress", handle: "blog.example.org" })).json().id;
  });
  afterEach(async () => {
    await t.dispose();
  });

  it("uploads an image, measures and hashes it, serves it back with its type, and keeps the file under DATA_DIR", async () => {
    const image = png(40, 30);
    const res = await upload(carla, image, "image/png", "?alt=A%20blue%20square");
    expect(res.statusCode, res.body).toBe(201);
    const media = res.json();
    expect(media).toMatchObject({
      mimeType: "image/png",
      byteSize: image.byteLength,
      width: 40,
      height: 30,
      alt: "A blue square",
      uploader: { name: "Carla" },
      url: `/api/media/${media.id}/content`,
      usedBy: 0,
    });
    expect(media.sha256).toMatch(/^[0-9a-f]{64}$/);

    const content = await vera.get(media.url);
    expect(content.statusCode).toBe(200);
    expect(content.headers["content-type"]).toBe("image/png");
    expect(content.headers["x-content-type-options"]).toBe("nosniff");
    expect(content.rawPayload.equals(image)).toBe(true);
    expect((await vera.get(`/api/media/${media.id}`)).json()).toMatchObject({ id: media.id, width: 40 });

    // One file, named by a random key (not by anything the client sent), inside DATA_DIR/media.
    const root = path.join(t.database.dataDir, "media");
    const files = filesUnder(root);
    expect(files).toHaveLength(1);
    const [file] = files as [string];
    expect(path.relative(root, file)).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
    expect(readFileSync(file).equals(image)).toBe(true);
    expect(await auditOf(media.id)).toEqual(["media.uploaded"]);
  });

  it("believes the bytes, not the Content-Type: mismatches, SVG, garbage and empty bodies are refused with a code", async () => {
    const cases: [Buffer, string, number, string][] = [
      [png(4, 4), "image/jpeg", 415, "media_type_mismatch"],
      [gif(3, 2), "image/png", 415, "media_type_mismatch"],
      [SVG, "image/png", 415, "media_type_not_allowed"],
      [SVG, "image/svg+xml", 415, "media_type_not_allowed"],
      [Buffer.from("just some text"), "text/plain", 415, "media_type_not_allowed"],
      [Buffer.from("not an image at all, honestly"), "image/png", 400, "media_unreadable"],
      [Buffer.alloc(0), "image/png", 400, "media_empty"],
    ];
    for (const [bytes, type, status, code] of cases) {
      const res = await upload(carla, bytes, type);
      expect({ type, status: res.statusCode, code: res.json().error?.code }).toEqual({ type, status, code });
    }
    const json = await carla.post("/api/media", { not: "a file" });
    expect([json.statusCode, json.json().error.code]).toEqual([415, "media_type_not_allowed"]);
    // A GIF sent as a GIF is fine.
    expect((await upload(carla, gif(3, 2), "image/gif")).json()).toMatchObject({ mimeType: "image/gif", width: 3, height: 2 });
    expect(filesUnder(path.join(t.database.dataDir, "media"))).toHaveLength(1);
  });

  it("refuses an upload over the limit with 413 media_too_large and stores nothing", async () => {
    const big = png(4, 4, MAX_UPLOAD_BYTES);
    const res = await upload(carla, big, "image/png");
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: "media_too_large", details: { limit: MAX_UPLOAD_BYTES } });
    const mediaDir = path.join(t.database.dataDir, "media");
    expect(statSync(mediaDir, { throwIfNoEntry: false }) ? filesUnder(mediaDir) : []).toEqual([]);
  });

  it("lets only posts.write upload and only the uploader or a social lead describe or delete; viewers read", async () => {
    expect((await upload(vera, png(4, 4), "image/png")).statusCode).toBe(403);
    const anonymous = t.client();
    await anonymous.csrf();
    expect((await upload(anonymous, png(4, 4), "image/png")).statusCode).toBe(401);

    const media = (await upload(carla, png(4, 4), "image/png")).json();
    expect((await anonymous.get(media.url)).statusCode).toBe(401);
    expect((await dan.patch(`/api/media/${media.id}`, { alt: "Mine now" })).json().error.code).toBe("forbidden");
    expect((await dan.delete(`/api/media/${media.id}`)).statusCode).toBe(403);
    expect((await vera.patch(`/api/media/${media.id}`, { alt: "x" })).statusCode).toBe(403);

    const described = await carla.patch(`/api/media/${media.id}`, { alt: "A blue square on white" });
    expect(described.json()).toMatchObject({ alt: "A blue square on white" });
    expect((await admin.patch(`/api/media/${media.id}`, { alt: "Edited by a lead" })).statusCode).toBe(200);
    expect((await carla.patch(`/api/media/${media.id}`, { alt: "x".repeat(2001) })).json().error.code).toBe("validation_failed");
    expect((await carla.get("/api/media/nope")).json().error.code).toBe("media_not_found");
    expect(await auditOf(media.id)).toEqual(["media.alt_changed", "media.alt_changed", "media.uploaded"]);
  });

  it("attaches images to a post in order, shows them, and refuses to delete one in use", async () => {
    const first = (await upload(admin, png(8, 6), "image/png", "?alt=First")).json();
    const second = (await upload(admin, gif(5, 5), "image/gif")).json();
    const created = await admin.post("/api/posts", {
      text: "Two pictures",
      timeZone: "Europe/Berlin",
      variants: [{ accountId: bluesky }],
      mediaIds: [second.id, first.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const post = created.json();
    expect(post.media).toEqual([
      { id: second.id, mimeType: "image/gif", alt: "", width: 5, height: 5, byteSize: second.byteSize, url: second.url },
      { id: first.id, mimeType: "image/png", alt: "First", width: 8, height: 6, byteSize: first.byteSize, url: first.url },
    ]);
    expect((await admin.get(`/api/media/${first.id}`)).json().usedBy).toBe(1);

    const inUse = await admin.delete(`/api/media/${first.id}`);
    expect([inUse.statusCode, inUse.json().error.code]).toEqual([409, "media_in_use"]);

    // An edit without mediaIds keeps them; with them, replaces them (reordered, one dropped).
    const kept = await admin.patch(`/api/posts/${post.id}`, { version: post.version, text: "Still two" });
    expect(kept.json().media.map((m: { id: string }) => m.id)).toEqual([second.id, first.id]);
    const edited = await admin.patch(`/api/posts/${post.id}`, { version: kept.json().version, mediaIds: [first.id] });
    expect(edited.json().media.map((m: { id: string }) => m.id)).toEqual([first.id]);

    const deleted = await admin.delete(`/api/media/${second.id}`);
    expect(deleted.statusCode).toBe(204);
    expect(await auditOf(second.id)).toEqual(["media.deleted", "media.uploaded"]);
    expect(filesUnder(path.join(t.database.dataDir, "media"))).toHaveLength(1);
    expect((await admin.get(second.url)).statusCode).toBe(404);

    // Deleting the post frees the image.
    expect((await admin.delete(`/api/posts/${post.id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/media/${first.id}`)).statusCode).toBe(204);
    expect(filesUnder(path.join(t.database.dataDir, "media"))).toEqual([]);
  });

  it("reports each network's media limits with exact counts: too many, too large, alt text too long", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await upload(admin, png(4 + i, 4), "image/png")).json().id);
    const compose = (mediaIds: string[], accountIds = [bluesky]) =>
      admin.post("/api/posts", {
        text: "Pictures",
        timeZone: "Europe/Berlin",
        variants: accountIds.map((accountId) => ({ accountId })),
        mediaIds,
      });

    const tooMany = await compose(ids, [bluesky, wordpress]);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.code).toBe("variant_invalid");
    expect(tooMany.json().error.details.problems).toEqual([
      expect.objectContaining({ accountId: bluesky, code: "too_many_media", count: 5, limit: 4 }),
      expect.objectContaining({ accountId: wordpress, code: "too_many_media", count: 5, limit: 1 }),
    ]);

    // Bluesky takes images up to 1,000,000 bytes; this one (over the API's 1 MiB JSON limit too) uploads fine.
    const large = (await upload(admin, png(4, 4, 3_000_000), "image/png")).json();
    expect(large.byteSize).toBeGreaterThan(3_000_000);
    const tooLarge = (await compose([large.id])).json().error.details.problems;
    expect(tooLarge).toEqual([expect.objectContaining({ code: "media_too_large", count: large.byteSize, limit: 1_000_000 })]);

    // X takes 1,000 characters of alt text (Switchboard cannot send images to X yet, which is said too).
    const x = (await admin.post("/api/accounts", { network: "x", handle: "acme" })).json().id;
    const [one] = ids as [string];
    expect((await admin.patch(`/api/media/${one}`, { alt: `${"é".repeat(1200)}` })).statusCode).toBe(200);
    const altLong = (await compose([one], [x])).json().error.details.problems;
    expect(altLong).toEqual([
      expect.objectContaining({ code: "media_not_supported" }),
      expect.objectContaining({ code: "alt_text_too_long", count: 1200, limit: 1000 }),
    ]);
    // The composer's check reports the same without saving.
    const checked = await admin.post("/api/posts/check", { text: "Pictures", variants: [{ accountId: x }], mediaIds: [one] });
    expect(checked.json().variants[0].problems).toEqual(altLong);

    const unknown = await compose(["no-such-image"]);
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, "media_not_found"]);
    const twice = await compose([one, one]);
    expect([twice.statusCode, twice.json().error.code]).toEqual([400, "duplicate_media"]);
  });
});
