/**
 * A stand-in for X API v2's filtered stream (tests only), written from X's documentation: rules with
 * GET/POST /2/tweets/search/stream/rules (`add` with value and tag, `delete` by ids), and GET
 * /2/tweets/search/stream answering newline-delimited JSON (`\r\n` after each post) with `\r\n` keep-alives,
 * `data`/`includes.users`/`matching_rules` per post, app-only Bearer authentication, problem-document
 * errors (429 with x-rate-limit-* headers). Rule matching covers what Switchboard writes: `@handle`
 * (the post mentions it) and `-from:handle` (not by it).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const X_APP_BEARER = "AAAAAAAAAAAAAAAAAAAAAstand-in-app-only-bearer";

const users = [
  { id: "1001", name: "Switchboard HQ", username: "switchboard_hq" },
  { id: "2002", name: "Ada Customer", username: "ada" },
];

interface Rule {
  id: string;
  value: string;
  tag?: string;
}

export interface StreamedPost {
  id: string;
  text: string;
  author_id?: string;
  created_at?: string;
  in_reply_to?: string;
}

const problem = (res: ServerResponse, status: number, title: string, detail: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/problem+json", ...headers });
  res.end(JSON.stringify({ title, detail, type: "about:blank", status }));
};

function matches(rule: Rule, post: StreamedPost): boolean {
  const author = users.find((u) => u.id === post.author_id)?.username ?? "";
  return rule.value.split(/\s+/).every((term) => {
    if (term.startsWith("-from:")) return author.toLowerCase() !== term.slice(6).toLowerCase();
    if (term.startsWith("@")) return new RegExp(`(^|[^\\w])${term}(?!\\w)`, "i").test(post.text);
    return post.text.toLowerCase().includes(term.toLowerCase());
  });
}

export interface XStreamStandInOptions {
  /** X sends one at least every 20 seconds; tests use less. */
  keepAliveMs?: number;
}

export async function startXStreamStandIn(options: XStreamStandInOptions = {}) {
  const rules: Rule[] = [];
  const open = new Set<ServerResponse>();
  const failures: { status: number; resetAt?: Date }[] = [];
  let nextRule = 1_500_000_000_000_000_000n;
  let nextPost = 1_900_000_000_000_000_000n;
  const state = { connects: 0, ruleRequests: 0 };
  let writing = false;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  };

  function rulesEndpoint(req: IncomingMessage, res: ServerResponse, body: string) {
    state.ruleRequests++;
    const sent = new Date().toISOString();
    if (req.method === "GET")
      return json(res, 200, { ...(rules.length ? { data: rules } : {}), meta: { sent, result_count: rules.length } });
    const change = JSON.parse(body || "{}") as { add?: { value: string; tag?: string }[]; delete?: { ids?: string[] } };
    if (change.add) {
      const created: Rule[] = [];
      for (const r of change.add) {
        if (!r.value || r.value.length > 512)
          return problem(res, 400, "Invalid Request", "One or more parameters to your request was invalid.");
        if (rules.some((x) => x.value === r.value)) continue; // X: DuplicateRule, not created
        nextRule += 1n;
        const rule = { id: String(nextRule), value: r.value, ...(r.tag ? { tag: r.tag } : {}) };
        rules.push(rule);
        created.push(rule);
      }
      return json(res, 201, {
        data: created,
        meta: {
          sent,
          summary: { created: created.length, not_created: change.add.length - created.length, valid: created.length, invalid: 0 },
        },
      });
    }
    const ids = change.delete?.ids ?? [];
    let deleted = 0;
    for (const id of ids) {
      const i = rules.findIndex((r) => r.id === id);
      if (i >= 0) {
        rules.splice(i, 1);
        deleted++;
      }
    }
    return json(res, 200, { meta: { sent, summary: { deleted, not_deleted: ids.length - deleted } } });
  }

  function streamEndpoint(res: ServerResponse) {
    state.connects++;
    const failure = failures.shift();
    if (failure?.status === 429) {
      const reset = Math.floor((failure.resetAt ?? new Date(Date.now() + 900_000)).getTime() / 1000);
      return problem(res, 429, "ConnectionException", "This stream is currently at the maximum allowed connection limit.", {
        "x-rate-limit-limit": "50",
        "x-rate-limit-remaining": "0",
        "x-rate-limit-reset": String(reset),
      });
    }
    if (failure) return problem(res, failure.status, "Service Unavailable", "Service Unavailable");
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "transfer-encoding": "chunked" });
    res.flushHeaders();
    open.add(res);
    // A keep-alive goes between posts, never inside one being written in pieces.
    const beat = setInterval(() => {
      if (!writing) res.write("\r\n");
    }, options.keepAliveMs ?? 20_000);
    res.on("close", () => {
      clearInterval(beat);
      open.delete(res);
    });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://stand-in");
      if (req.headers.authorization !== `Bearer ${X_APP_BEARER}`) return problem(res, 401, "Unauthorized", "Unauthorized");
      if (url.pathname === "/2/tweets/search/stream/rules") return rulesEndpoint(req, res, Buffer.concat(chunks).toString("utf8"));
      if (url.pathname === "/2/tweets/search/stream" && req.method === "GET") return streamEndpoint(res);
      return problem(res, 404, "Not Found Error", "Not found");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  /** Each open connection gets the line; with `pieces`, written in that many chunks with pauses between. */
  async function writeAll(line: string, pieces = 1) {
    const size = Math.ceil(line.length / pieces);
    writing = true;
    for (let i = 0; i < line.length; i += size) {
      for (const res of open) res.write(line.slice(i, i + size));
      if (pieces > 1) await new Promise((r) => setTimeout(r, 15));
    }
    writing = false;
  }

  return {
    url: `http://127.0.0.1:${port}`,
    rules,
    state,
    openConnections: () => open.size,
    /** A post by Ada (or `post.author_id`), sent to every connection whose rules it matches. */
    async post(post: Partial<StreamedPost> & { text: string }, writeOptions: { pieces?: number } = {}) {
      nextPost += 1n;
      const p: StreamedPost = { id: String(nextPost), author_id: "2002", created_at: new Date().toISOString(), ...post };
      const matching = rules.filter((r) => matches(r, p)).map((r) => ({ id: r.id, tag: r.tag ?? "" }));
      if (matching.length === 0) return p;
      const data = {
        id: p.id,
        text: p.text,
        author_id: p.author_id,
        created_at: p.created_at,
        conversation_id: p.in_reply_to ?? p.id,
        edit_history_tweet_ids: [p.id],
        ...(p.in_reply_to ? { referenced_tweets: [{ type: "replied_to", id: p.in_reply_to }], in_reply_to_user_id: "1001" } : {}),
      };
      const author = users.filter((u) => u.id === p.author_id);
      await writeAll(`${JSON.stringify({ data, includes: { users: author }, matching_rules: matching })}\r\n`, writeOptions.pieces);
      return p;
    },
    /** Writes text as is to every connection (a broken line, an error object). */
    raw: (text: string) => writeAll(text),
    /** The next connection attempts answer with these statuses instead of the stream. */
    failNext(status: number, resetAt?: Date) {
      failures.push({ status, ...(resetAt ? { resetAt } : {}) });
    },
    /** Drops every open connection without a word, as a network failure would. */
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

export type XStreamStandIn = Awaited<ReturnType<typeof startXStreamStandIn>>;
