import type { HttpClient } from "../../connectors/http/types.js";
import { SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from "./signature.js";

/** Retries for a signed delivery: 30 s, 1, 2, 4, 8 min between six attempts. */
export const WEBHOOK_RETRY = { attempts: 6, backoff: { type: "exponential" as const, delayMs: 30_000, maxDelayMs: 30 * 60_000 } };
/** Of a receiver's answer, this much is kept to show why a delivery failed. */
const KEEP_ANSWER = 300;

export interface SignedDelivery {
  url: string;
  secret: string;
  body: string;
  /** `x-switchboard-event`, e.g. `lead.created`. */
  event: string;
  /** `x-switchboard-delivery`: lets a receiver drop a repeat, so a retry after a lost answer is harmless. */
  deliveryId: string;
  /** Names the call in the HTTP client's logs and metrics. */
  operation: string;
}

export type DeliveryOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * POSTs a JSON body signed with the webhook's secret (`x-switchboard-signature: v1=<HMAC-SHA256 of
 * "<timestamp>.<body>">` with `x-switchboard-timestamp`). A 2xx answer is success; anything else, or a
 * network failure, comes back as the reason to record (the receiver's answer shortened; transport errors
 * name the host and the failure kind, never headers or the body).
 */
export async function postSignedWebhook(http: HttpClient, delivery: SignedDelivery): Promise<DeliveryOutcome> {
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const res = await http.request({
      method: "POST",
      url: delivery.url,
      headers: {
        "content-type": "application/json",
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signBody(delivery.secret, timestamp, delivery.body),
        "x-switchboard-event": delivery.event,
        "x-switchboard-delivery": delivery.deliveryId,
      },
      bytes: new TextEncoder().encode(delivery.body),
      idempotent: true,
      timeouts: { headersMs: 10_000, bodyMs: 10_000 },
      operation: delivery.operation,
    });
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return { ok: false, status: res.status, error: `Answered ${res.status}: ${res.body.slice(0, KEEP_ANSWER)}`.trim() };
  } catch (err) {
    return { ok: false, status: null, error: err instanceof Error ? err.message : String(err) };
  }
}
