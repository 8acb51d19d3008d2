import { type AddressInfo, connect } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/helpers/databases.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/helpers/testApp.js";
import { rollupClicks } from "./rollup.js";
import { linkRuntimeOf } from "./runtime.js";
import { linksDb } from "./tables.js";

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

// The redirector's fast path answers over a real socket before Fastify routes the request; `inject` never
// reaches it, so these requests go through a listening server.
describe.each(DIALECTS)("the redirector's fast path on %s", (dialect) => {
  let t: TestApp;
  let admin: TestClient;
  let base: string;
  const follow = (path: string, headers: Record<string, string> = {}, method = "GET") =>
    fetch(`${base}${path}`, { method, redirect: "manual", headers: { "user-agent": CHROME, ...headers } });

  // Raw bytes on a socket: header names in any case, repeated headers.
  const rawGet = (path: string, headerLines: string[]) =>
    new Promise<{ status: number; location?: string }>((resolve, reject) => {
      const socket = connect((t.app.server.address() as AddressInfo).port, "127.0.0.1");
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk.toString("latin1");
        if (!text.includes("\r\n\r\n")) return;
        socket.destroy();
        const [statusLine = "", ...lines] = text.split("\r\n\r\n")[0]?.split("\r\n") ?? [];
        const location = lines
          .find((l) => l.toLowerCase().startsWith("location:"))
          ?.slice("location:".length)
          .trim();
        resolve({ status: Number(statusLine.split(" ")[1]), location });
      });
      socket.on("error", reject);
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headerLines.map((l) => `${l}\r\n`).join("")}\r\n`);
    });

  beforeEach(async () => {
    t = await createTestApp(dialect, { BASE_URL: "https://sb.example", TRUST_PROXY: "true" });
    admin = await t.setupAdmin();
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await t.dispose();
  });

  it("answers as the Fastify route does: same click id, security headers, one click per visitor per hour", async () => {
    const link = (await admin.post("/api/links", { destination: "https://shop.example/spring#top" })).json();
    const visitor = { "x-forwarded-for": "203.0.113.9, 10.0.0.1" };
    // First sight of the link goes through the Fastify route (which loads it); later ones take the fast path.
    const routed = await follow(`/l/${link.code}`, visitor);
    expect(t.app.fastPaths.answered).toBe(0);
    const fast = await follow(`/l/${link.code}`, visitor);
    expect(t.app.fastPaths.answered).toBe(1);
    expect(routed.status).toBe(302);
    expect(fast.status).toBe(302);
    expect(fast.headers.get("location")).toBe(routed.headers.get("location"));
    expect(fast.headers.get("location")).toMatch(/^https:\/\/shop\.example\/spring\?sb_click=[0-9a-f-]{36}#top$/);
    for (const name of ["cache-control", "x-content-type-options", "referrer-policy", "content-security-policy", "x-frame-options"]) {
      expect(fast.headers.get(name), name).toBe(routed.headers.get(name));
    }
    // A redirect has no body: it keeps the security headers that still apply (the referrer policy governs the
    // Referer its target sees) and leaves out the document-only ones; the 404 page below is a document and has them.
    expect(fast.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(fast.headers.get("x-content-type-options")).toBe("nosniff");
    expect(fast.headers.get("cache-control")).toBe("no-store");
    expect(fast.headers.get("content-security-policy")).toBeNull();
    expect(fast.headers.get("x-frame-options")).toBeNull();
    expect(fast.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect((await follow(`/l/${link.code}`, { ...visitor, "x-request-id": "trace-42" })).headers.get("x-request-id")).toBe("trace-42");

    // Header names in any case and repeated headers are read as the route reads them: forwarded addresses
    // joined (the left-most is the visitor), the first user agent kept.
    const answeredBefore = t.app.fastPaths.answered;
    const repeated = await rawGet(`/l/${link.code}`, [
      "X-FORWARDED-FOR: 203.0.113.9",
      "x-forwarded-for: 10.0.0.1",
      `User-Agent: ${CHROME}`,
      "user-agent: curl/8.5.0",
    ]);
    expect(t.app.fastPaths.answered).toBe(answeredBefore + 1);
    expect(repeated).toEqual({ status: 302, location: fast.headers.get("location") });

    // Another visitor (the left-most forwarded address is the visitor, as Fastify's request.ip says).
    const other = await follow(`/l/${link.code}`, { "x-forwarded-for": "198.51.100.4, 10.0.0.1" });
    expect(other.headers.get("location")).not.toBe(fast.headers.get("location"));
    // Bots, HEAD, a trailing slash and unknown codes fall through to the route (bots and HEAD: no click id).
    const answered = t.app.fastPaths.answered;
    expect((await follow(`/l/${link.code}`, { "user-agent": "curl/8.5.0" })).headers.get("location")).toBe(link.target);
    expect((await follow(`/l/${link.code}`, visitor, "HEAD")).headers.get("location")).toBe(link.target);
    expect((await follow(`/l/${link.code}/`, visitor)).headers.get("location")).toBe(fast.headers.get("location"));
    const unknown = await follow("/l/nosuchcode", visitor);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-security-policy")).toContain("default-src");
    expect(unknown.headers.get("x-frame-options")).toBe("DENY");
    expect(t.app.fastPaths.answered).toBe(answered);

    // Archiving is seen at once: the fast path no longer answers for it and the route gives the 404 page.
    expect((await admin.patch(`/api/links/${link.id}`, { archived: true })).statusCode).toBe(200);
    const archived = await follow(`/l/${link.code}`, visitor);
    expect(archived.status).toBe(404);
    expect(await archived.text()).toContain("no longer");

    await linkRuntimeOf(t.services.db)?.recorder.flush();
    await rollupClicks(linksDb(t.services.db));
    const clicks = await linksDb(t.services.db).selectFrom("link_clicks").select(["id", "link_id"]).execute();
    expect(clicks).toHaveLength(2);
  });
});
