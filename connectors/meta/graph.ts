import { createHmac } from "node:crypto";
import { z } from "zod";
import { type Caller, createCaller } from "../call.js";
import { createSession } from "../session.js";
import type { ConnectorContext } from "../types.js";
import { graphErrorMapper } from "./errors.js";

/**
 * An authenticated Graph API caller. The token goes in the Authorization header (never the URL); with the
 * app secret known, every call carries appsecret_proof, which apps set to "Require App Secret" demand.
 * Page tokens obtained from a long-lived user token do not expire, so there is no refresh.
 */
export function graphCaller(context: ConnectorContext, network: "facebook" | "instagram"): Caller {
  const secret = context.app.clientSecret;
  return createCaller({
    network,
    http: context.http,
    session: createSession(context),
    authorize: (token) => ({
      headers: { authorization: `Bearer ${token}` },
      query: secret ? { appsecret_proof: createHmac("sha256", secret).update(token).digest("hex") } : undefined,
    }),
    mapError: graphErrorMapper(network),
  });
}

/** Graph cursor paging: `paging.next` is present only when there is more. */
export const paged = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    paging: z.object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() }).optional(),
  });

export const nextCursor = (paging: { cursors?: { after?: string }; next?: string } | undefined) =>
  (paging?.next && paging.cursors?.after) || null;

export const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
