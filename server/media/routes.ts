import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError, notFound } from "../errors.js";
import { actorOf } from "../http/auth.js";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import { IdParams } from "../identity/schema.js";
import type { Services } from "../services.js";
import { deleteMedia, setMediaAlt } from "./editMedia.js";
import { AltText, MAX_UPLOAD_BYTES, MediaPatch, MediaView, UPLOAD_TYPES } from "./schema.js";
import { mediaStorageOf } from "./storage.js";
import { findMedia } from "./store.js";
import { uploadMedia } from "./uploadMedia.js";

const tags = ["media"];
const MB = 1024 * 1024;

const tooLarge = () =>
  new AppError(
    413,
    "media_too_large",
    `Images can be at most ${MAX_UPLOAD_BYTES / MB} MB (${MAX_UPLOAD_BYTES.toLocaleString("en")} bytes).`,
    {
      details: { limit: MAX_UPLOAD_BYTES },
    },
  );

/**
 * Reads the raw upload, refusing it as soon as it passes the limit (before reading it whole when
 * Content-Length already says so). Fastify's own limit would answer a generic `body_too_large`.
 */
async function readUpload(request: FastifyRequest, payload: NodeJS.ReadableStream): Promise<Buffer> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buffer.byteLength;
    if (size > MAX_UPLOAD_BYTES) throw tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** The upload route in its own scope: only it takes raw image bodies (the rest of the API parses JSON only). */
async function uploadRoute(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const storage = mediaStorageOf(services.config);
  app.addContentTypeParser([...UPLOAD_TYPES], (request: FastifyRequest, payload: NodeJS.ReadableStream) => readUpload(request, payload));
  // Any other type: a 415 that says what is accepted (not the JSON-only message the rest of the API gives).
  app.addContentTypeParser("*", (request, _payload, done) => {
    done(
      new AppError(
        415,
        "media_type_not_allowed",
        `Upload a PNG, JPEG, GIF or WebP image; ${request.headers["content-type"] ?? "no type"} is not accepted.`,
      ),
      undefined,
    );
  });
  app.post(
    "/api/media",
    {
      config: { permission: "posts.write" },
      bodyLimit: MAX_UPLOAD_BYTES + 1,
      schema: {
        tags,
        summary: "Upload an image: the file's bytes as the body, with its Content-Type (image/png, image/jpeg, image/gif or image/webp)",
        querystring: z.strictObject({ alt: AltText.optional().describe("Alt text, if known already") }),
        response: { 201: MediaView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body: unknown = request.body;
      if (!Buffer.isBuffer(body))
        throw new AppError(
          415,
          "media_type_not_allowed",
          "Upload a PNG, JPEG, GIF or WebP image as the request body, with its Content-Type.",
        );
      const declaredType = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      const id = await uploadMedia(services.db, storage, actorOf(request), auditOf(request), {
        bytes: body,
        declaredType,
        alt: request.query.alt,
      });
      const created = await findMedia(services.db, id);
      if (!created) throw notFound("The image", "media_not_found");
      return reply.code(201).send(created);
    },
  );
}

export async function mediaRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const storage = mediaStorageOf(services.config);
  const present = async (id: string) => {
    const media = await findMedia(db, id);
    if (!media) throw notFound("The image", "media_not_found");
    return media;
  };

  await app.register(async (scope) => uploadRoute(scope, services));

  app.get(
    "/api/media/:id",
    {
      config: { permission: "posts.read" },
      schema: { tags, summary: "An image's details", params: IdParams, response: { 200: MediaView, ...errorResponses } },
    },
    async (request) => present(request.params.id),
  );

  app.get(
    "/api/media/:id/content",
    {
      config: { permission: "posts.read" },
      schema: { tags, summary: "The image itself", params: IdParams },
    },
    async (request, reply) => {
      const row = await db
        .selectFrom("media")
        .select(["storage_key", "mime_type", "byte_size", "sha256"])
        .where("id", "=", request.params.id)
        .executeTakeFirst();
      if (!row) throw notFound("The image", "media_not_found");
      const stream = await storage.get(row.storage_key);
      if (!stream) throw new AppError(410, "media_file_missing", "This image's file is missing from the media storage.");
      return (
        reply
          .type(row.mime_type)
          .header("content-length", String(row.byte_size))
          .header("x-content-type-options", "nosniff")
          // Private: behind sign-in. The bytes never change under one id.
          .header("cache-control", "private, max-age=31536000, immutable")
          .header("etag", `"${row.sha256}"`)
          .header("content-disposition", "inline")
          .send(stream)
      );
    },
  );

  app.patch(
    "/api/media/:id",
    {
      config: { permission: "posts.write" },
      schema: {
        tags,
        summary: "Describe an image (alt text)",
        params: IdParams,
        body: MediaPatch,
        response: { 200: MediaView, ...errorResponses },
      },
    },
    async (request) => {
      await setMediaAlt(db, actorOf(request), auditOf(request), request.params.id, request.body.alt);
      return present(request.params.id);
    },
  );

  app.delete(
    "/api/media/:id",
    {
      config: { permission: "posts.write" },
      schema: { tags, summary: "Delete an image no post uses", params: IdParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await deleteMedia(db, storage, actorOf(request), auditOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
