/**
 * Graph API metric reads for the stand-in (tests only), from Meta's documentation: `fields` with field
 * expansion (`reactions.limit(0).summary(true)`, `insights.metric(a,b)`), lifetime insights as
 * `{ data: [{ name, period, values: [{ value }] }] }`, an invalid metric refusing the whole call, and a
 * token without the insights permission refused with code 10.
 */
import type { Reply, StandInRequest } from "../../test/standIn.js";
import { graphError } from "./graphErrors.js";

/** Insight metrics Graph still serves; the ones Meta withdrew (post_engaged_users, media impressions) are refused. */
const FACEBOOK_INSIGHTS = new Set(["post_impressions", "post_impressions_unique", "post_clicks", "post_clicks_by_type"]);
const INSTAGRAM_INSIGHTS = new Set(["views", "reach", "likes", "comments", "shares", "saved", "total_interactions"]);

export interface MetricKnobs {
  /** The token was granted without read_insights / instagram_manage_insights. */
  insightsDenied: boolean;
}

/** Top-level fields of a `fields` parameter, with their modifiers: "a,b.metric(x,y)" → [["a"], ["b", "metric(x,y)"]]. */
export function parseFields(fields: string): { name: string; metrics: string[] | null }[] {
  const out: { name: string; metrics: string[] | null }[] = [];
  let depth = 0;
  let current = "";
  for (const ch of `${fields},`) {
    if (ch === "," && depth === 0) {
      if (current) {
        const name = current.split(".")[0] ?? "";
        const metric = /\.metric\(([^)]*)\)/.exec(current)?.[1];
        out.push({ name, metrics: metric === undefined ? null : metric.split(",").filter(Boolean) });
      }
      current = "";
      continue;
    }
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    current += ch;
  }
  return out;
}

/** Answers GET /{object}?fields=… for an object whose counts and lifetime insights are given. */
export function metricFields(
  req: StandInRequest,
  network: "facebook" | "instagram",
  object: { id: string; counts: Record<string, unknown>; insights: Record<string, number | Record<string, number>> },
  knobs: MetricKnobs,
): Reply {
  const json: Record<string, unknown> = { id: object.id };
  for (const field of parseFields(req.query.get("fields") ?? "id")) {
    if (field.name === "insights") {
      if (knobs.insightsDenied) return graphError(10, "(#10) Application does not have permission for this action");
      const known = network === "facebook" ? FACEBOOK_INSIGHTS : INSTAGRAM_INSIGHTS;
      const asked = field.metrics ?? [];
      const invalid = asked.find((m) => !known.has(m));
      if (invalid) return graphError(100, `(#100) The value must be a valid insights metric: ${invalid}`);
      json.insights = {
        data: asked
          .filter((m) => object.insights[m] !== undefined)
          .map((m) => ({
            name: m,
            period: "lifetime",
            values: [{ value: object.insights[m] }],
            id: `${object.id}/insights/${m}/lifetime`,
          })),
      };
    } else if (field.name in object.counts) {
      json[field.name] = object.counts[field.name];
    }
  }
  return { status: 200, json };
}

/** Facebook's edges as field expansion returns them with limit(0).summary(true). */
export const summaryOf = (total: number) => ({ data: [], summary: { total_count: total, can_comment: true } });
