import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../errors.js";
import { actorOf } from "../http/auth.js";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import { IdParams } from "../identity/schema.js";
import { mediaItemsFor } from "../media/postMedia.js";
import { checkParts } from "../policy/service/checkPost.js";
import type { Services } from "../services.js";
import { createCampaign, createPost, deletePost, updatePost } from "./savePost.js";
import { CampaignInput, CampaignView, CheckInput, CheckView, PostInput, PostPatch, PostQuery, PostView } from "./schema.js";
import { findPost, listPosts } from "./store.js";
import { inspectVariants } from "./variants.js";

const tags = ["publishing"];

export async function postRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const present = async (id: string) => {
    const post = await findPost(services, db, id);
    if (!post) throw notFound("Post", "post_not_found");
    return post;
  };

  app.get(
    "/api/posts",
    {
      config: { permission: "posts.read" },
      schema: {
        tags,
        summary: "Posts, newest schedule first",
        querystring: PostQuery,
        response: { 200: z.object({ posts: z.array(PostView), nextOffset: z.number().nullable() }), ...errorResponses },
      },
    },
    async (request) => {
      const posts = await listPosts(services, db, request.query);
      // A full page may have more after it.
      return { posts, nextOffset: posts.length === request.query.limit ? request.query.offset + posts.length : null };
    },
  );

  app.post(
    "/api/posts",
    {
      config: { permission: "posts.write" },
      schema: {
        tags,
        summary: "Compose a post: one text, a variant per channel; with scheduledAt it is scheduled, without it a draft",
        body: PostInput,
        response: { 201: PostView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await createPost(services, actorOf(request), auditOf(request), request.body);
      return reply.code(201).send(await present(id));
    },
  );

  app.post(
    "/api/posts/check",
    {
      config: { permission: "posts.write" },
      schema: {
        tags,
        summary: "Check a draft without saving it: each channel's length counted the network's way, and what stops it going out",
        body: CheckInput,
        response: { 200: CheckView, ...errorResponses },
      },
    },
    async (request) => {
      const media = await mediaItemsFor(db, request.body.mediaIds ?? [], services.config.baseUrl);
      const { text, variants } = request.body;
      const { reports } = await inspectVariants(services, db, actorOf(request), text, variants, media);
      const withFindings = await Promise.all(
        reports.map(async (report, i) => {
          const variant = variants[i];
          const parts = [variant?.text ?? text, ...(variant?.threadParts ?? [])];
          const checked = await checkParts(services, parts);
          return { ...report, findings: checked.flatMap(({ part, findings }) => findings.map((f) => ({ ...f, part }))) };
        }),
      );
      return { variants: withFindings };
    },
  );

  app.get(
    "/api/posts/:id",
    {
      config: { permission: "posts.read" },
      schema: { tags, summary: "One post", params: IdParams, response: { 200: PostView, ...errorResponses } },
    },
    async (request) => present(request.params.id),
  );

  app.patch(
    "/api/posts/:id",
    {
      config: { permission: "posts.write" },
      schema: {
        tags,
        summary: "Edit a post; `version` must be the one you edited (409 edit_conflict otherwise)",
        params: IdParams,
        body: PostPatch,
        response: { 200: PostView, ...errorResponses },
      },
    },
    async (request) => {
      await updatePost(services, actorOf(request), auditOf(request), request.params.id, request.body);
      return present(request.params.id);
    },
  );

  app.delete(
    "/api/posts/:id",
    {
      config: { permission: "posts.write" },
      schema: { tags, summary: "Delete a post that has not gone out", params: IdParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await deletePost(services, actorOf(request), auditOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/campaigns",
    {
      config: { permission: "posts.read" },
      schema: { tags, summary: "Campaigns", response: { 200: z.object({ campaigns: z.array(CampaignView) }), ...errorResponses } },
    },
    async () => ({
      campaigns: (await db.selectFrom("campaigns").selectAll().orderBy("name").execute()).map((c) => ({
        id: c.id,
        name: c.name,
        description: c.description,
        createdAt: c.created_at,
      })),
    }),
  );

  app.post(
    "/api/campaigns",
    {
      config: { permission: "accounts.manage" },
      schema: {
        tags,
        summary: "Create a campaign (social leads)",
        body: CampaignInput,
        response: { 201: CampaignView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await createCampaign(db, auditOf(request), request.body);
      const c = await db.selectFrom("campaigns").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      return reply.code(201).send({ id: c.id, name: c.name, description: c.description, createdAt: c.created_at });
    },
  );
}
