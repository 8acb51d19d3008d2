import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { authorizeOnAccount } from "../../accounts/policies.js";
import { notFound } from "../../errors.js";
import { actorOf } from "../../http/auth.js";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import { IdParams } from "../../identity/schema.js";
import type { Services } from "../../services.js";
import { isTimeZone } from "../model.js";
import { nextFreeSlot, queueOf, setQueue } from "./queue.js";

const Slot = z.strictObject({
  weekday: z.number().int().min(1).max(7).describe("1 Monday … 7 Sunday"),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour"),
});

const QueueBody = z.strictObject({
  timeZone: z.string().max(64).refine(isTimeZone, "an IANA time zone such as Europe/Berlin"),
  slots: z.array(Slot).max(200).describe("Weekly times queued posts fill; empty: no queue"),
});

const QueueView = z.object({
  timeZone: z.string().nullable(),
  slots: z.array(z.object({ weekday: z.number(), time: z.string() })),
  nextFreeSlot: z.string().nullable().describe("Where a post queued now would go"),
});

export async function queueRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const view = async (accountId: string) => {
    const queue = await queueOf(db, accountId);
    const next = queue ? await nextFreeSlot(db, [accountId]).catch(() => null) : null;
    return { timeZone: queue?.timeZone ?? null, slots: queue?.slots ?? [], nextFreeSlot: next?.at ?? null };
  };
  const account = async (id: string) => {
    const found = await db.selectFrom("accounts").select(["id", "owner_id"]).where("id", "=", id).executeTakeFirst();
    if (!found) throw notFound("Account", "account_not_found");
    return found;
  };

  app.get(
    "/api/accounts/:id/queue",
    {
      config: { permission: "accounts.read" },
      schema: {
        tags: ["publishing"],
        summary: "A channel's posting queue",
        params: IdParams,
        response: { 200: QueueView, ...errorResponses },
      },
    },
    async (request) => {
      await account(request.params.id);
      return view(request.params.id);
    },
  );

  app.put(
    "/api/accounts/:id/queue",
    {
      config: { permission: "posts.write" },
      schema: {
        tags: ["publishing"],
        summary: "Set a channel's posting queue: weekly wall-clock times in its time zone (needs manage access to the channel)",
        params: IdParams,
        body: QueueBody,
        response: { 200: QueueView, ...errorResponses },
      },
    },
    async (request) => {
      await authorizeOnAccount(db, actorOf(request), await account(request.params.id), "manage");
      await setQueue(db, auditOf(request), request.params.id, request.body);
      return view(request.params.id);
    },
  );
}
