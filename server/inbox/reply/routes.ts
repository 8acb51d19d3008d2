import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../http/auth.js";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import { IdParams } from "../../identity/schema.js";
import type { Services } from "../../services.js";
import { sendReply } from "./sendReply.js";

const ReplyBody = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1)
    .max(10_000)
    .describe("What to answer; checked against the policy as a reply to the customer's latest message"),
  override: z
    .strictObject({ reason: z.string().trim().min(1).max(500) })
    .optional()
    .describe("Administrators only: send despite error findings"),
});

const Finding = z.object({ source: z.string(), ruleId: z.string(), level: z.string(), reason: z.string() });

const SentReply = z.object({
  id: z.string(),
  remoteId: z.string(),
  url: z.string().nullable(),
  sentAt: z.string(),
  findings: z.array(Finding).describe("What the policy noted (warnings and suggestions did not stop it)"),
});

/** Answering a conversation through its channel (issue 6, item 3). */
export async function replyRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/api/inbox/conversations/:id/replies",
    {
      config: { permission: "inbox.work" },
      schema: {
        tags: ["inbox"],
        summary: "Reply through the channel, as an answer to the customer's latest message (policy-checked, audited)",
        params: IdParams,
        body: ReplyBody,
        response: { 201: SentReply, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await sendReply(services, actorOf(request), auditOf(request), request.params.id, request.body)),
  );
}
