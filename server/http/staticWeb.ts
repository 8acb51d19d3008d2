import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { sendError } from "./errors.js";

/**
 * Serves the built React app. Hashed assets are cached for a year; every
 * other path that is not an API route gets index.html so the client router
 * can handle it. Unknown API paths get a JSON 404.
 */
export async function registerStaticWeb(app: FastifyInstance, webDir: string) {
  const hasWeb = existsSync(path.join(webDir, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      setHeaders(res, filePath) {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        res.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || request.url === "/api" || !hasWeb || request.method !== "GET") {
      return sendError(reply, 404, { code: "not_found", message: `No route for ${request.method} ${request.url.split("?")[0]}` });
    }
    reply.header("cache-control", "no-cache");
    return reply.sendFile("index.html");
  });
}
