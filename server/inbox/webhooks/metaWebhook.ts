import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { loadNetworkApp } from "../../connections/networkApps.js";
import { timeOrderedId } from "../../db/timeOrderedId.js";
import { AppError } from "../../errors.js";
import type { Services } from "../../services.js";
import { afterIngest } from "../ingest/afterIngest.js";
import { ingestBatch } from "../ingest/ingest.js";
import { compileRules } from "../routing/rules.js";
import { loadRoutingRules } from "../routing/store.js";
import { webhookCounters } from "./counters.js";
import { eventsOfEntry, MetaWebhookBody } from "./metaEvents.js";

const NETWORK = "facebook";
const MAX_BODY = 1024 * 1024;

/** `sha256=<hex>` of the raw body keyed with the app secret, compared in constant time. */
function signatureMatches(secret: string, body: Buffer, header: string | undefined): boolean {
  const given = /^sha256=([0-9a-f]{64})$/i.exec(header ?? "")?.[1];
  if (!given) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(given, "hex"));
}

/**
 * Meta (Facebook Page) webhooks: comments under the page's posts and Messenger messages arrive here as
 * they happen. The body must carry a valid `X-Hub-Signature-256` made with the Facebook app's secret
 * (Admin → Network apps); a bad or missing signature is refused with 401 and a malformed body with 400,
 * both counted, never a 5xx. Meta redelivers until it gets a 200: a delivery seen before is harmless,
 * since messages are deduplicated by the database. An entry for a page that is no channel here is
 * parked for review, not dropped.
 */
export async function metaWebhookRoutes(base: FastifyInstance, services: Services) {
  const { db, keyring } = services;
  await base.register(async (app) => {
    app.addContentTypeParser("application/json", { parseAs: "buffer", bodyLimit: MAX_BODY }, (_request, body, done) => done(null, body));

    // Subscription handshake: Meta sends the verify token the organisation chose in its app settings.
    app.get(
      "/api/inbox/webhooks/meta",
      {
        config: { auth: "public" },
        schema: {
          tags: ["inbox"],
          summary: "Meta's webhook verification (hub.challenge)",
          querystring: z.object({
            "hub.mode": z.string().optional(),
            "hub.verify_token": z.string().optional(),
            "hub.challenge": z.string().optional(),
          }),
        },
      },
      async (request, reply) => {
        const query = request.query as Record<string, string | undefined>;
        const secret = (await loadNetworkApp(db, keyring, NETWORK))?.clientSecret;
        const expected = secret ? metaVerifyToken(secret) : undefined;
        const given = Buffer.from(query["hub.verify_token"] ?? "");
        const matches = expected !== undefined && given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
        if (query["hub.mode"] !== "subscribe" || !matches)
          throw new AppError(403, "verification_failed", "The verify token does not match this server's.");
        return reply.type("text/plain").send(query["hub.challenge"] ?? "");
      },
    );

    app.post(
      "/api/inbox/webhooks/meta",
      { config: { auth: "public", csrf: "skip" }, schema: { tags: ["inbox"], summary: "Meta Page webhooks: comments and messages" } },
      async (request, reply) => {
        const counters = webhookCounters("meta");
        counters.received++;
        const raw = request.body;
        const secret = (await loadNetworkApp(db, keyring, NETWORK))?.clientSecret;
        if (
          !Buffer.isBuffer(raw) ||
          !secret ||
          !signatureMatches(secret, raw, request.headers["x-hub-signature-256"] as string | undefined)
        ) {
          counters.badSignature++;
          throw new AppError(401, "bad_signature", "The X-Hub-Signature-256 header does not match this body.");
        }
        let body: MetaWebhookBody;
        try {
          body = MetaWebhookBody.parse(JSON.parse(raw.toString("utf8")));
        } catch {
          counters.malformed++;
          throw new AppError(400, "malformed_body", "The body is not a Meta webhook payload.");
        }
        if (body.entry.length === 0) return reply.code(200).send({ received: 0, stored: 0 });
        const pages = await db
          .selectFrom("accounts")
          .select(["id", "external_id"])
          .where("network", "=", NETWORK)
          .where(
            "external_id",
            "in",
            body.entry.map((e) => e.id),
          )
          .execute();
        const events = [];
        for (const entry of body.entry) {
          const page = pages.find((p) => p.external_id === entry.id);
          if (page) events.push(...eventsOfEntry(entry, page.id, NETWORK));
          else {
            counters.parked++;
            await db
              .insertInto("inbox_parked_events")
              .values({
                id: timeOrderedId(),
                source: "meta",
                reason: `No channel here is the Facebook Page ${entry.id}.`,
                payload: JSON.stringify(entry),
                received_at: new Date().toISOString(),
                resolved_at: null,
              })
              .execute();
          }
        }
        const result = await ingestBatch(db, events, {
          rules: compileRules(await loadRoutingRules(db)),
          capabilities: services.capabilities,
        });
        await afterIngest(services, result);
        return reply.code(200).send({ received: events.length, stored: result.stored });
      },
    );
  });
}

/** The verify token to enter in the Meta app's webhook settings (derived from the app secret). */
export const metaVerifyToken = (appSecret: string) =>
  createHmac("sha256", appSecret).update("switchboard-webhook").digest("hex").slice(0, 32);
