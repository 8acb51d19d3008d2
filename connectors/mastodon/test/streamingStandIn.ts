/**
 * A stand-in for Mastodon's streaming API (tests only), from https://docs.joinmastodon.org/methods/streaming/:
 * GET /api/v1/streaming/user/notification with the user's token (Authorization: Bearer, or the
 * `access_token` query parameter), answered as server-sent events: `event: notification` with the
 * Notification entity as data, and `:thump` heartbeat comments. A refused token is 401 with `{ error }`.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const ada = { id: "207", username: "ada", acct: "ada@other.example", display_name: "Ada", url: "https://other.example/@ada" };
const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export interface MastodonStreamingOptions {
  /** The tokens the server accepts. */
  tokens: string[];
  heartbeatMs?: number;
}

export async function startMastodonStreamingStandIn(options: MastodonStreamingOptions) {
  const tokens = new Set(options.tokens);
  const open = new Set<ServerResponse>();
  const failures: number[] = [];
  const state = { connects: 0 };
  let nextId = 120_000_000_000_000_000n;
  let origin = "";

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? url.searchParams.get("access_token");
    if (url.pathname !== "/api/v1/streaming/user/notification") {
      res.writeHead(404, { "content-type": "application/json" });
      return res.end(JSON.stringify({ error: "Unknown stream type" }));
    }
    state.connects++;
    if (!token || !tokens.has(token)) {
      res.writeHead(401, { "content-type": "application/json" });
      return res.end(JSON.stringify({ error: "Invalid access token" }));
    }
    const failure = failures.shift();
    if (failure) {
      res.writeHead(failure, { "content-type": "application/json" });
      return res.end(JSON.stringify({ error: "Service unavailable" }));
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", "transfer-encoding": "chunked" });
    res.write(":)\n");
    open.add(res);
    const beat = setInterval(() => res.write(":thump\n"), options.heartbeatMs ?? 15_000);
    res.on("close", () => {
      clearInterval(beat);
      open.delete(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  const send = (text: string) => {
    for (const res of open) res.write(text);
  };

  return {
    url: origin,
    state,
    tokens,
    openConnections: () => open.size,
    /** Ada mentions the account: a `mention` notification on every open stream. Returns the status id. */
    mention(text: string, inReplyTo: string | null = null) {
      nextId += 1n;
      const id = String(nextId);
      const status = {
        id,
        uri: `${origin}/users/ada/statuses/${id}`,
        url: `${origin}/@ada/${id}`,
        content: `<p>${escapeHtml(text)}</p>`,
        created_at: new Date().toISOString(),
        in_reply_to_id: inReplyTo,
        account: ada,
      };
      const notification = { id: String(nextId + 7n), type: "mention", created_at: status.created_at, account: ada, status };
      send(`event: notification\ndata: ${JSON.stringify(notification)}\n\n`);
      return id;
    },
    /** Another kind of notification (a favourite): nothing for the inbox. */
    favourite() {
      send(
        `event: notification\ndata: ${JSON.stringify({ id: "1", type: "favourite", created_at: new Date().toISOString(), account: ada })}\n\n`,
      );
    },
    raw: send,
    failNext(status: number) {
      failures.push(status);
    },
    dropConnections() {
      for (const res of open) res.socket?.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type MastodonStreamingStandIn = Awaited<ReturnType<typeof startMastodonStreamingStandIn>>;
