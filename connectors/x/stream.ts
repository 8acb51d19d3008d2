/**
 * X API v2 filtered stream (https://docs.x.com/x-api/posts/filtered-stream/introduction): one connection
 * per app, authenticated with the app-only Bearer token, delivering the posts that match the app's rules.
 * Switchboard keeps one rule per connected X channel (`@handle -from:handle`, tagged with the channel's id),
 * so `matching_rules` says which channel a post is for.
 */
import { z } from "zod";
import type { HttpClient } from "../http/types.js";
import { StreamHttpError } from "../streams.js";
import type { InboundItem } from "../types.js";
import { mapXError } from "./errors.js";
import { toMention, user } from "./mapping.js";

/** Fields asked for on every streamed post: what the inbox needs to thread it and name its author. */
export const X_STREAM_QUERY = {
  expansions: "author_id",
  "tweet.fields": "created_at,conversation_id,in_reply_to_user_id,referenced_tweets,author_id",
  "user.fields": "username,name",
} as const;

/** Tags of the rules Switchboard owns; rules with other tags (someone else's, on a shared app) are left alone. */
export const RULE_TAG_PREFIX = "switchboard:account:";

export interface StreamRule {
  value: string;
  tag: string;
}

export const streamUrl = (api: string) => {
  const url = new URL("/2/tweets/search/stream", api);
  for (const [k, v] of Object.entries(X_STREAM_QUERY)) url.searchParams.set(k, v);
  return url;
};

/** A channel's rule: posts mentioning it, not its own. */
export const ruleFor = (accountId: string, handle: string): StreamRule => {
  const name = handle.replace(/^@/, "");
  return { value: `@${name} -from:${name}`, tag: `${RULE_TAG_PREFIX}${accountId}` };
};

const rulesPage = z.object({
  data: z.array(z.object({ id: z.string(), value: z.string(), tag: z.string().optional() })).optional(),
});
const rulesChange = z.object({
  errors: z.array(z.object({ title: z.string().optional(), detail: z.string().optional(), value: z.string().optional() })).optional(),
  meta: z.object({ summary: z.object({ invalid: z.number().optional() }).optional() }).optional(),
});

/**
 * Makes the app's Switchboard rules exactly `wanted`: GET the rules, delete ours that are not wanted (or
 * changed), add the missing ones. Returns how many were added and deleted. Errors are ConnectorErrors.
 */
export async function syncStreamRules(http: HttpClient, api: string, bearer: string, wanted: readonly StreamRule[]) {
  const headers = { authorization: `Bearer ${bearer}` };
  const url = new URL("/2/tweets/search/stream/rules", api);
  const fail = (res: Awaited<ReturnType<HttpClient["request"]>>, idempotent: boolean) => mapXError(res, idempotent, [bearer]);
  const listed = await http.request({ method: "GET", url, headers, network: "x", operation: "streamRules" });
  if (listed.status !== 200) throw fail(listed, true);
  const parsed = rulesPage.safeParse(listed.json());
  const existing = parsed.success ? (parsed.data.data ?? []) : [];
  const ours = existing.filter((r) => r.tag?.startsWith(RULE_TAG_PREFIX));
  const stale = ours.filter((r) => !wanted.some((w) => w.tag === r.tag && w.value === r.value));
  const missing = wanted.filter((w) => !ours.some((r) => r.tag === w.tag && r.value === w.value));
  if (stale.length > 0) {
    const res = await http.request({
      method: "POST",
      url,
      headers,
      json: { delete: { ids: stale.map((r) => r.id) } },
      idempotent: true,
      network: "x",
      operation: "streamRules",
    });
    if (res.status !== 200) throw fail(res, true);
  }
  if (missing.length > 0) {
    const res = await http.request({
      method: "POST",
      url,
      headers,
      json: { add: missing },
      idempotent: true,
      network: "x",
      operation: "streamRules",
    });
    if (res.status !== 200 && res.status !== 201) throw fail(res, true);
    const change = rulesChange.safeParse(res.json());
    const invalid = change.success ? (change.data.meta?.summary?.invalid ?? 0) : 0;
    if (invalid > 0) {
      const why = change.success ? change.data.errors?.[0] : undefined;
      throw new StreamHttpError("x", 400, `X refused a stream rule: ${why?.title ?? "invalid rule"} (${why?.value ?? "?"})`, null);
    }
  }
  return { added: missing.length, deleted: stale.length };
}

const streamed = z.object({
  data: z.object({
    id: z.string(),
    text: z.string(),
    author_id: z.string().optional(),
    created_at: z.string().optional(),
    referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
  }),
  includes: z.object({ users: z.array(user).optional() }).optional(),
  matching_rules: z.array(z.object({ id: z.union([z.string(), z.number()]).optional(), tag: z.string().optional() })).optional(),
});
const streamError = z.object({
  errors: z.array(z.object({ title: z.string().optional(), detail: z.string().optional(), disconnect_type: z.string().optional() })),
});

export type XStreamMessage =
  /** X's `\r\n` heartbeat, at least every 20 seconds. */
  | { kind: "keepalive" }
  /** A post, with the Switchboard channels whose rules it matched. */
  | { kind: "post"; item: InboundItem; accountIds: string[] }
  /** X ends the connection (operational disconnect, a rule change it could not apply live…): reconnect. */
  | { kind: "disconnect"; reason: string }
  /** Not JSON, or not a shape X documents: counted and skipped. */
  | { kind: "malformed" };

/** One line of the stream, as X documents them (a post per line; blank keep-alives; error objects). */
export function parseStreamLine(line: string): XStreamMessage {
  if (line.trim() === "") return { kind: "keepalive" };
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { kind: "malformed" };
  }
  const post = streamed.safeParse(json);
  if (post.success) {
    const accountIds = (post.data.matching_rules ?? []).flatMap((r) =>
      r.tag?.startsWith(RULE_TAG_PREFIX) ? [r.tag.slice(RULE_TAG_PREFIX.length)] : [],
    );
    return { kind: "post", item: toMention(post.data.data, post.data.includes?.users ?? []), accountIds: [...new Set(accountIds)] };
  }
  const error = streamError.safeParse(json);
  if (error.success) {
    const first = error.data.errors[0];
    return { kind: "disconnect", reason: `X: ${first?.title ?? "disconnect"}${first?.detail ? `: ${first.detail}` : ""}` };
  }
  return { kind: "malformed" };
}
