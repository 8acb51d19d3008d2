import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordAudit } from "../audit/record.js";
import type { Database } from "../db/database.js";
import { timeOrderedId } from "../db/timeOrderedId.js";
import { orConflict } from "../db/uniqueViolation.js";
import { AppError, notFound } from "../errors.js";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import { IdParams } from "../identity/schema.js";
import type { Services } from "../services.js";
import { foundCounts, foundPage } from "./found.js";
import { searchStatusOf } from "./search/searchStatus.js";
import { TopicTerms } from "./topics.js";

const tags = ["listening"];
const DAY = 86_400_000;
const SNIPPET = 1000;

const TopicInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  terms: TopicTerms,
  enabled: z.boolean().default(true),
});
const TopicView = z.object({
  id: z.string(),
  name: z.string(),
  terms: z.array(z.string()),
  enabled: z.boolean(),
  total: z.number().describe("Messages and searched posts that matched, ever"),
  last24h: z.number(),
  negative24h: z.number(),
});
const HitView = z.object({
  id: z.string().describe("The inbox message's id, or the found post's"),
  source: z
    .enum(["inbox", "search"])
    .describe("inbox: a message the inbox read; search: a public post the topic's network search found (no conversation)"),
  messageId: z.string().nullable().describe("The inbox message (source inbox)"),
  conversationId: z.string().nullable().describe("Its conversation (source inbox)"),
  channel: z.object({ id: z.string(), network: z.string(), handle: z.string().nullable() }),
  author: z.string().nullable(),
  text: z.string().describe(`At most ${SNIPPET} characters`),
  truncated: z.boolean(),
  sentiment: z.string().nullable(),
  url: z.string().nullable(),
  sentAt: z.string(),
  matched: z.array(z.string()),
});
const SearchSourceView = z.object({
  channel: z.object({ id: z.string(), network: z.string(), handle: z.string().nullable() }),
  terms: z.number().describe("The topic's terms this channel searches (one search each)"),
  active: z.boolean().describe("Searches for the topic now: the topic is on and the channel connected and chosen to search"),
  lastSearchedAt: z.string().nullable().describe("The latest run of any of its searches; null: not searched yet"),
  nextSearchAt: z.string().nullable().describe("The earliest next run; null when not active, or before the first run"),
  found: z.number().describe("Posts its searches found for the topic, ever"),
  failures: z.number().describe("Failures in a row of the worst failing search; 0 when all are fine"),
  lastError: z.string().nullable().describe("Why the latest failing search failed (secret-looking parts masked); null when none fails"),
  failingTerm: z.string().nullable().describe("The term whose search failed last; null when none fails"),
});
const HitsQuery = z.strictObject({
  before: z.iso.datetime().optional().describe("The next page: hits older than this"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

async function topicViews(db: Database, ids?: string[]) {
  let query = db.selectFrom("listening_topics").selectAll().orderBy("name");
  if (ids) query = query.where("id", "in", ids);
  const topics = await query.execute();
  if (topics.length === 0) return [];
  const since = new Date(Date.now() - DAY).toISOString();
  const counts = await db
    .selectFrom("listening_hits")
    .innerJoin("inbox_messages", "inbox_messages.id", "listening_hits.message_id")
    .select((eb) => [
      "listening_hits.topic_id",
      eb.fn.countAll<number>().as("total"),
      eb.fn.sum<number>(eb.case().when("listening_hits.sent_at", ">=", since).then(1).else(0).end()).as("last24h"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb("listening_hits.sent_at", ">=", since), eb("inbox_messages.sentiment", "=", "negative")]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("negative24h"),
    ])
    .where(
      "listening_hits.topic_id",
      "in",
      topics.map((t) => t.id),
    )
    .groupBy("listening_hits.topic_id")
    .execute();
  const found = await foundCounts(
    db,
    topics.map((t) => t.id),
    since,
  );
  return topics.map((t) => {
    const c = counts.find((x) => x.topic_id === t.id);
    const f = found.find((x) => x.topic_id === t.id);
    return {
      id: t.id,
      name: t.name,
      terms: JSON.parse(t.terms) as string[],
      enabled: Boolean(t.enabled),
      total: Number(c?.total ?? 0) + Number(f?.total ?? 0),
      last24h: Number(c?.last24h ?? 0) + Number(f?.last24h ?? 0),
      negative24h: Number(c?.negative24h ?? 0) + Number(f?.negative24h ?? 0),
    };
  });
}

/** Listening topics (issue 6, item 4) and the messages that matched them. */
export async function listeningRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const nameTaken = (name: string) => new AppError(409, "name_taken", `A topic is already called “${name}”.`);
  const nameFree = async (name: string, except?: string) => {
    const other = await db.selectFrom("listening_topics").select("id").where("name", "=", name).executeTakeFirst();
    if (other && other.id !== except) throw nameTaken(name);
  };
  const one = async (id: string) => {
    const [view] = await topicViews(db, [id]);
    if (!view) throw notFound("Topic", "topic_not_found");
    return view;
  };

  app.get(
    "/api/listening/topics",
    {
      config: { permission: "inbox.read" },
      schema: {
        tags,
        summary: "Topics with their volume (all time, last 24 hours, negative)",
        response: { 200: z.object({ items: z.array(TopicView) }), ...errorResponses },
      },
    },
    async () => ({ items: await topicViews(db) }),
  );

  app.post(
    "/api/listening/topics",
    {
      config: { permission: "inbox.manage" },
      schema: {
        tags,
        summary:
          "Listen for a topic: matched in everything the inbox reads from now on, and searched on the networks that allow it (the last 7 days first)",
        body: TopicInput,
        response: { 201: TopicView, ...errorResponses },
      },
    },
    async (request, reply) => {
      await nameFree(request.body.name);
      const now = new Date().toISOString();
      const id = timeOrderedId();
      // Checked first for a clear answer; the unique index decides when two saves race.
      await orConflict(
        () =>
          db.transaction().execute(async (trx) => {
            await trx
              .insertInto("listening_topics")
              .values({
                id,
                name: request.body.name,
                terms: JSON.stringify(request.body.terms),
                enabled: request.body.enabled ? 1 : 0,
                created_at: now,
                updated_at: now,
              })
              .execute();
            await recordAudit(trx, auditOf(request), {
              action: "listening.topic.created",
              targetType: "listening_topic",
              targetId: id,
              summary: `Listening for “${request.body.name}”`,
              changes: { terms: request.body.terms },
            });
          }),
        () => nameTaken(request.body.name),
      );
      return reply.code(201).send(await one(id));
    },
  );

  app.put(
    "/api/listening/topics/:id",
    {
      config: { permission: "inbox.manage" },
      schema: {
        tags,
        summary: "Change a topic's name, terms or whether it is on",
        params: IdParams,
        body: TopicInput,
        response: { 200: TopicView, ...errorResponses },
      },
    },
    async (request) => {
      await nameFree(request.body.name, request.params.id);
      await orConflict(
        () =>
          db.transaction().execute(async (trx) => {
            const changed = await trx
              .updateTable("listening_topics")
              .set({
                name: request.body.name,
                terms: JSON.stringify(request.body.terms),
                enabled: request.body.enabled ? 1 : 0,
                updated_at: new Date().toISOString(),
              })
              .where("id", "=", request.params.id)
              .executeTakeFirst();
            if (Number(changed.numUpdatedRows) === 0) throw notFound("Topic", "topic_not_found");
            await recordAudit(trx, auditOf(request), {
              action: "listening.topic.changed",
              targetType: "listening_topic",
              targetId: request.params.id,
              summary: `Changed the listening topic “${request.body.name}”`,
              changes: { terms: request.body.terms, enabled: request.body.enabled },
            });
          }),
        () => nameTaken(request.body.name),
      );
      return one(request.params.id);
    },
  );

  app.delete(
    "/api/listening/topics/:id",
    {
      config: { permission: "inbox.manage" },
      schema: {
        tags,
        summary: "Stop listening for a topic (its hits go with it)",
        params: IdParams,
        response: { 200: z.object({ deleted: z.literal(true) }), ...errorResponses },
      },
    },
    async (request) => {
      await db.transaction().execute(async (trx) => {
        const gone = await trx.deleteFrom("listening_topics").where("id", "=", request.params.id).returning("name").executeTakeFirst();
        if (!gone) throw notFound("Topic", "topic_not_found");
        await recordAudit(trx, auditOf(request), {
          action: "listening.topic.deleted",
          targetType: "listening_topic",
          targetId: request.params.id,
          summary: `Stopped listening for “${gone.name}”`,
        });
      });
      return { deleted: true as const };
    },
  );

  app.get(
    "/api/listening/topics/:id/searches",
    {
      config: { permission: "inbox.read" },
      schema: {
        tags,
        summary: "How the topic's network searches are doing, per channel: last and next search, found, last error",
        params: IdParams,
        response: { 200: z.object({ items: z.array(SearchSourceView) }), ...errorResponses },
      },
    },
    async (request) => {
      const topic = await one(request.params.id);
      return { items: await searchStatusOf(services, topic) };
    },
  );

  app.get(
    "/api/listening/topics/:id/hits",
    {
      config: { permission: "inbox.read" },
      schema: {
        tags,
        summary: "Messages and searched posts that matched the topic, newest first",
        params: IdParams,
        querystring: HitsQuery,
        response: { 200: z.object({ items: z.array(HitView), nextBefore: z.string().nullable() }), ...errorResponses },
      },
    },
    async (request) => {
      await one(request.params.id);
      const { before, limit } = request.query;
      let query = db
        .selectFrom("listening_hits")
        .innerJoin("inbox_messages", "inbox_messages.id", "listening_hits.message_id")
        .leftJoin("accounts", "accounts.id", "inbox_messages.account_id")
        .leftJoin("inbox_identities", (join) =>
          join
            .onRef("inbox_identities.contact_id", "=", "inbox_messages.contact_id")
            .onRef("inbox_identities.network", "=", "accounts.network"),
        )
        .select((eb) => [
          "listening_hits.message_id",
          "listening_hits.matched",
          "listening_hits.sent_at",
          "inbox_messages.conversation_id",
          "inbox_messages.account_id",
          "inbox_messages.sentiment",
          "inbox_messages.url",
          "accounts.network",
          "accounts.handle",
          "inbox_identities.handle as author",
          eb.fn("substr", [eb.ref("inbox_messages.text"), eb.val(1), eb.val(SNIPPET)]).as("snippet"),
          eb.fn("length", [eb.ref("inbox_messages.text")]).as("length"),
        ])
        .where("listening_hits.topic_id", "=", request.params.id);
      if (before) query = query.where("listening_hits.sent_at", "<", new Date(before).toISOString());
      const rows = await query.orderBy("listening_hits.sent_at", "desc").limit(limit).execute();
      const found = await foundPage(db, request.params.id, {
        before: before ? new Date(before).toISOString() : undefined,
        limit,
        snippet: SNIPPET,
      });
      const fromInbox = rows.map((r) => ({
        id: r.message_id,
        source: "inbox" as const,
        messageId: r.message_id,
        conversationId: r.conversation_id,
        channel: { id: r.account_id, network: r.network ?? "", handle: r.handle ?? null },
        author: r.author ?? null,
        text: String(r.snippet ?? ""),
        truncated: Number(r.length) > SNIPPET,
        sentiment: r.sentiment,
        url: r.url,
        sentAt: r.sent_at,
        matched: JSON.parse(r.matched) as string[],
      }));
      const fromSearch = found.map((f) => ({
        id: f.id,
        source: "search" as const,
        messageId: null,
        conversationId: null,
        channel: { id: f.account_id ?? "", network: f.network, handle: f.handle ?? null },
        author: f.author_handle,
        text: String(f.snippet ?? ""),
        truncated: Number(f.length) > SNIPPET,
        sentiment: f.sentiment,
        url: f.url,
        sentAt: f.sent_at,
        matched: JSON.parse(f.matched) as string[],
      }));
      // Each list is one page, newest first: together, the newest `limit` of both are this page.
      const merged = [...fromInbox, ...fromSearch].sort((a, b) => Date.parse(b.sentAt) - Date.parse(a.sentAt));
      const items = merged.slice(0, limit);
      return { items, nextBefore: merged.length >= limit ? (items.at(-1)?.sentAt ?? null) : null };
    },
  );
}
