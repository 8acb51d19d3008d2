/** The labels the classifier speaks. Order matters: it is the order of each model head's classes. */
export const SENTIMENTS = ["negative", "neutral", "positive"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const INTENTS = ["complaint", "question", "praise", "lead", "spam", "other"] as const;
export type Intent = (typeof INTENTS)[number];

/**
 * Complaint reasons as the airline dataset labels them (`negativereason`), each with the topic slug
 * Switchboard uses. "Can't Tell" is a class the model learns (so it can say it does not know) but it
 * maps to no topic: `classify` returns `topic: null` for it.
 */
export const REASONS = [
  { label: "Customer Service Issue", topic: "customer_service" },
  { label: "Late Flight", topic: "late_flight" },
  { label: "Can't Tell", topic: null },
  { label: "Cancelled Flight", topic: "cancelled_flight" },
  { label: "Lost Luggage", topic: "lost_luggage" },
  { label: "Bad Flight", topic: "bad_flight" },
  { label: "Flight Booking Problems", topic: "booking_problem" },
  { label: "Flight Attendant Complaints", topic: "flight_attendant" },
  { label: "longlines", topic: "long_lines" },
  { label: "Damaged Luggage", topic: "damaged_luggage" },
] as const;

export type ReasonLabel = (typeof REASONS)[number]["label"];
export type Topic = NonNullable<(typeof REASONS)[number]["topic"]>;

export const REASON_LABELS: readonly ReasonLabel[] = REASONS.map((r) => r.label);

export const isSentiment = (value: string): value is Sentiment => (SENTIMENTS as readonly string[]).includes(value);
export const isReasonLabel = (value: string): value is ReasonLabel => (REASON_LABELS as readonly string[]).includes(value);
