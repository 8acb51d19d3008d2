import type { z } from "zod";
import { timeOrderedId } from "../db/timeOrderedId.js";
import { badRequest } from "../errors.js";
import { type Attribution, clicksById, NO_ATTRIBUTION } from "./attribution.js";
import type { ConversionInput } from "./schema.js";
import type { AnalyticsDb } from "./tables.js";

export type ConversionInputType = z.infer<typeof ConversionInput>;

export interface RecordedConversion {
  id: string;
  duplicate: boolean;
  attribution: string;
}

const FUTURE_SLACK_MS = 5 * 60_000;
const OLDEST_MS = 400 * 86_400_000;

/**
 * Stores one conversion. The dedupe key is unique in the database: a replay (or a retry by the website)
 * inserts nothing and answers with the stored conversion, so it is never counted twice, even when two
 * processes receive it at once. Sales follow the customer: a conversion with a customer key is credited
 * to the click of that customer's first lead when there is one, else to its own click.
 * Conversions are events, like clicks and inbound messages: they are not written to the audit log.
 */
export async function recordConversion(
  db: AnalyticsDb,
  input: ConversionInputType,
  signed: boolean,
  now = Date.now(),
): Promise<RecordedConversion> {
  const occurred = input.occurredAt ? Date.parse(input.occurredAt) : now;
  if (occurred > now + FUTURE_SLACK_MS) throw badRequest("conversion_in_future", "`occurredAt` is in the future.");
  if (occurred < now - OLDEST_MS) throw badRequest("conversion_too_old", "`occurredAt` is more than 400 days ago.");
  const value = input.value ?? 0;
  if (value > 0 && !input.currency) throw badRequest("conversion_currency_required", "A conversion with a value needs its `currency`.");

  const existing = await findByKey(db, input.dedupeKey);
  if (existing) return { ...existing, duplicate: true };

  let clickId = input.clickId ?? null;
  let attribution: Attribution = NO_ATTRIBUTION;
  let via = clickId ? "pending" : "none";
  if (input.customerKey && input.kind !== "lead") {
    const lead = await db
      .selectFrom("analytics_conversions")
      .selectAll()
      .where("customer_key", "=", input.customerKey)
      .where("kind", "=", "lead")
      .where("click_id", "is not", null)
      .orderBy("occurred_at")
      .limit(1)
      .executeTakeFirst();
    if (lead) {
      clickId = lead.click_id;
      const settled = lead.attributed_via === "click" || lead.attributed_via === "customer";
      if (settled) {
        const { link_id, campaign_id, post_id, account_id, utm_source, utm_medium, utm_campaign, utm_term, utm_content } = lead;
        attribution = { link_id, campaign_id, post_id, account_id, utm_source, utm_medium, utm_campaign, utm_term, utm_content };
      }
      via = settled ? "customer" : "pending_customer";
    }
  }
  if (via === "pending" && clickId) {
    const click = (await clicksById(db, [clickId])).get(clickId);
    if (click) {
      attribution = click;
      via = "click";
    }
  }
  const stamp = new Date(now).toISOString();
  const occurredAt = new Date(occurred).toISOString();
  const id = timeOrderedId(now);
  const result = await db
    .insertInto("analytics_conversions")
    .values({
      id,
      dedupe_key: input.dedupeKey,
      kind: input.kind,
      value_minor: Math.round(value * 100),
      currency: input.currency ?? null,
      click_id: clickId,
      customer_key: input.customerKey ?? null,
      signed: signed ? 1 : 0,
      attributed_via: via,
      ...attribution,
      occurred_at: occurredAt,
      day: occurredAt.slice(0, 10),
      received_at: stamp,
      updated_at: stamp,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) {
    // Another request with the same key won the race.
    const winner = await findByKey(db, input.dedupeKey);
    if (winner) return { ...winner, duplicate: true };
  }
  return { id, duplicate: false, attribution: via };
}

async function findByKey(db: AnalyticsDb, key: string) {
  const row = await db
    .selectFrom("analytics_conversions")
    .select(["id", "attributed_via"])
    .where("dedupe_key", "=", key)
    .executeTakeFirst();
  return row ? { id: row.id, attribution: row.attributed_via } : undefined;
}
