import { randomBytes, randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import { isUniqueViolation } from "../db/uniqueViolation.js";
import { AppError, badRequest, notFound } from "../errors.js";
import { UTM_FIELDS, type Utm, utmInUrl, validateDestination } from "./destination.js";
import type { CreateLinkInput } from "./schema.js";
import { coreDb, type LinksDb, type LinksTable, type LinksTrx } from "./tables.js";
import { expandPlaceholders, slugOf } from "./utmPresets.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const CODE_LENGTH = 7;

/** 7 characters of 62: 3.5 × 10¹² codes, drawn without modulo bias. */
export function randomCode(): string {
  let code = "";
  while (code.length < CODE_LENGTH) {
    for (const byte of randomBytes(16)) {
      if (byte < 248 && code.length < CODE_LENGTH) code += ALPHABET[byte % 62];
    }
  }
  return code;
}

/**
 * Checks what a person asked for and works out the link's UTM values: a value given for the link wins,
 * then one already in the destination's query string, then the campaign's preset (placeholders filled).
 * The resolved values are stored on the link, so a later preset change does not alter links already out.
 */
export async function resolveLink(
  db: LinksDb | LinksTrx,
  input: CreateLinkInput,
  baseUrl: string,
  now: number,
): Promise<Omit<LinksTable, "id" | "code" | "created_by" | "created_at" | "updated_at" | "archived_at">> {
  const url = validateDestination(input.destination, baseUrl);
  if (input.expiresAt && Date.parse(input.expiresAt) <= now) {
    throw badRequest("link_expiry_in_past", "The expiry must be in the future.");
  }
  let campaignId = input.campaignId ?? null;
  const postId = input.postId ?? null;
  if (postId) {
    const post = await db.selectFrom("posts").select("campaign_id").where("id", "=", postId).executeTakeFirst();
    if (!post) throw notFound("That post", "post_not_found");
    if (input.campaignId === undefined) campaignId = post.campaign_id;
  }
  const campaign = campaignId
    ? await db
        .selectFrom("campaigns")
        .leftJoin("link_utm_presets", "link_utm_presets.campaign_id", "campaigns.id")
        .select(["campaigns.name", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"])
        .where("campaigns.id", "=", campaignId)
        .executeTakeFirst()
    : undefined;
  if (campaignId && !campaign) throw notFound("That campaign", "campaign_not_found");
  const accountId = input.accountId ?? null;
  const account = accountId
    ? await db.selectFrom("accounts").select(["network", "handle"]).where("id", "=", accountId).executeTakeFirst()
    : undefined;
  if (accountId && !account) throw notFound("That account", "account_not_found");

  const own = utmInUrl(url);
  const context = {
    network: account?.network ?? null,
    account: account?.handle ?? null,
    campaign: campaign ? slugOf(campaign.name) : null,
  };
  const utm = {} as Utm;
  for (const field of UTM_FIELDS) {
    const given = input.utm?.[field];
    const preset = campaign ? expandPlaceholders(campaign[`utm_${field}` as const], context) : null;
    utm[field] = given !== undefined ? given : (own[field] ?? preset ?? null);
  }
  return {
    destination: url.href,
    campaign_id: campaignId,
    post_id: postId,
    account_id: accountId,
    utm_source: utm.source,
    utm_medium: utm.medium,
    utm_campaign: utm.campaign,
    utm_term: utm.term,
    utm_content: utm.content,
    expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
  };
}

/** Inserts a resolved link and its audit event inside the caller's transaction. */
export async function insertLink(
  trx: LinksTrx,
  audit: AuditActor,
  values: Awaited<ReturnType<typeof resolveLink>>,
  code: string,
  now: string,
): Promise<LinksTable> {
  const row: LinksTable = {
    id: randomUUID(),
    code,
    ...values,
    archived_at: null,
    created_by: audit.actorId,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto("links").values(row).execute();
  await recordAudit(coreDb(trx), audit, {
    action: "links.created",
    targetType: "link",
    targetId: row.id,
    summary: `Created short link /l/${code} to ${row.destination}`,
    changes: {
      destination: row.destination,
      campaignId: row.campaign_id,
      postId: row.post_id,
      accountId: row.account_id,
      expiresAt: row.expires_at,
    },
  });
  return row;
}

const codeTaken = (code: string) => new AppError(409, "link_code_taken", `The code “${code}” is already used by another link.`);

/** Creates a short link; a code chosen by the person that is taken is a 409, a random one is drawn again. */
export async function createLink(db: LinksDb, audit: AuditActor, input: CreateLinkInput, baseUrl: string): Promise<LinksTable> {
  const now = Date.now();
  const values = await resolveLink(db, input, baseUrl, now);
  for (let attempt = 0; ; attempt++) {
    const code = input.code ?? randomCode();
    try {
      return await db.transaction().execute(async (trx) => {
        const clash = await trx.selectFrom("links").select("id").where("code", "=", code).executeTakeFirst();
        if (clash) throw codeTaken(code);
        return insertLink(trx, audit, values, code, new Date(now).toISOString());
      });
    } catch (err) {
      const taken = (err instanceof AppError && err.code === "link_code_taken") || isUniqueViolation(err);
      if (!taken) throw err;
      if (input.code || attempt >= 4) throw codeTaken(code);
    }
  }
}
