/** Helpers for the Bluesky tests (tests only). */
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { AtpAgent } from "@atproto/api";
import type { BlueskyPds, PdsAccount } from "../../../test/servers/bluesky/pds.js";
import { createHttpClient } from "../../http/client.js";
import type { HttpClient } from "../../http/types.js";
import { memoryTokenKeeper } from "../../tokens.js";
import type { ConnectorClient, ConnectorContext } from "../../types.js";
import { blueskyConnector } from "../index.js";
import { parseRecordUri } from "../mapping.js";

/** No proxy whatever the environment says; timeouts generous enough for a PDS hashing passwords on a busy machine. */
export const pdsHttp = (): HttpClient =>
  createHttpClient({
    timeouts: { connectMs: 2000, headersMs: 15_000, bodyMs: 15_000 },
    proxy: { httpProxy: "", httpsProxy: "", noProxy: "" },
  });

export function contextFor(
  http: HttpClient,
  pds: BlueskyPds,
  account: PdsAccount,
  options: { secret?: string; now?: () => Date; byDid?: boolean } = {},
): ConnectorContext {
  const credentials = { accessToken: options.secret ?? account.appPassword };
  return {
    account: { handle: account.handle, baseUrl: pds.url, ...(options.byDid ? { externalId: account.did } : {}) },
    app: { clientId: "" },
    credentials,
    http,
    tokens: memoryTokenKeeper(credentials),
    ...(options.now ? { now: options.now } : {}),
  };
}

export const clientFor = (...args: Parameters<typeof contextFor>): ConnectorClient => blueskyConnector.createClient(contextFor(...args));

/** Reads what the PDS stored, without Switchboard's code in the way. */
export async function storedRecord(pds: BlueskyPds, remoteId: string): Promise<Record<string, unknown>> {
  const { data } = await new AtpAgent({ service: pds.url }).com.atproto.repo.getRecord(parseRecordUri(remoteId));
  return data.value;
}

export async function storedPosts(pds: BlueskyPds, account: PdsAccount) {
  const { data } = await new AtpAgent({ service: pds.url }).com.atproto.repo.listRecords({
    repo: account.did,
    collection: "app.bsky.feed.post",
    limit: 100,
  });
  return data.records;
}

/** Signs in with the account's own password (as a person would in the app) to manage app passwords. */
export async function signedInAs(pds: BlueskyPds, account: PdsAccount): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: pds.url });
  await agent.login({ identifier: account.handle, password: account.password });
  return agent;
}

/** How often each XRPC method was called through this HttpClient (its records name them). */
export const callsTo = (http: HttpClient, nsid: string) => http.recent().filter((r) => r.operation === nsid).length;

/** Serves files from memory on 127.0.0.1, as a media store would. */
export async function startFileServer(files: Record<string, { type: string; body: Uint8Array }>) {
  const server = createServer((req, res) => {
    const file = files[req.url ?? ""];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": file.type, "content-length": file.body.byteLength }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A promise to resolve from outside (Promise.withResolvers, which Node 20 lacks). */
export function latch() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * A reverse proxy in front of the PDS that passes every request on but swallows the answers to the
 * XRPC methods in `withhold`: the PDS does the work, the client never hears back (a lost answer).
 */
export async function startAnswerSwallowingProxy(target: string, withhold: readonly string[]) {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const swallow = withhold.some((nsid) => req.url?.startsWith(`/xrpc/${nsid}`));
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        if (swallow) return void answer.resume();
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
