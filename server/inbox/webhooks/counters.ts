/** Deliveries per webhook source since this process started, for the inbox's health view. */
export interface WebhookCounters {
  received: number;
  badSignature: number;
  malformed: number;
  parked: number;
}

const counters = new Map<string, WebhookCounters>();

export function webhookCounters(source: string): WebhookCounters {
  let c = counters.get(source);
  if (!c) {
    c = { received: 0, badSignature: 0, malformed: 0, parked: 0 };
    counters.set(source, c);
  }
  return c;
}

export const allWebhookCounters = () => Object.fromEntries(counters);
