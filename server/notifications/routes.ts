import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../http/auth.js";
import { errorResponses } from "../http/errorBody.js";
import type { Services } from "../services.js";

const tags = ["notifications"];

const Notification = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    createdAt: z.string(),
    read: z.boolean(),
  })
  .meta({ id: "Notification" });

export async function notificationRoutes(base: FastifyInstance, { db }: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/notifications",
    {
      schema: {
        tags,
        summary: "Your notifications, newest first, and how many are unread",
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(30) }),
        response: { 200: z.object({ unread: z.number(), notifications: z.array(Notification) }), ...errorResponses },
      },
    },
    async (request) => {
      const userId = actorOf(request).user.id;
      const rows = await db
        .selectFrom("notifications")
        .selectAll()
        .where("user_id", "=", userId)
        .orderBy("created_at", "desc")
        .limit(request.query.limit)
        .execute();
      const unread = await db
        .selectFrom("notifications")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", userId)
        .where("read_at", "is", null)
        .executeTakeFirstOrThrow();
      return {
        unread: Number(unread.n),
        notifications: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          title: r.title,
          body: r.body,
          link: r.link,
          createdAt: r.created_at,
          read: r.read_at !== null,
        })),
      };
    },
  );

  // Reading one's own notifications is bookkeeping, not a change anyone audits.
  app.post(
    "/api/notifications/read",
    {
      schema: {
        tags,
        summary: "Mark notifications read (all when no ids are given)",
        body: z.strictObject({ ids: z.array(z.string().max(64)).max(500).optional() }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      let query = db
        .updateTable("notifications")
        .set({ read_at: new Date().toISOString() })
        .where("user_id", "=", actorOf(request).user.id)
        .where("read_at", "is", null);
      if (request.body.ids) query = query.where("id", "in", request.body.ids.length > 0 ? request.body.ids : ["-"]);
      await query.execute();
      return reply.code(204).send(null);
    },
  );
}
