import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../errors.js";
import { errorResponses } from "../http/errorBody.js";
import type { Services } from "../services.js";
import { readConversionSecret } from "./conversionSecret.js";
import { RateLimiter } from "./rateLimit.js";
import { recordConversion } from "./recordConversion.js";
import { ConversionInput, ConversionResult, PixelQuery } from "./schema.js";
import { readSettings } from "./settings.js";
import { checkSignature } from "./signature.js";
import { analyticsDb } from "./tables.js";

const MAX_BODY = 16 * 1024;
/** Per client address and process: a website reports conversions as people convert, not in floods. */
const PER_MINUTE = 120;
/** The smallest transparent GIF. */
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

const REFUSALS = {
  missing: new AppError(401, "signature_missing", "Send X-Switchboard-Timestamp and X-Switchboard-Signature.", {
    help: "See docs/analytics.md: HMAC-SHA256 over `<timestamp>.<body>` with the organisation's conversion secret.",
  }),
  stale: new AppError(
    401,
    "signature_expired",
    "The timestamp is more than 5 minutes from the server's clock (a replay, or a clock that is off).",
  ),
  mismatch: new AppError(401, "bad_signature", "The signature does not match this body."),
};

/**
 * The organisation's website reports conversions here: a signed POST (HMAC-SHA256 over timestamp and
 * body with the secret from the vault, a 5-minute window against replays, and the dedupe key against
 * replays inside it), or, where the site cannot sign, a GET pixel an admin must switch on, whose
 * conversions are stored as unsigned. Both are rate-limited per address.
 */
export async function registerConversionRoutes(base: FastifyInstance, services: Services) {
  const db = analyticsDb(services.db);
  const limiter = new RateLimiter(PER_MINUTE, 60_000);

  await base.register(async (scope) => {
    // The signature covers the exact bytes sent: keep them.
    scope.addContentTypeParser("application/json", { parseAs: "buffer", bodyLimit: MAX_BODY }, (_request, body, done) => done(null, body));
    const app = scope.withTypeProvider<ZodTypeProvider>();
    app.post(
      "/api/conversions",
      {
        config: { auth: "public", csrf: "skip" },
        schema: {
          tags: ["analytics"],
          summary: "A conversion from the organisation's website, HMAC-signed (headers X-Switchboard-Timestamp, X-Switchboard-Signature)",
          response: { 200: ConversionResult, 201: ConversionResult, ...errorResponses },
        },
      },
      async (request, reply) => {
        limiter.take(request.ip);
        const raw = request.body;
        const secret = await readConversionSecret(services.db, services.keyring);
        if (!secret)
          throw new AppError(409, "conversions_not_configured", "No conversion secret has been made yet (Analytics → Settings).");
        if (!Buffer.isBuffer(raw)) throw new AppError(400, "malformed_body", "Send the conversion as a JSON body.");
        const header = (name: string) => {
          const v = request.headers[name];
          return typeof v === "string" ? v : undefined;
        };
        const check = checkSignature(secret, header("x-switchboard-timestamp"), header("x-switchboard-signature"), raw);
        if (check !== "ok") throw REFUSALS[check];
        let body: unknown;
        try {
          body = JSON.parse(raw.toString("utf8"));
        } catch {
          throw new AppError(400, "malformed_body", "The body is not JSON.");
        }
        const parsed = ConversionInput.safeParse(body);
        if (!parsed.success)
          throw new AppError(400, "validation_failed", "The conversion is not valid.", { details: z.treeifyError(parsed.error) });
        const result = await recordConversion(db, parsed.data, true);
        return reply.code(result.duplicate ? 200 : 201).send(result);
      },
    );
  });

  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/conversions/pixel.gif",
    {
      config: { auth: "public" },
      schema: {
        tags: ["analytics"],
        summary: "An unsigned conversion as a 1×1 image, for sites that cannot sign (off until an admin switches it on)",
        querystring: PixelQuery,
      },
    },
    async (request, reply) => {
      limiter.take(request.ip);
      if (!(await readSettings(db)).pixelEnabled) throw new AppError(404, "pixel_disabled", "The conversion pixel is switched off.");
      const q = request.query;
      await recordConversion(
        db,
        {
          dedupeKey: q.key,
          kind: q.kind,
          ...(q.click ? { clickId: q.click } : {}),
          ...(q.value !== undefined ? { value: q.value } : {}),
          ...(q.currency ? { currency: q.currency } : {}),
          ...(q.customer ? { customerKey: q.customer } : {}),
        },
        false,
      );
      return reply.header("content-type", "image/gif").header("cache-control", "no-store").send(PIXEL);
    },
  );
}
