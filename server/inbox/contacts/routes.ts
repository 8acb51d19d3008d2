import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import { Id, IdParams } from "../../identity/schema.js";
import type { Services } from "../../services.js";
import { mergeContacts } from "./mergeContacts.js";

/** Contacts: recognising that two of them are the same person. */
export async function contactRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
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
      await mergeContacts(services.db, auditOf(request), request.params.id, request.body.intoId);
      return { id: request.body.intoId };
    },
  );
}
