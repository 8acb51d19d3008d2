import { EnvHttpProxyAgent, request as undiciRequest } from "undici";
import { parseRateLimit } from "./rateLimit.js";
import { createRecorder } from "./recorder.js";
import { recordableUrl } from "./redact.js";
import { transportError } from "./transportError.js";
import type { HttpClient, HttpMethod, HttpRequest, HttpResponse, QueryValue, RequestRecord, Timeouts } from "./types.js";

export interface ProxySettings {
  /** Proxy for http:// targets; `undefined` falls back to HTTP_PROXY, "" means none. */
  httpProxy?: string;
  /** Proxy for https:// targets; `undefined` falls back to HTTPS_PROXY, "" means none. */
  httpsProxy?: string;
  /** Hosts reached directly (comma-separated, as NO_PROXY); `undefined` falls back to NO_PROXY. */
  noProxy?: string;
}

export interface HttpClientOptions {
  /** The server passes its validated config here; left out, undici reads the environment variables. */
  proxy?: ProxySettings;
  timeouts?: Partial<Timeouts>;
  userAgent?: string;
  /** How many request records to keep in memory (default 200; 0 keeps none). */
  recordLimit?: number;
  onRecord?: (record: RequestRecord) => void;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 };

const IDEMPOTENT_METHODS = new Set<HttpMethod>(["GET", "HEAD", "PUT", "DELETE"]);

/** Whether repeating the request is harmless: as declared, else by method (RFC 9110). */
export const isIdempotent = (req: Pick<HttpRequest, "method" | "idempotent">) => req.idempotent ?? IDEMPOTENT_METHODS.has(req.method);
const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-transaction-id", "x-li-uuid", "x-fb-trace-id", "x-fb-request-id"];

function buildUrl(url: string | URL, query: Readonly<Record<string, QueryValue>> | undefined): URL {
  const out = new URL(url);
  if (!query) return out;
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) out.searchParams.append(name, v);
    else out.searchParams.append(name, String(value));
  }
  return out;
}

function buildBody(req: HttpRequest): { body?: string | Uint8Array; type?: string } {
  if (req.bytes !== undefined) return { body: req.bytes };
  if (req.json !== undefined) return { body: JSON.stringify(req.json), type: "application/json" };
  if (req.form) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(req.form)) if (v !== undefined) form.append(k, v);
    return { body: form.toString(), type: "application/x-www-form-urlencoded" };
  }
  return {};
}

function flatHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

function response(status: number, headers: Record<string, string>, bytes: Uint8Array<ArrayBuffer>, now: number): HttpResponse {
  let parsed: { value: unknown } | undefined;
  // TextDecoder drops a leading byte-order mark, which some servers put before JSON.
  const body = new TextDecoder().decode(bytes);
  return {
    status,
    headers,
    body,
    bytes,
    rateLimit: parseRateLimit(headers, now),
    requestId: REQUEST_ID_HEADERS.map((h) => headers[h]).find((v) => v !== undefined) ?? null,
    json() {
      if (!parsed) {
        try {
          parsed = { value: body === "" ? undefined : JSON.parse(body) };
        } catch {
          parsed = { value: undefined };
        }
      }
      return parsed.value;
    },
  };
}

/** The one outbound HTTP client: proxy-aware, with timeouts, recording metadata but never secrets. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const dispatcher = new EnvHttpProxyAgent({
    ...options.proxy,
    // Plain http:// targets are forwarded (absolute-form requests), which every corporate proxy accepts;
    // https:// targets are always tunnelled with CONNECT.
    proxyTunnel: false,
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
  });
  const recorder = createRecorder(options.recordLimit ?? 200, options.onRecord);
  const userAgent = options.userAgent ?? "Switchboard";

  return {
    async request(req) {
      const url = buildUrl(req.url, req.query);
      const { body, type } = buildBody(req);
      const idempotent = isIdempotent(req);
      const network = req.network ?? url.host;
      const started = performance.now();
      const record = (status: number | null, res: HttpResponse | null, failure: string | null) =>
        recorder.add({
          at: new Date(),
          network: req.network ?? null,
          operation: req.operation ?? null,
          method: req.method,
          url: recordableUrl(url),
          status,
          durationMs: Math.round((performance.now() - started) * 1000) / 1000,
          rateLimitRemaining: res?.rateLimit?.remaining ?? null,
          requestId: res?.requestId ?? null,
          failure,
        });
      try {
        const res = await undiciRequest(url, {
          dispatcher,
          method: req.method,
          headers: { "user-agent": userAgent, accept: "application/json", ...(type ? { "content-type": type } : {}), ...req.headers },
          body,
          headersTimeout: req.timeouts?.headersMs ?? timeouts.headersMs,
          bodyTimeout: req.timeouts?.bodyMs ?? timeouts.bodyMs,
          signal: req.signal,
        });
        const bytes = new Uint8Array(await res.body.arrayBuffer());
        const out = response(res.statusCode, flatHeaders(res.headers), bytes, Date.now());
        record(res.statusCode, out, null);
        return out;
      } catch (error) {
        const failure = transportError(error, network, idempotent);
        record(null, null, failure.kind);
        throw failure;
      }
    },
    recent: () => recorder.recent(),
    close: () => dispatcher.close(),
  };
}
