import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../errors.js";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import { IdParams } from "../../identity/schema.js";
import type { Services } from "../../services.js";
import { checkParts } from "./checkPost.js";
import { coachingOf } from "./coaching.js";
import { deleteStyle, putStyles, savePolicyPart } from "./config.js";
import { CheckBody, ClaimApproversBody, FindingView, LexiconBody, PolicyView, SettingsBody } from "./schema.js";

const tags = ["policy"];
const MAX_ZIP_BYTES = 5 * 1024 * 1024;

export async function policyRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const view = async () => {
    const { policy, config, styles } = await services.policy.current();
    return {
      version: config.version,
      updatedAt: config.updatedAt,
      settings: config.settings,
      lexicon: config.lexicon,
      claimApprovers: config.claimApprovers,
      rules: policy.rules(),
      styles: { names: styles.names, errors: styles.errors, unsupported: styles.unsupported },
    };
  };

  app.post(
    "/api/policy/check",
    {
      config: { permission: "policy.check" },
      schema: {
        tags,
        summary: "Check any text against the organisation's policy (the 'try it' box, the CLI's twin)",
        body: CheckBody,
        response: { 200: z.object({ findings: z.array(FindingView) }), ...errorResponses },
      },
    },
    async (request) => {
      const { text, kind, inReplyTo } = request.body;
      const [checked] = await checkParts(services, [text], { ...(kind ? { kind } : {}), ...(inReplyTo ? { in_reply_to: inReplyTo } : {}) });
      return { findings: checked?.findings ?? [] };
    },
  );

  app.get(
    "/api/accounts/:id/coaching",
    {
      config: { permission: "accounts.read" },
      schema: {
        tags,
        summary: "How the account speaks over 30 days: talk-to-listen and pitch ratios, with guidance",
        params: IdParams,
        response: {
          200: z.object({
            windowDays: z.number(),
            posts: z.number(),
            repliesAndEngagements: z
              .number()
              .describe("Replies sent from the inbox on this channel (likes and shares are not recorded yet)"),
            inbound: z.number().describe("Messages the public sent this channel: what there was to listen to"),
            talkToListen: z.number().nullable().describe("posts ÷ replies; null when the account neither posted nor answered"),
            pitchRatio: z.number().nullable().describe("Share of published posts with a sales-pitch finding"),
            guidance: z.array(z.string()),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const account = await db.selectFrom("accounts").select("id").where("id", "=", request.params.id).executeTakeFirst();
      if (!account) throw new AppError(404, "account_not_found", "Account was not found.");
      return coachingOf(services, account.id);
    },
  );

  app.get(
    "/api/policy",
    {
      config: { permission: "policy.check" },
      schema: {
        tags,
        summary: "The active policy: packs and rules with their state, lexicon, claim approvers, styles",
        response: { 200: PolicyView, ...errorResponses },
      },
    },
    view,
  );

  const part = <S extends z.ZodType>(path: string, column: "settings" | "lexicon" | "claim_approvers", body: S, summary: string) =>
    app.put(
      path,
      {
        config: { permission: "policy.manage" },
        schema: { tags, summary, body, response: { 200: PolicyView, ...errorResponses } },
      },
      async (request) => {
        await savePolicyPart(db, auditOf(request), column, request.body, summary);
        return view();
      },
    );
  part("/api/policy/settings", "settings", SettingsBody, "Switch packs and rules on or off and re-level them");
  part("/api/policy/lexicon", "lexicon", LexiconBody, "Replace the company lexicon");

  app.put(
    "/api/policy/claim-approvers",
    {
      config: { permission: "policy.manage" },
      schema: {
        tags,
        summary: "Which team must approve posts making each kind of claim (price, discount, date …)",
        body: ClaimApproversBody,
        response: { 200: PolicyView, ...errorResponses },
      },
    },
    async (request) => {
      const teamIds = [...new Set(Object.values(request.body))];
      const found = teamIds.length ? await db.selectFrom("teams").select("id").where("id", "in", teamIds).execute() : [];
      const missing = teamIds.filter((id) => !found.some((t) => t.id === id));
      if (missing.length > 0) throw new AppError(400, "team_not_found", "Some of those teams do not exist.", { details: { missing } });
      await savePolicyPart(db, auditOf(request), "claim_approvers", request.body, "Set the teams that approve claims");
      return view();
    },
  );

  await app.register(async (scope) => {
    const zipApp = scope.withTypeProvider<ZodTypeProvider>();
    zipApp.addContentTypeParser(
      ["application/zip", "application/x-zip-compressed"],
      { parseAs: "buffer", bodyLimit: MAX_ZIP_BYTES },
      (_request, body, done) => done(null, body),
    );
    zipApp.post(
      "/api/policy/styles",
      {
        config: { permission: "policy.manage" },
        schema: {
          tags,
          summary: "Upload Vale styles as a zip of style folders (Content-Type: application/zip); rules that do not load are listed",
          response: { 200: PolicyView, ...errorResponses },
        },
      },
      async (request) => {
        if (!Buffer.isBuffer(request.body))
          throw new AppError(415, "zip_required", "Upload a zip archive (Content-Type: application/zip).");
        await putStyles(db, auditOf(request), new Uint8Array(request.body));
        return view();
      },
    );
  });

  app.delete(
    "/api/policy/styles/:name",
    {
      config: { permission: "policy.manage" },
      schema: {
        tags,
        summary: "Remove an uploaded Vale style",
        params: z.strictObject({ name: z.string().min(1).max(200) }),
        response: { 200: PolicyView, ...errorResponses },
      },
    },
    async (request) => {
      await deleteStyle(db, auditOf(request), request.params.name);
      return view();
    },
  );
}
