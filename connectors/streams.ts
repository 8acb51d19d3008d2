/**
 * Long-lived HTTP streams (X's filtered stream, Mastodon's streaming API). The shared HTTP client reads a
 * whole body before answering, so streams open their own request with undici and read the body as it
 * arrives. Newline-delimited JSON and server-sent events are split here by hand: both are a few lines of a
 * published format (RFC 7464-style lines; the WHATWG event-stream grammar), and a library would not save
 * code. Connectors never import the database; the server decides what a parsed item becomes.
 */
import { type Dispatcher, request } from "undici";
import { ConnectorError } from "./errors.js";

export interface OpenStreamOptions {
  signal: AbortSignal;
  /** The longest silence (no byte, keep-alives included) before the stream counts as stalled. */
  idleMs: number;
  headersMs?: number;
  dispatcher?: Dispatcher;
}

export interface OpenedStream {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: AsyncIterable<Uint8Array>;
  /** The whole body as text (for an error answer); at most 64 KB is read. */
  text(): Promise<string>;
}

/** A stream the network answered with an HTTP error: `retryAt` from its rate-limit or Retry-After headers. */
export class StreamHttpError extends ConnectorError {
  override readonly status: number;
  readonly retryAt: Date | null;
  constructor(network: string, status: number, message: string, retryAt: Date | null) {
    const kind = status === 401 ? "auth_expired" : status === 429 ? "rate_limited" : status >= 500 ? "unavailable" : "rejected";
    super(kind, message, { network, status, ...(retryAt ? { resetAt: retryAt } : {}) });
    this.status = status;
    this.retryAt = retryAt;
  }
}

const flat = (headers: Record<string, string | string[] | undefined>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(", ") : (v ?? "")]));

export async function openStream(url: URL, headers: Record<string, string>, options: OpenStreamOptions): Promise<OpenedStream> {
  const res = await request(url, {
    method: "GET",
    headers: { "user-agent": "Switchboard", ...headers },
    signal: options.signal,
    headersTimeout: options.headersMs ?? 30_000,
    // undici fails the body when no byte arrives for this long: the read timeout X and Mastodon ask for.
    bodyTimeout: options.idleMs,
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  });
  return {
    status: res.statusCode,
    headers: flat(res.headers),
    body: res.body,
    async text() {
      let out = "";
      const decoder = new TextDecoder();
      for await (const chunk of res.body) {
        out += decoder.decode(chunk as Uint8Array, { stream: true });
        if (out.length > 65_536) {
          res.body.destroy();
          break;
        }
      }
      return out;
    },
  };
}

/** A line longer than this is not a message of either network: the stream is dropped and opened again. */
export const MAX_LINE = 4 * 1024 * 1024;

/**
 * The body's lines without their `\n` or `\r\n`, however the chunks cut them (a message split across
 * chunks, several in one, a multi-byte character cut in two). Blank lines are kept: X's keep-alives are
 * `\r\n`, and server-sent events end with one.
 */
export async function* splitLines(body: AsyncIterable<Uint8Array>, network = "stream"): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf("\n");
    while (end >= 0) {
      yield buffer.slice(0, end).replace(/\r$/, "");
      buffer = buffer.slice(end + 1);
      end = buffer.indexOf("\n");
    }
    if (buffer.length > MAX_LINE) throw new ConnectorError("unavailable", "The stream sent a line longer than 4 MB.", { network });
  }
  buffer += decoder.decode();
  if (buffer) yield buffer.replace(/\r$/, "");
}

export type ServerSentEvent = { type: "event"; event: string; data: string; id: string | null } | { type: "comment"; text: string };

/**
 * Server-sent events (WHATWG HTML §9.2 "event stream interpretation"): `field: value` lines, one leading
 * space dropped; `data` lines joined with `\n`; a blank line dispatches; `:` starts a comment (Mastodon's
 * `:thump` heartbeat). An event without data is not dispatched, as the standard says.
 */
export async function* serverSentEvents(lines: AsyncIterable<string>): AsyncGenerator<ServerSentEvent> {
  let event = "";
  let data: string[] = [];
  let id: string | null = null;
  for await (const line of lines) {
    if (line === "") {
      if (data.length > 0) yield { type: "event", event: event || "message", data: data.join("\n"), id };
      event = "";
      data = [];
      continue;
    }
    if (line.startsWith(":")) {
      yield { type: "comment", text: line.slice(1).trim() };
      continue;
    }
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id" && !value.includes("\0")) id = value;
  }
}

/** When the network says to come back: X's `x-rate-limit-reset` (Unix seconds) or a standard Retry-After. */
export function retryAtOf(headers: Readonly<Record<string, string>>, now = Date.now()): Date | null {
  const reset = Number(headers["x-rate-limit-reset"]);
  if (Number.isFinite(reset) && reset > 0) return new Date(reset * 1000);
  const retryAfter = headers["retry-after"];
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return new Date(now + seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return new Date(at);
  }
  return null;
}
