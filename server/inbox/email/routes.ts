import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { authorizeOnAccount } from "../../accounts/policies.js";
import { presentAccountDetail } from "../../accounts/presentDetail.js";
import { AccountDetailSchema } from "../../accounts/schema.js";
import { findAccountRow } from "../../accounts/store.js";
import { notFound } from "../../errors.js";
import { actorOf } from "../../http/auth.js";
import { errorResponses } from "../../http/errorBody.js";
import { auditOf } from "../../http/requestContext.js";
import { IdParams } from "../../identity/schema.js";
import type { Services } from "../../services.js";
import { connectEmail } from "./connectEmail.js";
import { loadMailSettings } from "./store.js";

const Server = z.strictObject({
  host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.\-:[\]]+$/, "a host name or IP address")
    .describe("Host name or IP address"),
  port: z.number().int().min(1).max(65_535),
  security: z
    .enum(["tls", "starttls", "none"])
    .describe("tls: encrypted from the start (993, 465); starttls: upgraded (143, 587); none: only for a server on this machine"),
});

const Settings = z.object({ address: z.email(), username: z.string(), imap: Server, smtp: Server });

const EmailBody = z.strictObject({
  address: z.email().max(320).optional().describe("The channel's address (default: the account's handle)"),
  username: z.string().trim().min(1).max(320).describe("The login on both servers, often the address"),
  password: z.string().min(1).max(1000).describe("Kept in the vault; never shown again"),
  imap: Server,
  smtp: Server,
});

/** An email channel's mail servers (issue 6): shown without the password, and connected with it. */
export async function emailChannelRoutes(base: FastifyInstance, services: Services) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const account = async (request: Parameters<typeof actorOf>[0], id: string, action: "view" | "manage") => {
    const row = await findAccountRow(db, id);
    if (!row) throw notFound("Account", "account_not_found");
    await authorizeOnAccount(db, actorOf(request), row, action);
    return row;
  };

  app.get(
    "/api/accounts/:id/email",
    {
      config: { permission: "accounts.read" },
      schema: {
        tags: ["connections"],
        summary: "An email channel's mail servers (never the password); null before it is connected",
        params: IdParams,
        response: { 200: z.object({ settings: Settings.nullable() }), ...errorResponses },
      },
    },
    async (request) => {
      await account(request, request.params.id, "view");
      return { settings: (await loadMailSettings(db, request.params.id)) ?? null };
    },
  );

  app.post(
    "/api/accounts/:id/email",
    {
      config: { permission: "accounts.read" },
      schema: {
        tags: ["connections"],
        summary: "Connect an email account: signs in to its IMAP and SMTP servers, then keeps them (and the password, in the vault)",
        params: IdParams,
        body: EmailBody,
        response: { 200: AccountDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const row = await account(request, request.params.id, "manage");
      const { address, username, password, imap, smtp } = request.body;
      await connectEmail(
        services,
        auditOf(request),
        row.id,
        { address: (address ?? row.handle).toLowerCase(), username, imap, smtp },
        password,
      );
      return presentAccountDetail(db, actorOf(request), row.id);
    },
  );
}
