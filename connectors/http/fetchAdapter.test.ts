import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../errors.js";
import { createHttpClient } from "./client.js";
import { fetchThrough } from "./fetchAdapter.js";
import type { HttpClient } from "./types.js";

let server: Server;
let origin: string;
let http: HttpClient;

beforeEach(async () => {
  server = createServer((req, res) => {
    if (req.url === "/empty") return void res.writeHead(204).end();
    if (req.url === "/hang") return;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      res.writeHead(201, { "content-type": "application/octet-stream", "x-seen-type": req.headers["content-type"] ?? "" });
      res.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  http = createHttpClient({ timeouts: { headersMs: 300 }, proxy: { httpProxy: "", httpsProxy: "", noProxy: "" } });
});
afterEach(async () => {
  await http.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("fetchThrough", () => {
  it("sends and receives bytes unchanged, with status and headers, and records the request", async () => {
    const fetch = fetchThrough(http, { network: "bluesky", describe: () => ({ operation: "echo" }) });
    const bytes = new Uint8Array([0, 255, 137, 80, 78, 71, 0xc3, 0x28]);
    const res = await fetch(`${origin}/echo`, { method: "POST", body: bytes, headers: { "content-type": "image/png" } });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-seen-type")).toBe("image/png");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    expect(http.recent()).toMatchObject([{ network: "bluesky", operation: "echo", method: "POST", status: 201 }]);
    expect((await fetch(`${origin}/empty`)).status).toBe(204);
  });

  it("fails with the client's ConnectorError: a POST without an answer is unknown_outcome unless declared safe", async () => {
    const fetch = fetchThrough(http, { network: "bluesky" });
    await expect(fetch(`${origin}/hang`, { method: "POST", body: "{}" })).rejects.toMatchObject({ kind: "unknown_outcome" });
    const safe = fetchThrough(http, { network: "bluesky", describe: () => ({ idempotent: true }) });
    const error = await safe(`${origin}/hang`, { method: "POST", body: "{}" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: "unavailable" });
  });
});
