import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../errors.js";
import { actorOf } from "../../http/auth.js";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import { IdParams } from "../../identity/schema.js";
import type { Services } from "../../services.js";
import { PostView } from "../schema.js";
import { listPosts } from "../store.js";
import { addComment } from "./comments.js";
import { decide, stepInTurn } from "./decide.js";
import { CommentInput, CommentView, DecisionInput, ReviewView, WorkflowInput, WorkflowView } from "./schema.js";
import { approvalOf, commentsOf } from "./view.js";
import { deleteWorkflow, findWorkflow, listWorkflows, saveWorkflow } from "./workflows.js";

const tags = ["approvals"];

export async function approvalRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const review = async (postId: string, viewerId: string) => {
    const post = await db.selectFrom("posts").select(["id", "author_id", "status"]).where("id", "=", postId).executeTakeFirst();
    if (!post) throw notFound("Post", "post_not_found");
    return { approval: await approvalOf(db, post, viewerId), comments: await commentsOf(db, postId) };
  };

  app.get(
    "/api/approval-workflows",
    {
      config: { permission: "posts.read" },
      schema: {
        tags,
        summary: "Approval workflows of channels and campaigns",
        response: { 200: z.object({ workflows: z.array(WorkflowView) }), ...errorResponses },
      },
    },
    async () => ({ workflows: await listWorkflows(db) }),
  );

  app.put(
    "/api/approval-workflows",
    {
      config: { permission: "accounts.manage" },
      schema: {
        tags,
        summary: "Set the approval workflow of a channel or campaign (replaces the one it had); posts under review keep their steps",
        body: WorkflowInput,
        response: { 200: WorkflowView, ...errorResponses },
      },
    },
    async (request) => findWorkflow(db, await saveWorkflow(db, auditOf(request), request.body)),
  );

  app.delete(
    "/api/approval-workflows/:id",
    {
      config: { permission: "accounts.manage" },
      schema: { tags, summary: "Remove an approval workflow", params: IdParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await deleteWorkflow(db, auditOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/approvals/mine",
    {
      config: { permission: "posts.read" },
      schema: {
        tags,
        summary: "Posts waiting for your approval",
        response: { 200: z.object({ posts: z.array(PostView) }), ...errorResponses },
      },
    },
    async (request) => {
      const me = actorOf(request).user.id;
      const pending = await db.selectFrom("posts").select(["id", "author_id"]).where("status", "=", "pending_approval").execute();
      const mine: string[] = [];
      for (const post of pending) if ((await stepInTurn(db, post))?.eligible.includes(me)) mine.push(post.id);
      const posts = mine.length ? await listPosts(services, db, { ids: mine, limit: 500 }) : [];
      return { posts };
    },
  );

  app.get(
    "/api/posts/:id/review",
    {
      config: { permission: "posts.read" },
      schema: {
        tags,
        summary: "A post's approval steps, decisions and comments",
        params: IdParams,
        response: { 200: ReviewView, ...errorResponses },
      },
    },
    async (request) => review(request.params.id, actorOf(request).user.id),
  );

  for (const decision of ["approve", "reject"] as const) {
    app.post(
      `/api/posts/:id/${decision}`,
      {
        config: { permission: "posts.review" },
        schema: {
          tags,
          summary:
            decision === "approve"
              ? "Approve the step in turn (not your own post); the last approval schedules the post"
              : "Request changes: the post goes back to its author as a draft (a comment is required)",
          params: IdParams,
          body: DecisionInput,
          response: { 200: ReviewView, ...errorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await decide(db, actor, auditOf(request), request.params.id, { decision, ...request.body });
        return review(request.params.id, actor.user.id);
      },
    );
  }

  app.post(
    "/api/posts/:id/comments",
    {
      config: { permission: "posts.review" },
      schema: {
        tags,
        summary: "Comment on a post",
        params: IdParams,
        body: CommentInput,
        response: { 201: CommentView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await addComment(db, actorOf(request), auditOf(request), request.params.id, request.body.body);
      const comment = (await commentsOf(db, request.params.id)).find((c) => c.id === id);
      if (!comment) throw notFound("Comment", "comment_not_found");
      return reply.code(201).send(comment);
    },
  );
}
