import { z } from "zod";
import { type Caller, parseBody } from "../call.js";
import { isConnectorError } from "../errors.js";
import type { HttpResponse } from "../http/types.js";
import { gonePost, metricsReport, readingsOf } from "../metrics.js";
import type { MetricsReport, MetricsSupport, PostMetrics } from "../types.js";

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

const ownerCounts = z.object({ followers_count: z.number().optional() });

/**
 * Metrics as both Graph networks give them: the owner's (Page's, Instagram account's) followers_count, then one
 * GET per post with its counts and lifetime insights inline (Graph has no batch read for these). A post Graph no
 * longer has (not_found) comes back missing; a token without the insights permission still gets the counts.
 */
export async function readGraphMetrics(options: {
  call: Caller;
  url: (path: string) => URL;
  network: "facebook" | "instagram";
  ownerId: string;
  posts: readonly { remoteId: string }[];
  support: MetricsSupport;
  fields: { counts: string; insights: string };
  toPost: (remoteId: string, response: HttpResponse) => PostMetrics;
}): Promise<MetricsReport> {
  const { call, url, network, support } = options;
  const owner = await call({ method: "GET", url: url(options.ownerId), query: { fields: "followers_count" }, operation: "metrics" });
  const account = readingsOf(support.account, { followers: parseBody(ownerCounts, owner, network).followers_count });
  const denied = { insights: false };
  const read: PostMetrics[] = [];
  for (const { remoteId } of options.posts) {
    try {
      read.push(options.toPost(remoteId, await readWithInsights(call, url(encodeURIComponent(remoteId)), options.fields, denied)));
    } catch (error) {
      if (!isConnectorError(error, "not_found")) throw error;
      read.push(gonePost(remoteId, support.post));
    }
  }
  return metricsReport(account, read);
}
