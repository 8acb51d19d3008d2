/**
 * A reverse proxy in front of a network stand-in, one per worker process (tests only), so the test
 * knows whose request the network just accepted: it can kill that worker after the network has
 * accepted a post and before the worker reads the answer.
 */
import { createServer, request as forward } from "node:http";
import type { AddressInfo } from "node:net";

export interface WorkerProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * `accepted` runs when the network answered a post with success, before the answer is passed on; if
 * it resolves `true` the answer is dropped and the connection cut (the worker is dead by then).
 */
export async function startWorkerProxy(
  target: string,
  accepted: (path: string) => Promise<boolean>,
  options: { acceptPath: RegExp; delayMs?: () => number },
): Promise<WorkerProxy> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", target);
      const go = () => {
        const upstream = forward(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
          const body: Buffer[] = [];
          answer.on("data", (c: Buffer) => body.push(c));
          answer.on("end", async () => {
            const isAccept = req.method === "POST" && options.acceptPath.test(url.pathname) && (answer.statusCode ?? 500) < 300;
            if (isAccept && (await accepted(url.pathname))) {
              res.destroy();
              return;
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(body));
          });
        });
        upstream.on("error", () => res.destroy());
        upstream.end(Buffer.concat(chunks));
      };
      const delay = options.delayMs?.() ?? 0;
      if (delay > 0) setTimeout(go, delay);
      else go();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
