import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../errors.js";
import { actorOf } from "../../http/auth.js";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import { Id } from "../../identity/schema.js";
import type { Services } from "../../services.js";
import { PostView } from "../schema.js";
import { findPost } from "../store.js";
import { resolveReview } from "./review.js";

const ReviewInput = z.discriminatedUnion("choice", [
  z.strictObject({
    choice: z.literal("went_out").describe("It went out: mark it published; nothing is sent"),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional()
      .describe("Where the post is on the network, if you found it"),
  }),
  z.strictObject({ choice: z.literal("publish_again").describe("Send it again, with a new attempt, at the engine's next pass") }),
]);

export async function reviewRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/api/posts/:id/variants/:variantId/review",
    {
      config: { permission: "posts.write" },
      schema: {
        tags: ["publishing"],
        summary: "Decide about a channel in needs_review: it went out, or publish it again (the author or a social lead)",
        params: z.strictObject({ id: Id, variantId: Id }),
        body: ReviewInput,
        response: { 200: PostView, ...errorResponses },
      },
    },
    async (request) => {
      await resolveReview(
        services.db,
        actorOf(request),
        auditOf(request),
        { postId: request.params.id, variantId: request.params.variantId },
        request.body,
      );
      const post = await findPost(services, services.db, request.params.id);
      if (!post) throw notFound("Post", "post_not_found");
      return post;
    },
  );
}
