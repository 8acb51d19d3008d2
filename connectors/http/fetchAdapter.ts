import type { HttpClient, HttpMethod } from "./types.js";

const METHODS: ReadonlySet<string> = new Set<HttpMethod>(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]);
/** Statuses whose response must not have a body (the Response constructor throws otherwise). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export interface FetchAdapterOptions {
  /** Which network the requests belong to (errors and records). */
  network: string;
  /** Names a request for the records and says whether repeating it is harmless (see `HttpRequest.idempotent`). */
  describe?: (url: URL, method: HttpMethod) => { operation?: string; idempotent?: boolean };
}

/**
 * A WHATWG `fetch` over the one HttpClient, for libraries that accept a custom fetch (@atproto/api), so
 * their requests get the proxy, the timeouts and the records like every other. Failures are the client's
 * ConnectorErrors (`unavailable`, `unknown_outcome`); libraries usually keep them as the `cause` of their own.
 */
export function fetchThrough(http: HttpClient, options: FetchAdapterOptions): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const method = request.method.toUpperCase();
    if (!METHODS.has(method)) throw new TypeError(`Unsupported HTTP method: ${method}`);
    const url = new URL(request.url);
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const described = options.describe?.(url, method as HttpMethod) ?? {};
    const res = await http.request({
      method: method as HttpMethod,
      url,
      headers: Object.fromEntries(request.headers.entries()),
      ...(body ? { bytes: body } : {}),
      network: options.network,
      ...described,
      signal: request.signal,
    });
    return new Response(NULL_BODY.has(res.status) ? null : res.bytes, { status: res.status, headers: res.headers });
  };
}
