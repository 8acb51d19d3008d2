import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../http/auth.js";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import { IdParams } from "../../identity/schema.js";
import type { Services } from "../../services.js";
import { HELD_STATUSES } from "./heldReplies.js";
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

export const HeldReplyView = z
  .object({
    id: z.string(),
    conversation: z.object({ id: z.string(), subject: z.string() }),
    text: z.string(),
    status: z.enum(HELD_STATUSES),
    comment: z.string().nullable().describe("The lead's comment when sent back"),
    findings: z.array(Finding).describe("The policy's findings when it was written"),
    author: z.object({ id: z.string(), name: z.string() }).nullable(),
    decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    decidedAt: z.string().nullable(),
    messageId: z.string().nullable().describe("The outbound message, once sent"),
    createdAt: z.string(),
  })
  .meta({ id: "HeldReply" });

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
        response: {
          201: SentReply,
          202: z.object({ held: HeldReplyView }).describe("Held: the author's replies need a lead's approval; nothing was sent"),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await sendReply(services, actorOf(request), auditOf(request), request.params.id, request.body);
      if (result.held) return reply.code(202).send({ held: result.held });
      const { held: _none, ...sent } = result;
      return reply.code(201).send(sent);
    },
  );
}
