import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../http/auth.js";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import type { Services } from "../services.js";
import { addMessage } from "./addMessage.js";
import { listTypes } from "./config.js";
import { fileRequest } from "./fileRequest.js";
import { presentRequest, presentSummaries } from "./present.js";
import { rateRequest } from "./rateRequest.js";
import { reopenRequest } from "./reopenRequest.js";
import {
  ChecklistBody,
  ChecklistParams,
  DecisionBody,
  FileBody,
  ListQuery,
  MessageBody,
  NumberParams,
  PatchBody,
  RatingBody,
  RequestSummaryView,
  RequestView,
  TypeView,
} from "./schema.js";
import { settingsRoutes } from "./settingsRoutes.js";
import { listRequests, visibleRequest } from "./store.js";
import { updateRequest } from "./updateRequest.js";
import { setChecklistItem } from "./workflows/checklist.js";
import { decideRequest } from "./workflows/decideRequest.js";

const tags = ["requests"];

/** The help desk: any signed-in person files and follows their requests; agents (requests.work) work the queues. */
export async function requestRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const one = { params: NumberParams, response: { 200: RequestView, ...errorResponses } };
  const show = async (request: Parameters<typeof actorOf>[0], number: number) => {
    const actor = actorOf(request);
    return presentRequest(db, actor, await visibleRequest(db, actor, number));
  };

  app.get(
    "/api/requests/types",
    {
      config: { auth: "user" },
      schema: {
        tags,
        summary: "The request types one can file, with their forms",
        response: { 200: z.object({ types: z.array(TypeView) }), ...errorResponses },
      },
    },
    async () => ({ types: (await listTypes(db)).filter((t) => t.enabled) }),
  );

  app.post(
    "/api/requests",
    {
      config: { auth: "user" },
      schema: { tags, summary: "File a request", body: FileBody, response: { 201: RequestView, ...errorResponses } },
    },
    async (request, reply) => {
      const number = await fileRequest(db, auditOf(request), actorOf(request), request.body);
      return reply.code(201).send(await show(request, number));
    },
  );

  app.get(
    "/api/requests/mine",
    {
      config: { auth: "user" },
      schema: {
        tags,
        summary: "Requests you filed, newest first",
        querystring: ListQuery.pick({ status: true, limit: true, offset: true }),
        response: { 200: z.object({ requests: z.array(RequestSummaryView) }), ...errorResponses },
      },
    },
    async (request) => {
      const rows = await listRequests(db, { ...request.query, requesterId: actorOf(request).user.id });
      return { requests: await presentSummaries(db, rows) };
    },
  );

  app.get(
    "/api/requests",
    {
      config: { permission: "requests.work" },
      schema: {
        tags,
        summary: "The queues: requests by queue, status, assignee or type, newest first",
        querystring: ListQuery,
        response: { 200: z.object({ requests: z.array(RequestSummaryView) }), ...errorResponses },
      },
    },
    async (request) => {
      const { assigneeId, ...rest } = request.query;
      const assignee = assigneeId === "me" ? actorOf(request).user.id : assigneeId === "none" ? null : assigneeId;
      const rows = await listRequests(db, { ...rest, assigneeId: assignee });
      return { requests: await presentSummaries(db, rows) };
    },
  );

  app.get(
    "/api/requests/:number",
    { config: { auth: "user" }, schema: { tags, summary: "One request (yours, or any for agents)", ...one } },
    async (request) => show(request, request.params.number),
  );

  app.patch(
    "/api/requests/:number",
    {
      config: { permission: "requests.work" },
      schema: { tags, summary: "Change status, priority, assignee or queue", body: PatchBody, ...one },
    },
    async (request) => {
      await updateRequest(db, auditOf(request), actorOf(request), request.params.number, request.body);
      return show(request, request.params.number);
    },
  );

  app.post(
    "/api/requests/:number/messages",
    {
      config: { auth: "user" },
      schema: { tags, summary: "Reply (requester or agent) or add an internal note (agents)", body: MessageBody, ...one },
    },
    async (request) => {
      await addMessage(db, auditOf(request), actorOf(request), request.params.number, request.body);
      return show(request, request.params.number);
    },
  );

  app.post(
    "/api/requests/:number/reopen",
    { config: { auth: "user" }, schema: { tags, summary: "Reopen a resolved request", ...one } },
    async (request) => {
      await reopenRequest(db, auditOf(request), actorOf(request), request.params.number);
      return show(request, request.params.number);
    },
  );

  app.put(
    "/api/requests/:number/rating",
    { config: { auth: "user" }, schema: { tags, summary: "Rate a resolved request (requester)", body: RatingBody, ...one } },
    async (request) => {
      await rateRequest(db, auditOf(request), actorOf(request), request.params.number, request.body);
      return show(request, request.params.number);
    },
  );

  app.post(
    "/api/requests/:number/decision",
    {
      config: { permission: "accounts.manage" },
      schema: { tags, summary: "Approve or reject a new-account or access request (social lead)", body: DecisionBody, ...one },
    },
    async (request) => {
      await decideRequest(db, auditOf(request), actorOf(request), request.params.number, request.body);
      return show(request, request.params.number);
    },
  );

  app.put(
    "/api/requests/:number/checklist/:itemId",
    {
      config: { permission: "requests.work" },
      schema: { tags, summary: "Tick a takedown checklist step", params: ChecklistParams, body: ChecklistBody, response: one.response },
    },
    async (request) => {
      await setChecklistItem(db, auditOf(request), actorOf(request), request.params.number, request.params.itemId, request.body.done);
      return show(request, request.params.number);
    },
  );

  await settingsRoutes(app, services);
}
