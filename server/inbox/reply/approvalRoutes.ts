import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../errors.js";
import { actorOf } from "../../http/auth.js";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import { ROLES } from "../../identity/roles.js";
import { Id, IdParams } from "../../identity/schema.js";
import type { Services } from "../../services.js";
import { readReplyApproval, saveReplyApproval } from "./approvalSettings.js";
import { approveHeldReply, returnHeldReply } from "./decideHeldReply.js";
import { HELD_STATUSES, heldRepliesOf, listHeldReplies } from "./heldReplies.js";
import { HeldReplyView } from "./routes.js";

const tags = ["inbox"];

const ReplyApprovalBody = z.strictObject({
  roles: z.array(z.enum(ROLES)).max(ROLES.length).describe("Whose replies wait for approval (people with `inbox.manage` never do)"),
  accountIds: z.array(Id).max(500).describe("Only on these channels; empty: on every channel"),
});

/** Replies held for approval, and the setting saying whose (docs/inbox.md, "Reply approval"). */
export async function replyApprovalRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const found = <T>(value: T | undefined) => {
    if (!value) throw notFound("Held reply", "held_reply_not_found");
    return value;
  };

  app.get(
    "/api/inbox/held-replies",
    {
      config: { permission: "inbox.manage" },
      schema: {
        tags,
        summary: "Replies waiting for approval (or decided ones by status), oldest first",
        querystring: z.strictObject({
          status: z.enum(HELD_STATUSES).default("waiting"),
          limit: z.coerce.number().int().min(1).max(200).default(100),
        }),
        response: { 200: z.object({ items: z.array(HeldReplyView) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listHeldReplies(db, request.query.status, request.query.limit) }),
  );

  app.get(
    "/api/inbox/conversations/:id/held-replies",
    {
      config: { permission: "inbox.read" },
      schema: {
        tags,
        summary: "A conversation's replies held for approval or sent back (not the ones sent), newest first",
        params: IdParams,
        response: { 200: z.object({ items: z.array(HeldReplyView) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await heldRepliesOf(db, request.params.id) }),
  );

  app.post(
    "/api/inbox/held-replies/:id/approve",
    {
      config: { permission: "inbox.manage" },
      schema: {
        tags,
        summary: "Approve a held reply: it is sent through the channel",
        params: IdParams,
        response: { 200: HeldReplyView, ...errorResponses },
      },
    },
    async (request) => found(await approveHeldReply(services, auditOf(request), actorOf(request).user.id, request.params.id)),
  );

  app.post(
    "/api/inbox/held-replies/:id/return",
    {
      config: { permission: "inbox.manage" },
      schema: {
        tags,
        summary: "Send a held reply back to its author with a comment; nothing is sent",
        params: IdParams,
        body: z.strictObject({ comment: z.string().trim().min(1).max(2000) }),
        response: { 200: HeldReplyView, ...errorResponses },
      },
    },
    async (request) =>
      found(await returnHeldReply(services, auditOf(request), actorOf(request).user.id, request.params.id, request.body.comment)),
  );

  app.get(
    "/api/inbox/settings/reply-approval",
    {
      config: { permission: "inbox.manage" },
      schema: { tags, summary: "Whose inbox replies need approval", response: { 200: ReplyApprovalBody, ...errorResponses } },
    },
    async () => readReplyApproval(db),
  );

  app.put(
    "/api/inbox/settings/reply-approval",
    {
      config: { permission: "policy.manage" },
      schema: {
        tags,
        summary: "Set whose inbox replies need approval (administrators; audited)",
        body: ReplyApprovalBody,
        response: { 200: ReplyApprovalBody, ...errorResponses },
      },
    },
    async (request) => {
      await saveReplyApproval(db, auditOf(request), request.body);
      return readReplyApproval(db);
    },
  );
}
