import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordAudit } from "../../audit/record.js";
import { timeOrderedId } from "../../db/timeOrderedId.js";
import { isUniqueViolation } from "../../db/uniqueViolation.js";
import { AppError, badRequest, notFound } from "../../errors.js";
import { actorOf } from "../../http/auth.js";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import { Id, IdParams } from "../../identity/schema.js";
import type { Services } from "../../services.js";
import { CANNED_VARIABLES, fillCanned, unknownVariables } from "./fill.js";

const tags = ["inbox"];
const CannedInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  text: z
    .string()
    .trim()
    .min(1)
    .max(5000)
    .describe(`May use {{${CANNED_VARIABLES.join("}}, {{")}}}`),
});
const CannedView = z.object({ id: z.string(), name: z.string(), text: z.string(), updatedAt: z.string() });
const present = (r: { id: string; name: string; text: string; updated_at: string }) => ({
  id: r.id,
  name: r.name,
  text: r.text,
  updatedAt: r.updated_at,
});

/** Canned replies: kept by those who manage the inbox, filled in for a conversation by anyone working it. */
export async function cannedReplyRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const checked = (text: string) => {
    const unknown = unknownVariables(text);
    if (unknown.length > 0)
      throw badRequest("unknown_variable", `Unknown variables: ${unknown.join(", ")}. Known: ${CANNED_VARIABLES.join(", ")}.`, { unknown });
  };
  const nameTaken = async (name: string, except?: string) => {
    const other = await db.selectFrom("inbox_canned_replies").select("id").where("name", "=", name).executeTakeFirst();
    if (other && other.id !== except) throw new AppError(409, "name_taken", `A canned reply is already called “${name}”.`);
  };

  app.get(
    "/api/inbox/canned-replies",
    {
      config: { permission: "inbox.read" },
      schema: { tags, summary: "Canned replies, by name", response: { 200: z.object({ items: z.array(CannedView) }), ...errorResponses } },
    },
    async () => ({ items: (await db.selectFrom("inbox_canned_replies").selectAll().orderBy("name").execute()).map(present) }),
  );

  app.post(
    "/api/inbox/canned-replies",
    {
      config: { permission: "inbox.manage" },
      schema: { tags, summary: "Add a canned reply", body: CannedInput, response: { 201: CannedView, ...errorResponses } },
    },
    async (request, reply) => {
      checked(request.body.text);
      await nameTaken(request.body.name);
      const now = new Date().toISOString();
      const row = { id: timeOrderedId(), name: request.body.name, text: request.body.text, created_at: now, updated_at: now };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("inbox_canned_replies")
          .values(row)
          .execute()
          .catch((error: unknown) => {
            // Two people adding the same name at once: the unique key decides, and the loser hears why.
            throw isUniqueViolation(error) ? new AppError(409, "name_taken", `A canned reply is already called “${row.name}”.`) : error;
          });
        await recordAudit(trx, auditOf(request), {
          action: "inbox.canned_reply.created",
          targetType: "inbox_canned_reply",
          targetId: row.id,
          summary: `Added the canned reply “${row.name}”`,
        });
      });
      return reply.code(201).send(present(row));
    },
  );

  app.put(
    "/api/inbox/canned-replies/:id",
    {
      config: { permission: "inbox.manage" },
      schema: {
        tags,
        summary: "Change a canned reply",
        params: IdParams,
        body: CannedInput,
        response: { 200: CannedView, ...errorResponses },
      },
    },
    async (request) => {
      checked(request.body.text);
      await nameTaken(request.body.name, request.params.id);
      const now = new Date().toISOString();
      const updated = await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable("inbox_canned_replies")
          .set({ name: request.body.name, text: request.body.text, updated_at: now })
          .where("id", "=", request.params.id)
          .returningAll()
          .executeTakeFirst()
          .catch((error: unknown) => {
            throw isUniqueViolation(error)
              ? new AppError(409, "name_taken", `A canned reply is already called “${request.body.name}”.`)
              : error;
          });
        if (!row) throw notFound("Canned reply", "canned_reply_not_found");
        await recordAudit(trx, auditOf(request), {
          action: "inbox.canned_reply.changed",
          targetType: "inbox_canned_reply",
          targetId: row.id,
          summary: `Changed the canned reply “${row.name}”`,
        });
        return row;
      });
      return present(updated);
    },
  );

  app.delete(
    "/api/inbox/canned-replies/:id",
    {
      config: { permission: "inbox.manage" },
      schema: {
        tags,
        summary: "Remove a canned reply",
        params: IdParams,
        response: { 200: z.object({ deleted: z.literal(true) }), ...errorResponses },
      },
    },
    async (request) => {
      await db.transaction().execute(async (trx) => {
        const row = await trx.deleteFrom("inbox_canned_replies").where("id", "=", request.params.id).returning("name").executeTakeFirst();
        if (!row) throw notFound("Canned reply", "canned_reply_not_found");
        await recordAudit(trx, auditOf(request), {
          action: "inbox.canned_reply.deleted",
          targetType: "inbox_canned_reply",
          targetId: request.params.id,
          summary: `Removed the canned reply “${row.name}”`,
        });
      });
      return { deleted: true as const };
    },
  );

  app.get(
    "/api/inbox/conversations/:id/canned-replies/:cannedId",
    {
      config: { permission: "inbox.work" },
      schema: {
        tags,
        summary: "A canned reply filled in for this conversation (contact, agent, channel)",
        params: z.strictObject({ id: Id, cannedId: Id }),
        response: { 200: z.object({ text: z.string() }), ...errorResponses },
      },
    },
    async (request) => {
      const canned = await db
        .selectFrom("inbox_canned_replies")
        .select("text")
        .where("id", "=", request.params.cannedId)
        .executeTakeFirst();
      if (!canned) throw notFound("Canned reply", "canned_reply_not_found");
      const conversation = await db
        .selectFrom("inbox_conversations")
        .leftJoin("inbox_contacts", "inbox_contacts.id", "inbox_conversations.contact_id")
        .leftJoin("accounts", "accounts.id", "inbox_conversations.account_id")
        .select(["inbox_contacts.id as contact_id", "inbox_contacts.display_name", "accounts.handle", "inbox_conversations.network"])
        .where("inbox_conversations.id", "=", request.params.id)
        .executeTakeFirst();
      if (!conversation) throw notFound("Conversation", "conversation_not_found");
      const identity = conversation.contact_id
        ? await db
            .selectFrom("inbox_identities")
            .select("handle")
            .where("contact_id", "=", conversation.contact_id)
            .where("network", "=", conversation.network)
            .executeTakeFirst()
        : undefined;
      // A first name reads better in an answer than a full display name.
      const firstName = conversation.display_name?.split(/\s+/)[0] ?? null;
      return {
        text: fillCanned(canned.text, {
          "contact.name": firstName,
          "contact.handle": identity?.handle ? `@${identity.handle.replace(/^@/, "")}` : null,
          "agent.name": actorOf(request).user.name.split(/\s+/)[0] ?? null,
          "channel.handle": conversation.handle ?? null,
          "channel.network": conversation.network,
        }),
      };
    },
  );
}
