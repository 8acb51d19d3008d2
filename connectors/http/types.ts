/** The shapes of the one outbound HTTP client every connector uses. */

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface Timeouts {
  /** Establishing the TCP/TLS connection (or the proxy tunnel). */
  connectMs: number;
  /** From the request being written to the response headers arriving. */
  headersMs: number;
  /** Maximum silence between two chunks of the response body. */
  bodyMs: number;
}

export interface HttpRequest {
  method: HttpMethod;
  url: string | URL;
  query?: Readonly<Record<string, QueryValue>>;
  headers?: Readonly<Record<string, string>>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded; undefined values are left out. */
  form?: Readonly<Record<string, string | undefined>>;
  /** Sent as is (a file upload); say its type with a `content-type` header. */
  bytes?: Uint8Array;
  /**
   * Whether repeating the request is harmless. Decides what a failure after sending means:
   * `unavailable` (safe to retry) or `unknown_outcome` (reconcile first). Defaults to RFC 9110:
   * GET, HEAD, PUT and DELETE are idempotent; POST and PATCH are not.
   */
  idempotent?: boolean;
  /** Per-request overrides; the connect timeout belongs to the client. */
  timeouts?: Partial<Pick<Timeouts, "headersMs" | "bodyMs">>;
  signal?: AbortSignal;
  /** Which network the request belongs to (for errors and records), e.g. "x". */
  network?: string;
  /** A label for the debugging record, e.g. "publish". */
  operation?: string;
}

/** Rate-limit state in one shape, whatever headers the network used. */
export interface RateLimit {
  limit?: number;
  remaining?: number;
  resetAt?: Date;
  /** Meta-style usage: the highest percentage of any quota used so far (0–100+). */
  usedPercent?: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Readonly<Record<string, string>>;
  body: string;
  /** The body as received (images and other binary content); `body` is the same decoded as UTF-8. */
  bytes: Uint8Array<ArrayBuffer>;
  rateLimit: RateLimit | null;
  requestId: string | null;
  /** The body parsed as JSON, or `undefined` when it is empty or not JSON. */
  json(): unknown;
}

/** What is kept about one request for debugging. Never headers, bodies, tokens or query secrets. */
export interface RequestRecord {
  at: Date;
  network: string | null;
  operation: string | null;
  method: HttpMethod;
  /** The URL with secret-looking query values replaced by "[redacted]" and any user:password removed. */
  url: string;
  status: number | null;
  durationMs: number;
  rateLimitRemaining: number | null;
  requestId: string | null;
  /** Set when no response arrived: the connector error kind it became. */
  failure: string | null;
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
  /** The most recent records, oldest first (a bounded ring). */
  recent(): readonly RequestRecord[];
  close(): Promise<void>;
}
