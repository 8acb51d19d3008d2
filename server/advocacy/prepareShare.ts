import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/context.js";
import { recordAudit } from "../audit/record.js";
import { isUniqueViolation } from "../db/uniqueViolation.js";
import { badRequest, conflict, notFound } from "../errors.js";
import { insertLink, randomCode, resolveLink } from "../links/createLink.js";
import { utmInUrl } from "../links/destination.js";
import { type LinksTrx, linksDb } from "../links/tables.js";
import type { Services } from "../services.js";
import { assertShareable, checkShare } from "./checkShare.js";
import { type AdvocacyNetwork, composeShareText, isExpired, NETWORK_NAMES, parseInstance, parseList } from "./model.js";
import { advocacyDb, coreDb } from "./tables.js";

export interface PrepareShareInput {
  network: AdvocacyNetwork;
  text: string;
  instance?: string | undefined;
}

/**
 * An employee is about to share an item: the text is checked (a blocked text goes nowhere, and nobody
 * may override it), the share gets its own short link to the item's page, and the answer carries the
 * network's compose URL. The share counts once the employee confirms they posted it. Preparing again
 * for the same network before confirming reuses the prepared share and its link, with the new text.
 */
export async function prepareShare(
  services: Services,
  audit: AuditActor & { actorId: string },
  itemId: string,
  input: PrepareShareInput,
): Promise<string> {
  const db = advocacyDb(services.db);
  const { baseUrl } = services.config;
  const item = await db.selectFrom("advocacy_items").selectAll().where("id", "=", itemId).executeTakeFirst();
  if (!item) throw notFound("That item", "advocacy_item_not_found");
  if (isExpired(item.expires_at)) throw conflict("advocacy_item_expired", "This item has expired and can no longer be shared.");
  const networks = parseList(item.networks) as AdvocacyNetwork[];
  if (!networks.includes(input.network)) {
    throw badRequest("advocacy_network_not_offered", `This item is not offered for ${NETWORK_NAMES[input.network]}.`);
  }
  let instance: string | null = null;
  if (input.network === "mastodon") {
    if (!input.instance?.trim()) throw badRequest("advocacy_instance_required", "Say which Mastodon server you post from.");
    instance = parseInstance(input.instance);
  }
  assertShareable(await checkShare(services, item, networks, input.text, baseUrl), input.network);

  const existing = await db
    .selectFrom("advocacy_shares")
    .leftJoin("links", "links.id", "advocacy_shares.link_id")
    .select(["advocacy_shares.id", "advocacy_shares.text", "links.code"])
    .where("item_id", "=", itemId)
    .where("user_id", "=", audit.actorId)
    .where("network", "=", input.network)
    .where("status", "=", "prepared")
    .executeTakeFirst();
  const now = new Date().toISOString();

  if (existing) {
    const text = composeShareText(input.text, item.url, existing.code ? `${baseUrl}/l/${existing.code}` : null);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("advocacy_shares").set({ text, instance, updated_at: now }).where("id", "=", existing.id).execute();
      await recordAudit(coreDb(trx), audit, {
        action: "advocacy.share_prepared",
        targetType: "advocacy_share",
        targetId: existing.id,
        summary: `Opened ${NETWORK_NAMES[input.network]} again to share “${item.title}”`,
        changes: existing.text === text ? undefined : { text: [existing.text, text] },
      });
    });
    return existing.id;
  }

  // Every share its own link, so clicks are counted per share and per person. The item's own UTM
  // values win; otherwise the link says which network and that it is an advocacy share.
  const own = item.url ? utmInUrl(new URL(item.url)) : {};
  const values = item.url
    ? await resolveLink(
        linksDb(services.db),
        {
          destination: item.url,
          utm: { ...(own.source ? {} : { source: input.network }), ...(own.medium ? {} : { medium: "employee-advocacy" }) },
        },
        baseUrl,
        Date.now(),
      )
    : null;
  const id = randomUUID();
  for (let attempt = 0; ; attempt++) {
    const code = randomCode();
    try {
      await db.transaction().execute(async (trx) => {
        const link = values ? await insertLink(trx as unknown as LinksTrx, audit, values, code, now) : null;
        const text = composeShareText(input.text, item.url, link ? `${baseUrl}/l/${link.code}` : null);
        await trx
          .insertInto("advocacy_shares")
          .values({
            id,
            item_id: itemId,
            user_id: audit.actorId,
            network: input.network,
            instance,
            text,
            link_id: link?.id ?? null,
            status: "prepared",
            created_at: now,
            updated_at: now,
            shared_at: null,
          })
          .execute();
        await recordAudit(coreDb(trx), audit, {
          action: "advocacy.share_prepared",
          targetType: "advocacy_share",
          targetId: id,
          summary: `Opened ${NETWORK_NAMES[input.network]} to share “${item.title}”${link ? ` with its own link /l/${link.code}` : ""}`,
          changes: { itemId, network: input.network, instance, linkId: link?.id ?? null },
        });
      });
      return id;
    } catch (err) {
      // A drawn code already in use (all but impossible): draw again.
      if (!isUniqueViolation(err) || attempt >= 4) throw err;
    }
  }
}
