import { stringify } from "csv-stringify/sync";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../errors.js";
import { actorOf } from "../http/auth.js";
import { errorResponses } from "../http/errorBody.js";
import { auditOf } from "../http/requestContext.js";
import { IdParams } from "../identity/schema.js";
import type { Services } from "../services.js";
import { acknowledgePolicy } from "./acknowledge.js";
import { campaignReport, findCampaign, presentCampaign, updateCampaign } from "./campaigns.js";
import { lastAcknowledgment, openCampaignFor, policyHead } from "./model.js";
import { openPolicy } from "./openPolicy.js";
import { publishVersion } from "./publishVersion.js";
import { AcknowledgeBody, CampaignPatch, CampaignView, MyStatus, OpenedPolicy, ReportRow, VersionBody, VersionSummary } from "./schema.js";
import { seedPolicy } from "./starter.js";

const tags = ["attestation"];

const summaryOf = (v: {
  version: number;
  title: string;
  substantive: number;
  note: string;
  published_by_label: string;
  published_at: string;
}) => ({
  version: v.version,
  title: v.title,
  substantive: v.substantive === 1,
  note: v.note,
  publishedBy: v.published_by_label,
  publishedAt: v.published_at,
});

/** A spreadsheet must not run a cell as a formula (CSV injection): such cells get a leading quote. */
const cell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** The social media policy: versions, acknowledgment campaigns, acknowledgments and who is missing. */
export async function attestationRoutes(base: FastifyInstance, services: Services) {
  await seedPolicy(services.db);
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const manage = { permission: "attestation.manage" as const };

  app.get(
    "/api/attestation/me",
    {
      config: { auth: "user" },
      schema: {
        tags,
        summary: "The policy's current version and whether you need to acknowledge it",
        response: { 200: MyStatus, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { latest, requiredVersion } = await policyHead(db);
      const last = await lastAcknowledgment(db, actor.user.id);
      const needed = requiredVersion !== null && (last?.version ?? 0) < requiredVersion;
      const campaign = requiredVersion !== null ? await openCampaignFor(db, requiredVersion) : undefined;
      const now = new Date().toISOString();
      return {
        current: latest ? summaryOf(latest) : null,
        requiredVersion,
        acknowledgedVersion: last?.version ?? null,
        acknowledgedAt: last?.acknowledged_at ?? null,
        needed,
        campaign:
          campaign && needed
            ? { id: campaign.id, dueAt: campaign.due_at, allowLate: campaign.allow_late === 1, overdue: campaign.due_at <= now }
            : null,
      };
    },
  );

  app.post(
    "/api/attestation/views",
    {
      config: { auth: "user" },
      schema: {
        tags,
        summary: "Open the current text to read it (recorded), with a word diff since the version you last accepted",
        response: { 201: OpenedPolicy, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await openPolicy(db, actorOf(request).user.id)),
  );

  app.post(
    "/api/attestation/acknowledgments",
    {
      config: { auth: "user" },
      schema: {
        tags,
        summary: "Acknowledge the version you opened",
        body: AcknowledgeBody,
        response: { 201: z.object({ version: z.number(), openMs: z.number(), late: z.boolean() }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await acknowledgePolicy(db, auditOf(request), actorOf(request).user.id, request.body.viewId, request.body.openMs)),
  );

  app.get(
    "/api/attestation/versions",
    {
      config: manage,
      schema: {
        tags,
        summary: "Every version, newest first",
        response: { 200: z.object({ versions: z.array(VersionSummary) }), ...errorResponses },
      },
    },
    async () => ({ versions: (await db.selectFrom("policy_versions").selectAll().orderBy("version", "desc").execute()).map(summaryOf) }),
  );

  app.get(
    "/api/attestation/versions/:version",
    {
      config: manage,
      schema: {
        tags,
        summary: "One version with its Markdown and HTML",
        params: z.strictObject({ version: z.coerce.number().int().min(1).max(1_000_000) }),
        response: { 200: VersionSummary.extend({ body: z.string(), html: z.string() }), ...errorResponses },
      },
    },
    async (request) => {
      const row = await db.selectFrom("policy_versions").selectAll().where("version", "=", request.params.version).executeTakeFirst();
      if (!row) throw notFound("Version", "policy_version_not_found");
      return { ...summaryOf(row), body: row.body, html: row.html };
    },
  );

  app.post(
    "/api/attestation/versions",
    {
      config: manage,
      schema: {
        tags,
        summary: "Publish a new version; a substantive one starts a campaign",
        body: VersionBody,
        response: { 201: VersionSummary, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const version = await publishVersion(
        db,
        auditOf(request),
        { id: actor.user.id, label: actor.user.name || actor.user.email },
        request.body,
      );
      const row = await db.selectFrom("policy_versions").selectAll().where("version", "=", version).executeTakeFirstOrThrow();
      return reply.code(201).send(summaryOf(row));
    },
  );

  app.get(
    "/api/attestation/campaigns",
    {
      config: manage,
      schema: {
        tags,
        summary: "Campaigns, newest first, with coverage",
        response: { 200: z.object({ campaigns: z.array(CampaignView) }), ...errorResponses },
      },
    },
    async () => {
      const rows = await db.selectFrom("policy_campaigns").selectAll().orderBy("created_at", "desc").execute();
      return { campaigns: await Promise.all(rows.map((c) => presentCampaign(db, c))) };
    },
  );

  app.patch(
    "/api/attestation/campaigns/:id",
    {
      config: manage,
      schema: {
        tags,
        summary: "Change a campaign's due date, late rule or reminders, or close it",
        params: IdParams,
        body: CampaignPatch,
        response: { 200: CampaignView, ...errorResponses },
      },
    },
    async (request) => {
      await updateCampaign(db, auditOf(request), request.params.id, request.body);
      return presentCampaign(db, await findCampaign(db, request.params.id));
    },
  );

  app.get(
    "/api/attestation/campaigns/:id/report",
    {
      config: manage,
      schema: {
        tags,
        summary: "Who in the audience has not acknowledged, and who has",
        params: IdParams,
        response: {
          200: z.object({ campaign: CampaignView, pending: z.array(ReportRow), acknowledged: z.array(ReportRow) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const campaign = await findCampaign(db, request.params.id);
      return { campaign: await presentCampaign(db, campaign), ...(await campaignReport(db, campaign)) };
    },
  );

  app.get(
    "/api/attestation/campaigns/:id/pending.csv",
    { config: manage, schema: { tags, summary: "Who has not acknowledged, as CSV", params: IdParams, produces: ["text/csv"] } },
    async (request, reply) => {
      const campaign = await findCampaign(db, request.params.id);
      const { pending } = await campaignReport(db, campaign);
      const csv = stringify([
        ["name", "email", "last_acknowledged_version", "due_at"],
        ...pending.map((p) => [
          cell(p.name),
          cell(p.email),
          p.acknowledgedVersion === null ? "" : String(p.acknowledgedVersion),
          campaign.due_at,
        ]),
      ]);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="policy-v${campaign.version}-not-acknowledged.csv"`)
        .send(csv);
    },
  );
}
