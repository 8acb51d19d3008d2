import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../errors.js";
import { startForwardProxy } from "../test/forwardProxy.js";
import { createHttpClient } from "./client.js";
import type { HttpClient } from "./types.js";

let server: Server;
let origin: string;
const clients: HttpClient[] = [];
const client = (options: Parameters<typeof createHttpClient>[0] = {}) => {
  const c = createHttpClient({
    timeouts: { headersMs: 300, bodyMs: 300 },
    proxy: { httpProxy: "", httpsProxy: "", noProxy: "" },
    ...options,
  });
  clients.push(c);
  return c;
};

beforeEach(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith("/hang")) return; // never answers
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      res.writeHead(200, {
        "content-type": "application/json",
        "x-request-id": "req-42",
        "x-rate-limit-remaining": "7",
        "x-rate-limit-reset": "1900000000",
      });
      res.end(
        JSON.stringify({
          method: req.method,
          url: req.url,
          body,
          type: req.headers["content-type"],
          auth: req.headers.authorization ?? null,
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected failure");
    },
    (e: unknown) => {
      if (!(e instanceof ConnectorError)) throw e;
      return e;
    },
  );

describe("HttpClient", () => {
  it("sends JSON and forms, parses JSON, rate limits and the request id", async () => {
    const http = client();
    const res = await http.request({
      method: "POST",
      url: `${origin}/a`,
      query: { "types[]": ["mention", "follow"], skip: undefined },
      json: { a: 1 },
    });
    expect(res.json()).toMatchObject({ url: "/a?types%5B%5D=mention&types%5B%5D=follow", body: '{"a":1}', type: "application/json" });
    expect(res.rateLimit).toEqual({ limit: undefined, remaining: 7, resetAt: new Date(1_900_000_000_000) });
    expect(res.requestId).toBe("req-42");
    const form = await http.request({ method: "POST", url: `${origin}/f`, form: { x: "1 2", y: undefined } });
    expect(form.json()).toMatchObject({ body: "x=1+2", type: "application/x-www-form-urlencoded" });
  });

  it("records metadata without authorization headers or query secrets, in a bounded ring", async () => {
    const seen: string[] = [];
    const http = client({ recordLimit: 2, onRecord: (r) => seen.push(r.url) });
    await http.request({
      method: "GET",
      url: `${origin}/1`,
      query: { access_token: "EAAB-secret-token", fields: "id" },
      headers: { authorization: "Bearer sekrit-123" },
    });
    await http.request({ method: "GET", url: `${origin}/2?client_secret=shh-secret&code=abc123` });
    await http.request({ method: "GET", url: `${origin}/3`, network: "x", operation: "verify" });
    const recent = http.recent();
    expect(recent.map((r) => new URL(r.url).pathname)).toEqual(["/2", "/3"]);
    expect(recent[1]).toMatchObject({
      network: "x",
      operation: "verify",
      method: "GET",
      status: 200,
      rateLimitRemaining: 7,
      requestId: "req-42",
    });
    const all = JSON.stringify([...seen, ...recent]);
    for (const secret of ["EAAB-secret-token", "sekrit-123", "shh-secret", "abc123"]) expect(all).not.toContain(secret);
    expect(seen[0]).toContain("fields=id");
  });

  it("turns a timeout after a POST was sent into unknown_outcome, but a GET into unavailable", async () => {
    const http = client();
    expect((await failure(http.request({ method: "POST", url: `${origin}/hang`, json: {} }))).kind).toBe("unknown_outcome");
    expect((await failure(http.request({ method: "GET", url: `${origin}/hang` }))).kind).toBe("unavailable");
    expect((await failure(http.request({ method: "POST", url: `${origin}/hang`, idempotent: true }))).kind).toBe("unavailable");
    expect(http.recent().map((r) => r.failure)).toEqual(["unknown_outcome", "unavailable", "unavailable"]);
  });

  it("reports a refused connection as unavailable even for a POST: nothing was sent", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const error = await failure(client().request({ method: "POST", url: `http://127.0.0.1:${port}/x`, json: {}, network: "x" }));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toBe("X could not be reached: the connection was refused.");
  });

  it("goes through HTTP_PROXY, and around it for hosts in NO_PROXY", async () => {
    const proxy = await startForwardProxy();
    try {
      const proxied = client({ proxy: { httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: "" } });
      const res = await proxied.request({ method: "GET", url: `${origin}/via-proxy` });
      expect(res.status).toBe(200);
      expect(res.headers.via).toBe("1.1 test-proxy");
      expect(proxy.seen).toEqual([`GET ${origin}/via-proxy`]);

      const bypass = client({ proxy: { httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: "127.0.0.1" } });
      const direct = await bypass.request({ method: "GET", url: `${origin}/direct` });
      expect(direct.headers.via).toBeUndefined();
      expect(proxy.seen).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });
});
