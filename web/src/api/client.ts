/**
 * The one way the web app talks to the server: JSON over fetch with the
 * session cookie, the CSRF double-submit header on writes, and every error
 * turned into an ApiError that carries the server's stable `code`.
 */

export interface ApiIssue {
  path: string;
  /** The body field the issue is about ("handle", "grants.0.permissions"), when the server names one. */
  field?: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly help: string | undefined;

  constructor(status: number, code: string, message: string, details?: unknown, help?: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
    this.help = help;
  }

  /** The per-field problems of a `validation_failed` answer, if any. */
  get issues(): ApiIssue[] {
    const issues = (this.details as { issues?: unknown } | undefined)?.issues;
    if (!Array.isArray(issues)) return [];
    return issues.filter(
      (i): i is ApiIssue => typeof i === "object" && i !== null && typeof i.path === "string" && typeof i.message === "string",
    );
  }
}

/** Codes meaning "nobody is signed in": the app sends the person to /login. */
export const SIGNED_OUT_CODES = new Set(["unauthenticated", "session_expired"]);
export const isSignedOutError = (error: unknown) => error instanceof ApiError && error.status === 401 && SIGNED_OUT_CODES.has(error.code);

const CSRF_COOKIE = "sb_csrf";
const CSRF_RETRY_CODES = new Set(["csrf_invalid", "csrf_missing"]);
const SAFE_METHODS = new Set(["GET", "HEAD"]);

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
}

/** Read fresh every time: login and setup replace the cookie. */
function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

async function fetchCsrfToken(): Promise<string> {
  const { csrfToken } = await send<{ csrfToken: string }>("GET", "/api/auth/csrf", {});
  return readCookie(CSRF_COOKIE) ?? csrfToken;
}

function urlFor(path: string, query: QueryParams | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as { error?: Partial<Record<string, unknown>> } | null;
  const error = body?.error;
  if (error && typeof error.code === "string" && typeof error.message === "string") {
    return new ApiError(response.status, error.code, error.message, error.details, typeof error.help === "string" ? error.help : undefined);
  }
  return new ApiError(response.status, "http_error", `The server answered ${response.status} ${response.statusText}.`);
}

async function send<T>(method: Method, path: string, options: RequestOptions, csrfToken?: string): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  // A file (a Blob) goes as it is, with its own type; anything else as JSON.
  const file = options.body instanceof Blob ? options.body : undefined;
  if (options.body !== undefined) headers["content-type"] = file ? file.type || "application/octet-stream" : "application/json";
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(urlFor(path, options.query), {
      method,
      headers,
      credentials: "same-origin",
      ...(options.body === undefined ? {} : { body: file ?? JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "network_error", "Could not reach Switchboard. Check your connection and try again.");
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Calls the API. Writes carry the CSRF token; a stale token is refreshed and the write retried once. */
export async function api<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  if (SAFE_METHODS.has(method)) return send<T>(method, path, options);
  const token = readCookie(CSRF_COOKIE) ?? (await fetchCsrfToken());
  try {
    return await send<T>(method, path, options, token);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 403 || !CSRF_RETRY_CODES.has(err.code)) throw err;
    return send<T>(method, path, options, await fetchCsrfToken());
  }
}
