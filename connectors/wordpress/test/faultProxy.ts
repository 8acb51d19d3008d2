/**
 * A reverse proxy in front of the real test WordPress that can misbehave on cue (tests only): answer a
 * canned failure instead of WordPress, or pass the request on and then never answer, so the post exists
 * but its author does not hear so.
 */
import { createServer, request as forward } from "node:http";
import type { AddressInfo } from "node:net";

export type ProxyFault =
  | { kind: "reply"; status: number; headers?: Record<string, string>; body: string }
  | { kind: "hang_after_forwarding" };

export async function startFaultProxy(target: string) {
  const faults: { fault: ProxyFault; path: RegExp }[] = [];
  const server = createServer((req, res) => {
    const index = faults.findIndex((f) => f.path.test(req.url ?? ""));
    const queued = index >= 0 ? faults.splice(index, 1)[0]?.fault : undefined;
    if (queued?.kind === "reply") {
      req.resume();
      res.writeHead(queued.status, queued.headers ?? {});
      res.end(queued.body);
      return;
    }
    const url = new URL(req.url ?? "/", target);
    const upstream = forward(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
      if (queued?.kind === "hang_after_forwarding") {
        answer.resume();
        return; // the client's socket stays open until close()
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** The next request whose path matches gets this fault. */
    fault: (fault: ProxyFault, path: RegExp) => faults.push({ fault, path }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
