/**
 * A small web server with feeds on it (tests only): the fixtures, a redirect, a page that is not a feed, and
 * conditional GET (ETag, Last-Modified → 304) the way well-behaved feed hosts do it.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
export const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

interface Document {
  body: string;
  type: string;
  modified: Date;
}

export async function startFeedServer() {
  const documents = new Map<string, Document>([
    [
      "/news.rss",
      { body: fixture("news.rss.xml"), type: "application/rss+xml; charset=utf-8", modified: new Date("2024-01-03T09:00:00Z") },
    ],
    ["/harbour.atom", { body: fixture("news.atom.xml"), type: "application/atom+xml", modified: new Date("2024-02-02T12:00:00Z") }],
    ["/page.html", { body: "<!doctype html><html><body><h1>Welcome</h1></body></html>", type: "text/html", modified: new Date(0) }],
    // Cut off in the middle of an item's title, as a feed whose upload failed half way.
    ["/truncated.rss", { body: fixture("news.rss.xml").split("returns")[0] ?? "", type: "application/rss+xml", modified: new Date(0) }],
  ]);
  const requests: { path: string; headers: IncomingHttpHeaders; status: number }[] = [];
  const etagOf = (doc: Document) => `"${createHash("sha256").update(doc.body).digest("hex").slice(0, 16)}"`;

  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    const answer = (status: number, headers: Record<string, string> = {}, body = "") => {
      requests.push({ path: url, headers: req.headers, status });
      res.writeHead(status, headers).end(body);
    };
    if (url === "/moved") return answer(301, { location: "/news.rss" });
    const doc = documents.get(url);
    if (!doc) return answer(404, { "content-type": "text/plain" }, "Not found");
    const etag = etagOf(doc);
    const validators = { etag, "last-modified": doc.modified.toUTCString() };
    if (req.headers["if-none-match"] === etag) return answer(304, validators);
    answer(200, { "content-type": doc.type, ...validators }, doc.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    /** Replaces a document (a feed that got a new item). */
    publish(pathName: string, body: string, modified = new Date()) {
      const doc = documents.get(pathName);
      if (!doc) throw new Error(`no document at ${pathName}`);
      documents.set(pathName, { ...doc, body, modified });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
