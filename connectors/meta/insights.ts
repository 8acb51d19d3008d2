import { z } from "zod";
import type { Caller } from "../call.js";
import { isConnectorError } from "../errors.js";

/**
 * An `insights` edge as Graph returns it, inline through field expansion: one entry per metric, its
 * lifetime value in `values[0].value` (a number, or an object of counts for `*_by_type` metrics).
 */
export const insightsEdge = z
  .object({
    data: z.array(
      z.object({
        name: z.string(),
        values: z.array(z.object({ value: z.union([z.number(), z.record(z.string(), z.number())]).optional() })).optional(),
      }),
    ),
  })
  .optional();

/** The lifetime value of each metric Graph returned, by name. A metric it did not return is absent. */
export function insightValues(edge: z.infer<typeof insightsEdge>): Map<string, number | Record<string, number>> {
  const out = new Map<string, number | Record<string, number>>();
  for (const entry of edge?.data ?? []) {
    const value = entry.values?.[0]?.value;
    if (value !== undefined) out.set(entry.name, value);
  }
  return out;
}

export const numberOf = (value: number | Record<string, number> | undefined) => (typeof value === "number" ? value : undefined);

/** Code 10 and 200–299: the token lacks a permission (read_insights, instagram_manage_insights); 190 is a dead token. */
const isMissingPermission = (error: unknown) =>
  isConnectorError(error, "auth_expired") && /^(10|2\d\d)(\/|$)/.test(error.networkCode ?? "");

/**
 * Reads one object with its insights inline; when the token was granted before insights were asked for (a
 * missing permission), reads it again without them so the public counts still arrive, and remembers that for
 * the rest of the read. `denied.insights` tells the caller to report the insight metrics as missing.
 */
export async function readWithInsights(
  call: Caller,
  url: URL,
  fields: { counts: string; insights: string },
  denied: { insights: boolean },
) {
  if (!denied.insights) {
    try {
      return await call({ method: "GET", url, query: { fields: `${fields.counts},${fields.insights}` }, operation: "metrics" });
    } catch (error) {
      if (!isMissingPermission(error)) throw error;
      denied.insights = true;
    }
  }
  return call({ method: "GET", url, query: { fields: fields.counts }, operation: "metrics" });
}
