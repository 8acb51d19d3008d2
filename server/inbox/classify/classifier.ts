import { decodeEntities } from "./decodeEntities.js";
import { Featurizer } from "./featurizer.js";
import { deriveIntent } from "./intent.js";
import { type Intent, REASONS, type ReasonLabel, SENTIMENTS, type Sentiment, type Topic } from "./labels.js";
import { scoreInto, softmaxInPlace } from "./linearHead.js";
import type { TriageModel } from "./modelFile.js";

export interface Classification {
  sentiment: Sentiment;
  /** The model's probability of `sentiment`, 0–1. */
  sentimentConfidence: number;
  intent: Intent;
  /** For negative messages, what the complaint is about (null: not negative, unclear, or not confident enough). */
  topic: Topic | null;
  /** The model's probability of the complaint reason behind `topic` (0 when the reason was not asked). */
  topicConfidence: number;
}

export interface ClassifyOptions {
  /** A reason below this probability gives `topic: null` (default 0.3; the reason head has 10 classes). */
  minTopicConfidence?: number;
  /** Text is HTML-entity encoded, as networks deliver it (default true): `&amp;` is read as `&`. */
  decodeEntities?: boolean;
}

export interface ReasonPrediction {
  reason: ReasonLabel;
  confidence: number;
}

export const DEFAULT_MIN_TOPIC_CONFIDENCE = 0.3;

/**
 * Classifies messages with one model. Not re-entrant (it reuses its buffers): use one per thread,
 * which is what a synchronous call on one event loop is anyway.
 */
export class TriageClassifier {
  readonly model: TriageModel;
  private readonly featurizer: Featurizer;
  private readonly scores = new Float64Array(16);

  constructor(model: TriageModel) {
    this.model = model;
    this.featurizer = new Featurizer(model.features);
  }

  classify(text: string, options: ClassifyOptions = {}): Classification {
    const decoded = options.decodeEntities === false ? text : decodeEntities(text);
    const features = this.featurizer.extract(decoded);
    const scores = this.scores;
    scoreInto(this.model.sentiment, features, scores);
    const s = softmaxInPlace(scores, 3);
    const sentiment = SENTIMENTS[s] ?? "neutral";
    const sentimentConfidence = scores[s] ?? 0;
    let topic: Topic | null = null;
    let topicConfidence = 0;
    if (sentiment === "negative") {
      scoreInto(this.model.reason, features, scores);
      const r = softmaxInPlace(scores, REASONS.length);
      topicConfidence = scores[r] ?? 0;
      if (topicConfidence >= (options.minTopicConfidence ?? DEFAULT_MIN_TOPIC_CONFIDENCE)) topic = REASONS[r]?.topic ?? null;
    }
    const intent = deriveIntent({ text: decoded, sentiment, sentimentConfidence, topic });
    return { sentiment, sentimentConfidence, intent, topic, topicConfidence };
  }

  /** Sentiment only, as the class index (0 negative, 1 neutral, 2 positive): for evaluation and benchmarks. */
  sentimentIndex(text: string): number {
    scoreInto(this.model.sentiment, this.featurizer.extract(decodeEntities(text)), this.scores);
    return softmaxInPlace(this.scores, 3);
  }

  /** The most likely complaint reason, asked whatever the sentiment (evaluation scores it on negative rows). */
  reason(text: string): ReasonPrediction {
    scoreInto(this.model.reason, this.featurizer.extract(decodeEntities(text)), this.scores);
    const r = softmaxInPlace(this.scores, REASONS.length);
    return { reason: REASONS[r]?.label ?? "Can't Tell", confidence: this.scores[r] ?? 0 };
  }
}
