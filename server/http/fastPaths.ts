import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import { DOCUMENT_ONLY_SECURITY_HEADERS } from "./security.js";

/**
 * Answers a request before Fastify routes it, or returns false to let Fastify have it. For the few public
 * paths whose whole answer is known from memory and must be as fast as the machine allows (the short-link
 * redirector): no routing, hooks or serialisation per request. Anything unusual falls through to the
 * Fastify route for the same path, which stays the reference behaviour.
 */
export type FastPath = (request: IncomingMessage, response: ServerResponse, answer: FastAnswer) => boolean;

/** Writes a complete bodiless response with the headers every such Switchboard response carries, plus `headers` (name, value, …). */
export type FastAnswer = (response: ServerResponse, request: IncomingMessage, status: number, headers: string[]) => void;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The request id a response carries: the caller's `x-request-id` when it is a sane one, else a new UUID. */
export function requestIdOf(headers: IncomingMessage["headers"]): string {
  const given = headers["x-request-id"];
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}

// Per-response headers Fastify computes itself; the rest of a sample response (helmet's security headers,
// less those that apply to documents only: fast answers have no body) is sent with every fast answer.
const PER_RESPONSE = new Set([
  "content-type",
  "content-length",
  "date",
  "connection",
  "keep-alive",
  "x-request-id",
  "cache-control",
  "set-cookie",
  "etag",
  "vary",
  "transfer-encoding",
  "location",
]);

export class FastPaths {
  readonly #paths: FastPath[] = [];
  /** The learnt headers as a flat name, value, name, value… list (what `writeHead` takes without copying). */
  #common: string[] | undefined;
  /** Requests answered by a fast path since start. */
  answered = 0;

  add(path: FastPath) {
    this.#paths.push(path);
  }

  /** The node server Fastify listens with: fast paths first, Fastify for everything else. */
  serverFactory = (handler: (request: IncomingMessage, response: ServerResponse) => void): Server =>
    createServer((request, response) => {
      if (this.#common === undefined || !this.#handle(request, response)) handler(request, response);
    });

  /** Learns the headers every response carries from one request answered by Fastify; fast paths start after. */
  async learnCommonHeaders(app: FastifyInstance, probeUrl: string) {
    const sample = await app.inject({ method: "GET", url: probeUrl });
    const common: string[] = [];
    for (const [name, value] of Object.entries(sample.headers)) {
      if (!PER_RESPONSE.has(name) && !DOCUMENT_ONLY_SECURITY_HEADERS.has(name) && typeof value === "string") common.push(name, value);
    }
    this.#common = common;
  }

  #handle(request: IncomingMessage, response: ServerResponse): boolean {
    for (const path of this.#paths) {
      if (path(request, response, this.#answer)) {
        this.answered++;
        return true;
      }
    }
    return false;
  }

  #answer: FastAnswer = (response, request, status, headers) => {
    const common = this.#common ?? [];
    for (const item of common) headers.push(item);
    headers.push("content-length", "0", "x-request-id", requestIdOf(request.headers));
    response.writeHead(status, headers);
    response.end();
  };
}

declare module "fastify" {
  interface FastifyInstance {
    /** Where a route area adds a fast path (server/http/fastPaths.ts). */
    fastPaths: FastPaths;
  }
}
