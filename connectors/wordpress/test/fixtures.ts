/** Shared by the WordPress tests (tests only): an HTTP client, an image to publish, and a WordPress REST helper. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { crc32, deflateSync } from "node:zlib";
import type { TestWordPress, WordPressUser } from "../../../test/servers/wordpress/startWordPress.js";
import { createHttpClient } from "../../http/client.js";
import type { HttpClient } from "../../http/types.js";

/** WordPress in WebAssembly answers in tens to hundreds of milliseconds: generous timeouts, and never a proxy. */
export const wordPressHttp = (headersMs = 20_000): HttpClient =>
  createHttpClient({ timeouts: { connectMs: 2000, headersMs, bodyMs: headersMs }, proxy: { httpProxy: "", httpsProxy: "", noProxy: "" } });

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG (WordPress checks what an upload is): 4×4 pixels of Switchboard blue. */
function makePng(size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [0x1f, 0x6f, 0xeb]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export const PNG = makePng(4);

/** Serves the PNG at /images/team photo.png, and an empty body at /images/empty.png. */
export async function startImageServer() {
  const server = createServer((req, res) => {
    if (req.url === "/images/empty.png") return res.writeHead(200, { "content-type": "image/png" }).end();
    if (req.url?.startsWith("/images/")) return res.writeHead(200, { "content-type": "image/png" }).end(PNG);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const basic = (user: WordPressUser) => `Basic ${Buffer.from(`${user.username}:${user.applicationPassword}`).toString("base64")}`;

/** Talks to the test site's REST API directly, as a person or another program would. */
export async function wpRest(wp: TestWordPress, path: string, init: { method?: string; json?: unknown; as?: WordPressUser | null } = {}) {
  const user = init.as === undefined ? wp.admin : init.as;
  const res = await fetch(`${wp.url}/wp-json/${path}`, {
    method: init.method ?? "GET",
    headers: {
      ...(user ? { authorization: basic(user) } : {}),
      ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> & { id: number } };
}
