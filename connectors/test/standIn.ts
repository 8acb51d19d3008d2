/**
 * The shared skeleton of every network stand-in (tests only, never used at run time): a node:http server
 * on 127.0.0.1:0 that records requests, and fault knobs a test can queue. Each network's stand-in
 * supplies the routes and its documented error bodies.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface StandInRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  json(): unknown;
  form(): URLSearchParams;
  bearer(): string | null;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
}

export type Fault =
  | { kind: "rate_limit"; resetAt: Date }
  | { kind: "server_error" }
  /**
   * Read the request, then never answer: the client times out after sending. With `afterHandling` the
   * request is carried out first (the post exists, but its author never hears so).
   */
  | { kind: "hang"; afterHandling?: boolean };

export interface DocumentedErrors {
  rateLimited(resetAt: Date): Reply;
  serverError(): Reply;
}

export interface StandInBase {
  url: string;
  requests: StandInRequest[];
  /** The next request whose path matches (all when omitted) gets this fault instead of its answer. */
  fault(fault: Fault, path?: RegExp): void;
  close(): Promise<void>;
}

function toRequest(method: string, rawUrl: string, headers: IncomingHttpHeaders, body: string): StandInRequest {
  const url = new URL(rawUrl, "http://stand-in");
  return {
    method,
    path: url.pathname,
    query: url.searchParams,
    headers,
    body,
    json: () => JSON.parse(body) as unknown,
    form: () => new URLSearchParams(body),
    bearer: () => /^Bearer (.+)$/i.exec(headers.authorization ?? "")?.[1] ?? null,
  };
}

function send(res: ServerResponse, reply: Reply) {
  const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? "");
  const type = reply.json !== undefined ? { "content-type": "application/json; charset=utf-8" } : {};
  res.writeHead(reply.status, { ...type, ...reply.headers });
  res.end(body);
}

export async function startStandIn(
  handler: (req: StandInRequest) => Reply | Promise<Reply>,
  errors: DocumentedErrors,
): Promise<StandInBase> {
  const requests: StandInRequest[] = [];
  const faults: { fault: Fault; path?: RegExp }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const request = toRequest(req.method ?? "GET", req.url ?? "/", req.headers, Buffer.concat(chunks).toString("utf8"));
      requests.push(request);
      const index = faults.findIndex((f) => !f.path || f.path.test(request.path));
      const queued = index >= 0 ? faults.splice(index, 1)[0] : undefined;
      if (queued?.fault.kind === "hang") {
        if (queued.fault.afterHandling) await handler(request);
        return; // the socket stays open until close()
      }
      if (queued?.fault.kind === "rate_limit") return send(res, errors.rateLimited(queued.fault.resetAt));
      if (queued?.fault.kind === "server_error") return send(res, errors.serverError());
      try {
        send(res, await handler(request));
      } catch (error) {
        send(res, { status: 599, text: `stand-in bug: ${String(error)}` });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    fault: (fault, path) => faults.push({ fault, path }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
