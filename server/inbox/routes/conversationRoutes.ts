import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../errors.js";
import { actorOf } from "../../http/auth.js";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import { IdParams } from "../../identity/schema.js";
import type { Services } from "../../services.js";
import { addNote } from "../conversations/addNote.js";
import { listConversations } from "../conversations/list.js";
import { findSummary, presentSummaries } from "../conversations/present.js";
import { bulkUpdateConversations, updateConversation } from "../conversations/updateConversations.js";
import { findConversationDetail, findMessage } from "../conversations/view.js";
import {
  BulkBody,
  ConversationListQuery,
  ConversationListView,
  ConversationPatch,
  ConversationSummaryView,
  ConversationView,
  MessageView,
  NoteBody,
} from "./schema.js";

const tags = ["inbox"];

export async function inboxConversationRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const options = () => ({ rowLocks: services.capabilities.supportsConcurrentWriters });
  const summary = async (id: string) => {
    const found = await findSummary(db, id);
    if (!found) throw notFound("Conversation", "conversation_not_found");
    return found;
  };

  app.get(
    "/api/inbox/conversations",
    {
      config: { permission: "inbox.read" },
      schema: {
        tags,
        summary: "The inbox: conversations by status and filters, newest activity first",
        querystring: ConversationListQuery,
        response: { 200: ConversationListView, ...errorResponses },
      },
    },
    async (request) => {
      const { assigneeId, unassigned, limit, before, beforeId, ...filters } = request.query;
      // One more than a page says whether another page follows.
      const rows = await listConversations(db, {
        ...filters,
        ...(assigneeId ? { assigneeId: assigneeId === "me" ? actorOf(request).user.id : assigneeId } : {}),
        ...(unassigned === "true" ? { unassigned: true } : {}),
        ...(before ? { before: new Date(before).toISOString() } : {}),
        ...(before && beforeId ? { beforeId } : {}),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      // The SLA filters order by urgency: one page, no cursor.
      const last = rows.length > limit && !filters.sla ? page.at(-1) : undefined;
      return { items: await presentSummaries(db, page), nextBefore: last?.last_message_at ?? null, nextBeforeId: last?.id ?? null };
    },
  );

  app.get(
    "/api/inbox/conversations/:id",
    {
      config: { permission: "inbox.read" },
      schema: {
        tags,
        summary: "One conversation: its messages oldest first (each at most 5,000 characters), the contact and their history",
        params: IdParams,
        response: { 200: ConversationView, ...errorResponses },
      },
    },
    async (request) => {
      const detail = await findConversationDetail(db, request.params.id);
      if (!detail) throw notFound("Conversation", "conversation_not_found");
      return detail;
    },
  );

  app.get(
    "/api/inbox/messages/:id",
    {
      config: { permission: "inbox.read" },
      schema: { tags, summary: "One message with its whole text", params: IdParams, response: { 200: MessageView, ...errorResponses } },
    },
    async (request) => {
      const message = await findMessage(db, request.params.id);
      if (!message) throw notFound("Message", "message_not_found");
      return message;
    },
  );

  app.patch(
    "/api/inbox/conversations/:id",
    {
      config: { permission: "inbox.work" },
      schema: {
        tags,
        summary: "Change a conversation's status, priority, assignee, team, tags or snooze",
        params: IdParams,
        body: ConversationPatch,
        response: { 200: ConversationSummaryView, ...errorResponses },
      },
    },
    async (request) => {
      await updateConversation(db, auditOf(request), request.params.id, request.body, options());
      return summary(request.params.id);
    },
  );

  app.post(
    "/api/inbox/conversations/bulk",
    {
      config: { permission: "inbox.work" },
      schema: {
        tags,
        summary: "The same change to up to 500 conversations (one audit event each)",
        body: BulkBody,
        response: { 200: z.object({ updated: z.number() }), ...errorResponses },
      },
    },
    async (request) => ({ updated: await bulkUpdateConversations(db, auditOf(request), request.body.ids, request.body.set, options()) }),
  );

  app.post(
    "/api/inbox/conversations/:id/notes",
    {
      config: { permission: "inbox.work" },
      schema: {
        tags,
        summary: "An internal note on a conversation, never sent anywhere",
        params: IdParams,
        body: NoteBody,
        response: { 201: MessageView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await addNote(db, auditOf(request), request.params.id, actorOf(request).user.id, request.body.text);
      const note = await findMessage(db, id);
      if (!note) throw notFound("Message", "message_not_found");
      return reply.code(201).send(note);
    },
  );
}
