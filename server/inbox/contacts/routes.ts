import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import { Id, IdParams } from "../../identity/schema.js";
import type { Services } from "../../services.js";
import { mergeContacts } from "./mergeContacts.js";
import { searchContacts } from "./searchContacts.js";

const ContactMatch = z.object({
  id: z.string(),
  displayName: z.string(),
  identities: z.array(z.object({ network: z.string(), externalId: z.string(), handle: z.string().nullable() })),
  conversations: z.number(),
});

/** Contacts: finding one, and recognising that two of them are the same person. */
export async function contactRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/inbox/contacts",
    {
      config: { permission: "inbox.read" },
      schema: {
        tags: ["inbox"],
        summary: "Contacts whose name, handle or network id contains `q` (merged-away contacts left out)",
        querystring: z.strictObject({
          q: z.string().trim().min(1).max(100),
          excludeId: Id.optional().describe("Leave this contact out (the one being merged)"),
          limit: z.coerce.number().int().min(1).max(50).default(10),
        }),
        response: { 200: z.object({ items: z.array(ContactMatch) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await searchContacts(services.db, request.query.q, { excludeId: request.query.excludeId, limit: request.query.limit }),
    }),
  );
  app.post(
    "/api/inbox/contacts/:id/merge",
    {
      config: { permission: "inbox.work" },
      schema: {
        tags: ["inbox"],
        summary: "Merge this contact into another (the same person): identities, conversations and messages move there",
        params: IdParams,
        body: z.strictObject({ intoId: Id }),
        response: { 200: z.object({ id: z.string() }), ...errorResponses },
      },
    },
    async (request) => {
      await mergeContacts(services.db, auditOf(request), request.params.id, request.body.intoId, {
        rowLocks: services.capabilities.supportsConcurrentWriters,
      });
      return { id: request.body.intoId };
    },
  );
}
