import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError } from "../errors.js";
import type { ErrorBodyType } from "./errorBody.js";

/** Fastify's own error codes for bad requests, mapped to our stable codes. */
const FASTIFY_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: "invalid_json", message: "The request body is not valid JSON." },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: "invalid_json", message: "The request body is empty but JSON was declared." },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: "body_too_large", message: "The request body is too large." },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: "unsupported_media_type", message: "Send the body as application/json." },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: "invalid_content_length",
    message: "The Content-Length header does not match the body.",
  },
  FST_ERR_CTP_INVALID_TYPE: { status: 400, code: "invalid_content_type", message: "The Content-Type header is not valid." },
  FST_ERR_BAD_URL: { status: 400, code: "bad_url", message: "The URL is not valid." },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: "bad_request", message: "The request could not be routed." },
};

export function sendError(reply: FastifyReply, status: number, body: ErrorBodyType["error"], headers: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply.code(status).type("application/json").serializer(JSON.stringify).send({ error: body });
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      return sendError(
        reply,
        error.status,
        {
          code: error.code,
          message: error.message,
          ...(error.details === undefined ? {} : { details: error.details }),
          ...(error.help ? { help: error.help } : {}),
        },
        error.headers,
      );
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => {
        const field = (v.instancePath || "").replace(/^\//, "").replaceAll("/", ".");
        const unknownKeys = (v.params as { keys?: string[] } | undefined)?.keys;
        return {
          path: `${error.validationContext ?? ""}${v.instancePath || ""}`,
          field,
          message: unknownKeys ? `unknown field(s): ${unknownKeys.join(", ")}` : (v.message ?? "is not valid"),
          ...(v.keyword ? { rule: v.keyword } : {}),
        };
      });
      return sendError(reply, 400, { code: "validation_failed", message: "Some fields are missing or not valid.", details: { issues } });
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return sendError(reply, known.status, { code: known.code, message: known.message });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, error.statusCode, { code: "bad_request", message: error.message });
    }
    request.log.error({ err: error }, "unhandled error");
    return sendError(reply, 500, { code: "internal_error", message: "Something went wrong on our side. The error was logged." });
  });
}
