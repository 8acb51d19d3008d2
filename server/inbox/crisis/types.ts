/** One classified inbound message, as the detector sees it. */
export interface CrisisObservation {
  /** When the message was created on the network (Date or epoch milliseconds). */
  at: Date | number;
  /** Every series the message belongs to, e.g. ["brand:United", "topic:Late Flight"]. */
  series: readonly string[];
  negative: boolean;
  id: string;
}

/** Which window surged: the trailing hours, or the local day so far. */
export type CrisisWindowKind = "recent" | "day";

export type CrisisSeverity = "warning" | "major" | "critical";

/** What the same window held on the series' previous days. */
export interface CrisisBaseline {
  /** Previous days the figures come from. */
  days: number;
  /** Median negatives in the same hours of those days. */
  negative: number;
  /** Pooled negative share in the same hours of those days (0–1). */
  negativeShare: number;
  /** Median negatives over a whole previous day. */
  dailyNegative: number;
}

/** Raised once per episode when a series' negative messages surge against its own history. */
export interface CrisisAlert {
  series: string;
  /** When the alert was raised (the timestamp of the message that crossed the line, or the flush time). ISO-8601 UTC. */
  raisedAt: string;
  /** Best estimate of when the surge began: the hour from which the excess over the baseline accumulates. ISO-8601 UTC. */
  spikeStart: string;
  window: {
    kind: CrisisWindowKind;
    /** ISO-8601 UTC; the window runs to `raisedAt`. */
    start: string;
    negative: number;
    total: number;
    negativeShare: number;
  };
  baseline: CrisisBaseline;
  /** Window negatives over baseline negatives. */
  ratio: number;
  /** Standard deviations above the baseline. */
  zScore: number;
  severity: CrisisSeverity;
  /** Ids of the negative messages since `spikeStart`, oldest first, at most `maxMessageIds` (the latest). */
  messageIds: string[];
}

/** Where a series stands now: for dashboards. */
export interface CrisisSeriesStatus {
  series: string;
  /** Start of the open hour, ISO-8601 UTC. */
  hour: string;
  inEpisode: boolean;
  windows: {
    kind: CrisisWindowKind;
    negative: number;
    total: number;
    /** Null while the series has too little history to be judged. */
    baseline: CrisisBaseline | null;
    /** Negatives that would raise an alert in this window now (null without history). */
    alertAt: number | null;
  }[];
}
